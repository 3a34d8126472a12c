"""One crawl at a time per site and state store: an ``flock`` on a file beside the database.

The kernel drops an ``flock`` when its process dies, however it dies, so a lock left by a killed
run never blocks: the next run takes it over and says so. The file holds who took the lock (PID,
host, start time) only so the message for a second run can name the first.

The file's name is predictable, so it is opened without following a symbolic link and used only
if it is a regular file with no other name: a link planted there (to a file the user can write)
is refused, never truncated.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import re
import socket
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from crawler.urls import site_urls

logger = logging.getLogger(__name__)


class LockHeld(Exception):
    """Another live process holds the lock."""


def lock_path(state_path: str | Path, site: str) -> Path:
    """``<state>.<site key>.lock``: one lock per site, whatever the spelling of its root
    (``https://www.example.org`` and ``http://example.org`` are ``example.org``: see
    :attr:`crawler.urls.SiteUrls.key`). Crawls of different sites may share one store."""
    name = re.sub(r"[^A-Za-z0-9.-]+", "_", site_urls(site).key).strip("_.")
    path = Path(state_path)
    return path.with_name(f"{path.name}.{name}.lock")


def _open_lock_file(path: Path) -> IO[str]:
    """The lock file, opened without following links or blocking (a FIFO); refused unless it
    is a regular file with one name."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "the lock file is a symbolic link: refusing to follow "
                          "it (remove it if it is not yours)", str(path)) from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise OSError(errno.EPERM, "the lock file is not a plain file of its own (a device, "
                      "a FIFO or a hard link): refusing to use it", str(path))
    return os.fdopen(fd, "r+", encoding="utf-8")


class StateLock:
    """An exclusive, non-blocking lock; :meth:`acquire` raises :class:`LockHeld`."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = _open_lock_file(self.path)
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
