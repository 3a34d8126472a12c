"""Feed exporters for the dataset: one row per post, UTF-8, spreadsheet-safe CSV.

They are Scrapy's exporters plus two things: each keeps only the last version of a post (the dedupe
pipeline passes a newer version after an older one; see ``crawler.pipelines.dedupe``) and writes
when the feed closes, and the CSV one joins lists with ``|`` and neutralizes formula cells.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    """Buffers items by post key, keeping each key's last item, and writes them at the end.

    Memory grows with the number of posts (a few KB each); the order is first-seen order.
    """

    def start_exporting(self) -> None:
        super().start_exporting()
        self._latest: dict[tuple[str, str], Any] = {}

    def export_item(self, item: Any) -> None:
        self._latest[post_key(item)] = item

    def finish_exporting(self) -> None:
        for item in self._latest.values():
            super().export_item(item)  # type: ignore[safe-super]  # the concrete exporter's
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
