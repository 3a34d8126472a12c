"""Feed exporters for the dataset: one row per post, UTF-8, spreadsheet-safe CSV.

They are Scrapy's exporters plus two things: each keeps only the last version of a post (the dedupe
pipeline passes a newer version after an older one; see ``crawler.pipelines.dedupe``) and writes
when the feed closes, and the CSV one joins lists with ``|`` and neutralizes formula cells.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from scrapy.exporters import (
    BaseItemExporter,
    CsvItemExporter,
    JsonItemExporter,
    JsonLinesItemExporter,
)

from crawler.pipelines.dedupe import post_key

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet evaluate a cell (OWASP "CSV injection")."""


def neutralize_formula(value: Any) -> Any:
    """Prefix a text cell a spreadsheet would execute with ``'`` so it is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class LatestVersionMixin(BaseItemExporter):
    """Spools items by post key, keeping each key's last item, and writes them at the end.

    The spool is a temporary SQLite file, not memory: a site of 100,000 posts with their bodies
    would otherwise hold gigabytes until the crawl ends. Rows come out in first-seen order.
    """

    def start_exporting(self) -> None:
        super().start_exporting()
        self._spool = _Spool()

    def export_item(self, item: Any) -> None:
        self._spool.put(repr(post_key(item)), item)

    def finish_exporting(self) -> None:
        for item in self._spool.items():
            super().export_item(item)  # type: ignore[safe-super]  # the concrete exporter's
        self._spool.close()
        super().finish_exporting()


class _Spool:
    """Items by key in a temporary SQLite file (deleted on close); a put replaces, keeping order."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="archive-feed-")
        self._db = sqlite3.connect(Path(self._dir.name) / "spool.sqlite3")
        self._db.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to recover
        self._db.execute("CREATE TABLE items (seq INTEGER PRIMARY KEY, key TEXT UNIQUE, item BLOB)")

    def put(self, key: str, item: Any) -> None:
        self._db.execute("INSERT INTO items (key, item) VALUES (?, ?) ON CONFLICT(key) "
                         "DO UPDATE SET item = excluded.item", (key, pickle.dumps(item)))

    def items(self) -> Iterator[Any]:
        for (blob,) in self._db.execute("SELECT item FROM items ORDER BY seq"):
            yield pickle.loads(blob)

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()


class PostJsonItemExporter(LatestVersionMixin, JsonItemExporter):
    """A JSON array of posts."""


class PostJsonLinesItemExporter(LatestVersionMixin, JsonLinesItemExporter):
    """One JSON object per line."""


class PostCsvItemExporter(LatestVersionMixin, CsvItemExporter):
    """CSV with DESIGN.md's columns, list fields joined with ``|``, formula cells neutralized."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("join_multivalued", "|")
        super().__init__(file, **kwargs)

    def serialize_field(self, field: Mapping[str, Any], name: str, value: Any) -> Any:
        return neutralize_formula(super().serialize_field(field, name, value))
