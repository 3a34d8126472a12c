"""The whole datasets from the state store, filtered, written atomically with the feed exporters."""

from __future__ import annotations

import errno
import hashlib
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import IO, Any

from scrapy.exporters import BaseItemExporter
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from crawler.feedstorage import write_atomically
from crawler.items import POST_FIELDS

FORMATS = {".json": "json", ".jsonl": "jsonl", ".jsonlines": "jsonlines", ".jl": "jl",
           ".csv": "csv"}
"""Output extension -> ``FEED_EXPORTERS`` format: the same exporters as the crawl's feeds (the
tabular ones a ``datapackage.json`` can describe)."""
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def format_of(output: Path) -> str:
    """The export format for *output*'s extension; ``ValueError`` names the ones known."""
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the format of {str(output)!r}: name a file ending in "
                         + ", ".join(FORMATS))
    return fmt


def _fold(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.strip().casefold() for v in values if v.strip())


@dataclass(frozen=True)
class Filters:
    """Which posts (or comments) to export. Dates compare with ``published`` by prefix, so
    ``--from 2017`` and ``--to 2017-06`` work; names match case-insensitively (a post's author
    by name or slug, a comment's by name). Each repeated option widens its own filter (any of
    the names); different options all apply. A comment has no categories or tags: those are
    its post's (:meth:`of_posts`)."""

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
            if value is not None and not _is_date(value):
                raise ValueError(f"{name} {value!r}: give a date YYYY, YYYY-MM or YYYY-MM-DD "
                                 "(e.g. 2017-06)")
        if since and until and since > until[: len(since)]:
            raise ValueError(f"--from {since} is after --to {until}")
        return cls(since, until, _fold(authors), _fold(categories), _fold(tags))

    def of_posts(self) -> Filters:
        """What a comment's post must match: its categories and tags."""
        return Filters(categories=self.categories, tags=self.tags)

    def of_comments(self) -> Filters:
        """What a comment itself must match: its date and its author."""
        return replace(self, categories=frozenset(), tags=frozenset())

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


def _is_date(value: str) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real year, month or day."""
    if not _DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def exporter_for(fmt: str, file: Any, settings: BaseSettings,
                 fields: Iterable[str] | None = None) -> BaseItemExporter:
    """The exporter the crawl's feeds would use for *fmt*, with the feeds' options (the posts'
    columns unless *fields* names others)."""
    exporter_class = load_object(settings.getwithbase("FEED_EXPORTERS")[fmt])
    indent = settings["FEED_EXPORT_INDENT"]
    columns = fields or settings.getlist("FEED_EXPORT_FIELDS") or POST_FIELDS
    exporter: BaseItemExporter = exporter_class(
        file, fields_to_export=list(columns),
        encoding=settings.get("FEED_EXPORT_ENCODING") or "utf-8",
        indent=None if indent is None else int(indent))
    return exporter


class HashingWriter(io.RawIOBase):
    """A binary file that passes what is written on to *file*, counting and hashing it: the
    ``datapackage.json`` gets the file's size and SHA-256 without reading it back."""

    def __init__(self, file: IO[bytes]) -> None:
        super().__init__()
        self.file = file
        self.size = 0
        self.sha256 = hashlib.sha256()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        written = self.file.write(data)
        view = memoryview(data)[:written]
        self.sha256.update(view)
        self.size += len(view)
        return written

    def flush(self) -> None:
        self.file.flush()


@dataclass(frozen=True)
class Written:
    """A dataset file as written: its rows, bytes and SHA-256 (hex)."""

    count: int
    size: int
    sha256: str


def write_dataset(records: Iterator[dict[str, Any]], output: Path, fmt: str,
                  settings: BaseSettings, fields: Iterable[str] | None = None) -> Written:
    """Write *records* to *output* through a temporary file; say what was written.

    On an error (a full disk, a full ``TMPDIR``) the temporary file is removed and the error
    raised; on a kill it stays, named as partial. The previous *output* is intact either way.
    """
    if output.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way, not a file", str(output))

    def write(raw: IO[bytes]) -> Written:
        file = HashingWriter(raw)
        exporter = exporter_for(fmt, file, settings, fields)
        exporter.start_exporting()
        count = 0
        for record in records:
            exporter.export_item(record)
            count += 1
        exporter.finish_exporting()
        return Written(count, file.size, file.sha256.hexdigest())

    return write_atomically(output, write)
