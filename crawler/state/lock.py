"""One crawl at a time per site and state store: an ``flock`` on a file beside the database.

The kernel drops an ``flock`` when its process dies, however it dies, so a lock left by a killed
run never blocks: the next run takes it over and says so. The file holds who took the lock (PID,
host, start time) only so the message for a second run can name the first.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

logger = logging.getLogger(__name__)


class LockHeld(Exception):
    """Another live process holds the lock."""


def lock_path(state_path: str | Path, site: str) -> Path:
    """``<state>.<host>.lock``: crawls of different sites may share one store."""
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", site.split("://", 1)[-1]).strip("_")
    path = Path(state_path)
    return path.with_name(f"{path.name}.{host}.lock")


class StateLock:
    """An exclusive, non-blocking lock; :meth:`acquire` raises :class:`LockHeld`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = _read_owner(handle)
            handle.close()
            raise LockHeld(f"another crawl holds {str(self.path)!r} ({_describe(owner)}); "
                           "wait for it to finish or stop it") from None
        previous = _read_owner(handle)
        if previous:
            logger.warning("Taking over the lock %s left by %s, which is gone (killed?)",
                           self.path, _describe(previous))
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "started": datetime.now(UTC).isoformat()}))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Clear the owner and unlock; the file stays (deleting a locked file races)."""
        if self._file is None:
            return
        self._file.seek(0)
        self._file.truncate()
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
        self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None


def _read_owner(handle: IO[str]) -> dict[str, Any]:
    handle.seek(0)
    try:
        owner = json.loads(handle.read() or "{}")
    except ValueError:
        return {}
    return owner if isinstance(owner, dict) else {}


def _describe(owner: dict[str, Any]) -> str:
    if not owner:
        return "owner unknown"
    return f"PID {owner.get('pid')} on {owner.get('host')}, started {owner.get('started')}"
