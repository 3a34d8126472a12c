"""Feed exporters for the dataset: one row per post, UTF-8, spreadsheet-safe CSV.

They are Scrapy's exporters plus two things: each keeps only the last version of a post (the merge
pipeline passes a post again whenever a later capture adds to it; see ``crawler.pipelines.merge``)
and writes when the feed closes, and the CSV one joins lists with ``|`` and neutralizes formula
cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exporters import (
    BaseItemExporter,
    CsvItemExporter,
    JsonItemExporter,
    JsonLinesItemExporter,
)

from crawler.spool import Spool
from crawler.versions import post_key

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
        self._spool = Spool(prefix="archive-feed-")

    def export_item(self, item: Any) -> None:
        self._spool.put(repr(post_key(ItemAdapter(item))), item)

    def finish_exporting(self) -> None:
        for item in self._spool.items():
            super().export_item(item)  # type: ignore[safe-super]  # the concrete exporter's
        self._spool.close()
        super().finish_exporting()


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
