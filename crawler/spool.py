"""A scratch table of items by key, in a temporary SQLite file instead of memory.

A site of 100,000 posts with their bodies would otherwise hold gigabytes until the crawl ends.
Items are pickled; a put replaces the key's item and keeps its first position. The file lives in
the temporary folder (``TMPDIR``) and is deleted on :meth:`Spool.close`.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class Spool:
    """Items by key; :meth:`items` yields them in the order their keys were first put."""

    def __init__(self, prefix: str = "archive-spool-") -> None:
        self._dir = tempfile.TemporaryDirectory(prefix=prefix)
        self._db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite3")
        self._db.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to recover
        self._db.execute("CREATE TABLE items (seq INTEGER PRIMARY KEY, key TEXT UNIQUE, item BLOB)")

    def get(self, key: str) -> Any | None:
        row = self._db.execute("SELECT item FROM items WHERE key = ?", (key,)).fetchone()
        return None if row is None else pickle.loads(row[0])

    def put(self, key: str, item: Any) -> None:
        self._db.execute("INSERT INTO items (key, item) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET item = excluded.item", (key, pickle.dumps(item)))

    def items(self) -> Iterator[Any]:
        for (blob,) in self._db.execute("SELECT item FROM items ORDER BY seq"):
            yield pickle.loads(blob)

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()
