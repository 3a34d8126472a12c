"""A scratch table of items by key, in a temporary SQLite file instead of memory.

A site of 100,000 posts with their bodies would otherwise hold gigabytes until the crawl ends.
Items are pickled; a put replaces the key's item and keeps its first position. The file lives in
the temporary folder (``TMPDIR``) and is deleted on :meth:`Spool.close`. Any failure to write or
read it (a full or read-only ``TMPDIR``) raises :class:`SpoolError`, which says where.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class SpoolError(OSError):
    """The spool cannot be written or read."""


class Spool:
    """Items by key; :meth:`items` yields them in the order their keys were first put."""

    def __init__(self, prefix: str = "archive-spool-") -> None:
        try:
            self._dir = tempfile.TemporaryDirectory(prefix=prefix)
        except OSError as exc:
            raise SpoolError(f"cannot create a spool in {tempfile.gettempdir()} "
                             f"(TMPDIR): {exc}") from exc
        with self._failing("create"):
            self._db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite3")
            self._db.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to recover
            self._db.execute("CREATE TABLE items (seq INTEGER PRIMARY KEY, key TEXT UNIQUE, "
                             "item BLOB)")

    def get(self, key: str) -> Any | None:
        with self._failing("read"):
            row = self._db.execute("SELECT item FROM items WHERE key = ?", (key,)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def put(self, key: str, item: Any) -> None:
        with self._failing("write"):
            self._db.execute("INSERT INTO items (key, item) VALUES (?, ?) ON CONFLICT(key) "
                             "DO UPDATE SET item = excluded.item", (key, pickle.dumps(item)))

    def items(self) -> Iterator[Any]:
        with self._failing("read"):
            for (blob,) in self._db.execute("SELECT item FROM items ORDER BY seq"):
                yield pickle.loads(blob)

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    @contextmanager
    def _failing(self, action: str) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as exc:
            raise SpoolError(f"cannot {action} the spool in {self._dir.name} (TMPDIR): "
                             f"{exc}") from exc
