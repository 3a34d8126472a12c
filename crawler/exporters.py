"""Feed exporters for the datasets: one row per post (or comment), UTF-8, spreadsheet-safe CSV.

They are Scrapy's exporters, one for every format Scrapy offers (``FEED_EXPORTERS_BASE``: JSON,
JSON Lines as ``jsonl``/``jsonlines``/``jl``, CSV, XML, marshal, pickle), plus three things:
each keeps only the last version of a post or comment (the merge pipeline passes one again
whenever a later capture adds to it; see ``crawler.pipelines.merge``) and writes when the feed
closes; the JSON ones escape the line separators ``str.splitlines()`` splits on; and the CSV one
joins lists with ``|`` and neutralizes formula cells.
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
    MarshalItemExporter,
    PickleItemExporter,
    XmlItemExporter,
)
from scrapy.utils.serialize import ScrapyJSONEncoder

from crawler.spool import Spool
from crawler.versions import record_key

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make a spreadsheet evaluate a cell (OWASP "CSV injection")."""

LINE_BREAKS = tuple((c, f"\\u{ord(c):04x}") for c in "\x85\u2028\u2029")
"""Characters JSON may leave raw in strings that ``str.splitlines()`` (and JavaScript before
ES2019) takes for line ends; escaped, a JSON Lines file has one record per line for every
reader. (JSON escapes the other ones, control characters, itself.)"""


def neutralize_formula(value: Any) -> Any:
    """Prefix a text cell a spreadsheet would execute with ``'`` so it is shown as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class LineSafeJSONEncoder(ScrapyJSONEncoder):
    """Scrapy's encoder, with :data:`LINE_BREAKS` escaped (they only occur inside strings)."""

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        for char, escaped in LINE_BREAKS:  # str.translate would cost 4 times the encoding
            if char in text:
                text = text.replace(char, escaped)
        return text


class LatestVersionMixin(BaseItemExporter):
    """Spools items by post (or comment) key, keeping each key's last item, and writes them at
    the end.

    The spool is a temporary SQLite file, not memory: a site of 100,000 posts with their bodies
    would otherwise hold gigabytes until the crawl ends. Rows come out in first-seen order.
    """

    def start_exporting(self) -> None:
        super().start_exporting()
        self._spool = Spool(prefix="archive-feed-")

    def export_item(self, item: Any) -> None:
        self._spool.put(repr(record_key(ItemAdapter(item))), item)

    def finish_exporting(self) -> None:
        try:
            for item in self._spool.items():
                super().export_item(item)  # type: ignore[safe-super]  # the concrete exporter's
        finally:
            self._spool.close()
        self.after_items()
        super().finish_exporting()

    def after_items(self) -> None:
        """Called once every row is written, before the file is finished."""


class LineSafeJsonMixin(BaseItemExporter):
    """Encodes with :class:`LineSafeJSONEncoder` (and the options Scrapy's JSON exporters set)."""

    encoder: Any  # Scrapy's two JSON exporters annotate it differently

    def __init__(self, file: Any, **kwargs: Any) -> None:
        super().__init__(file, **kwargs)  # type: ignore[call-arg]  # the concrete exporter's
        self.encoder = LineSafeJSONEncoder(**self._kwargs)


class PostJsonItemExporter(LatestVersionMixin, LineSafeJsonMixin, JsonItemExporter):
    """A JSON array of posts."""


class PostJsonLinesItemExporter(LatestVersionMixin, LineSafeJsonMixin, JsonLinesItemExporter):
    """One JSON object per line."""


class PostCsvItemExporter(LatestVersionMixin, CsvItemExporter):
    """CSV with the dataset's columns (README, "The dataset"), list fields joined with ``|``,
    formula cells neutralized."""

    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("join_multivalued", "|")
        super().__init__(file, **kwargs)

    def serialize_field(self, field: Mapping[str, Any], name: str, value: Any) -> Any:
        return neutralize_formula(super().serialize_field(field, name, value))

    def after_items(self) -> None:
        # No rows: the header alone, so the file is still a table of the known columns.
        if self._headers_not_written and self.fields_to_export:
            self._headers_not_written = False
            self._write_headers_and_set_fields_to_export(None)


class PostXmlItemExporter(LatestVersionMixin, XmlItemExporter):
    """Scrapy's XML (``<items><item>...``; a list field is one ``<value>`` per element)."""


class PostMarshalItemExporter(LatestVersionMixin, MarshalItemExporter):
    """Python's ``marshal``, one record after the other."""


class PostPickleItemExporter(LatestVersionMixin, PickleItemExporter):
    """Python's ``pickle``, one record after the other."""
