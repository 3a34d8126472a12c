"""The whole dataset from the state store, filtered, written atomically with the feed exporters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.exporters import BaseItemExporter
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from crawler.feedstorage import partial_path, replace_atomically
from crawler.items import POST_FIELDS

FORMATS = {".json": "json", ".jsonl": "jsonl", ".jsonlines": "jsonlines", ".csv": "csv"}
"""Output extension -> ``FEED_EXPORTERS`` format: the same exporters as the crawl's feeds."""
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def format_of(output: Path) -> str:
    """The export format for *output*'s extension; ``ValueError`` names the ones known."""
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {str(output)!r}: use one of "
                         + ", ".join(FORMATS))
    return fmt


def _fold(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().casefold() for v in values if v.strip())


@dataclass(frozen=True)
class Filters:
    """Which posts to export. Dates compare with ``published`` by prefix, so ``--from 2017``
    and ``--to 2017-06`` work; names match case-insensitively (authors by name or slug). Each
    repeated option widens its own filter (any of the names); different options all apply."""

    since: str | None = None
    until: str | None = None
    authors: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    @classmethod
    def build(cls, since: str | None = None, until: str | None = None,
              authors: Iterable[str] = (), categories: Iterable[str] = (),
              tags: Iterable[str] = ()) -> Filters:
        for name, value in (("--from", since), ("--to", until)):
            if value is not None and not _DATE.fullmatch(value):
                raise ValueError(f"{name} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        if since and until and since > until[: len(since)]:
            raise ValueError(f"--from {since} is after --to {until}")
        return cls(since, until, _fold(authors), _fold(categories), _fold(tags))

    def accepts(self, record: dict[str, Any]) -> bool:
        published = record.get("published") or ""
        if self.since and not (published and published[: len(self.since)] >= self.since):
            return False
        if self.until and not (published and published[: len(self.until)] <= self.until):
            return False
        if self.authors and not self.authors & _fold(
                v for v in (record.get("author"), record.get("author_slug")) if v):
            return False
        if self.categories and not self.categories & _fold(record.get("categories") or ()):
            return False
        return not (self.tags and not self.tags & _fold(record.get("tags") or ()))


def exporter_for(fmt: str, file: Any, settings: BaseSettings) -> BaseItemExporter:
    """The exporter the crawl's feeds would use for *fmt*, with the feeds' options."""
    exporter_class = load_object(settings.getwithbase("FEED_EXPORTERS")[fmt])
    indent = settings["FEED_EXPORT_INDENT"]
    return exporter_class(file, fields_to_export=list(settings.getlist("FEED_EXPORT_FIELDS")
                                                      or POST_FIELDS),
                          encoding=settings.get("FEED_EXPORT_ENCODING") or "utf-8",
                          indent=None if indent is None else int(indent))


def write_dataset(records: Iterator[dict[str, Any]], output: Path, fmt: str,
                  settings: BaseSettings) -> int:
    """Write *records* to *output* through a temporary file; return how many were written.

    On an error the temporary file is removed; on a kill it stays, named as partial, and the
    previous *output* is intact either way.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(output)
    count = 0
    try:
        with partial.open("wb") as file:
            exporter = exporter_for(fmt, file, settings)
            exporter.start_exporting()
            for record in records:
                exporter.export_item(record)
                count += 1
            exporter.finish_exporting()
        replace_atomically(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
