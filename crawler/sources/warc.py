"""WARC (and ARC) files: a file, or a folder of them, read directly with warcio.

At start every ``response`` and ``revisit`` record is indexed (URL -> captures with their times,
file and offset), in a thread so the crawl is not frozen; then each URL is served from the record
:mod:`crawler.sources.captures` chooses, read by seeking to its offset. A revisit's payload comes
from the record it revisits (same payload digest).
"""

from __future__ import annotations

import asyncio
import logging
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from crawler.sources.archiveclient import CrawlStats
from crawler.sources.captures import CaptureIndex, CaptureRecord, Window
from crawler.sources.indexed import CAPTURE_TRIES, Fetched, IndexedSource
from crawler.sources.replay import archived_response, original_headers
from crawler.sources.waybackurls import timestamp_from_iso
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
CAPTURE_TYPES = ("response", "revisit")
READ_ERRORS = (OSError, ArchiveLoadFailed, ValueError, EOFError, zlib.error)
"""What a damaged or truncated (W)ARC file raises."""


@dataclass(frozen=True)
class RecordRef:
    file: Path
    offset: int


class WarcSource(IndexedSource):
    """Serves original URLs from WARC records and enumerates every HTML capture they hold."""

    name = "warc"

    def __init__(
        self, site: SiteUrls, files: list[Path], window: Window, stats: Any = None,
        tries: int = CAPTURE_TRIES,
    ) -> None:
        super().__init__(site, window, stats, tries)
        if not files:
            raise ValueError("no WARC files given")
        self.files = files
        self.hosts: Counter[str] = Counter()
        """Hosts of the off-site records, to say which sites the files do hold."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, site: SiteUrls, path: Path) -> WarcSource:
        settings = crawler.settings
        window = Window.from_args(settings.get("ARCHIVE_FROM"), settings.get("ARCHIVE_TO"))
        tries = settings.getint("ARCHIVE_CAPTURE_TRIES", CAPTURE_TRIES)
        return cls(site, warc_files(path), window, CrawlStats(crawler), tries)

    def describe(self) -> str:
        where = (
            self.files[0]
            if len(self.files) == 1
            else f"{len(self.files)} WARC files in {self.files[0].parent}"
        )
        return f"{self.site.root} from {where} ({self.window})"

    def archive_url(self, record: CaptureRecord) -> str:
        return f"{record.ref.file.as_uri()}#offset={record.ref.offset}"

    async def load_index(self, index: CaptureIndex) -> None:
        records, counts = await asyncio.to_thread(read_index, self.files)
        for name, count in sorted(counts.items()):
            self.inc(f"warc/{name}", count)
        for record in records:
            if index.add(record) is None:
                self.hosts[urlsplit(record.url).netloc.lower()] += 1

    async def read(self, request: Request, record: CaptureRecord) -> Fetched | None:
        try:
            status, headers, body = await asyncio.to_thread(read_capture, record)
        except READ_ERRORS as exc:
            self.inc("warc/unreadable")
            logger.warning(
                "Cannot read record %s of %s: %s", self.archive_url(record), record.url, exc
            )
            return None
        location = headers.pop("location", None)
        if 300 <= status < 400 and location:
            self.inc("captures/redirects")
            response = archived_response(
                request, status, {}, b"", location=urljoin(record.url, location)
            )
            return Fetched(response, record)
        fixes: list[str] = []
        response = archived_response(request, status, headers, body, fixes=fixes)
        for fix in fixes:
            self.inc(f"captures/fixed/{fix}")
        if status != 200:
            self.inc(f"captures/status/{status}")
        return Fetched(response, record)

    def index_empty(self) -> None:
        hosts = ", ".join(f"{host} ({n})" for host, n in self.hosts.most_common(5))
        logger.warning(
            "The WARC files hold no captures of %s in the window%s", self.site.root,
            f"; the hosts they hold most: {hosts}" if hosts else "",
        )


def warc_files(path: Path) -> list[Path]:
    """*path* itself, or the WARC files in that folder (and in its ``archive/`` folder, where a
    pywb collection keeps them), sorted."""
    if path.is_file():
        return [path]
    found = [
        f
        for folder in (path, path / "archive")
        if folder.is_dir()
        for f in folder.iterdir()
        if f.is_file() and f.name.endswith(SUFFIXES)
    ]
    return sorted(found)


def is_warc_path(path: Path) -> bool:
    return path.name.endswith(SUFFIXES) if path.is_file() else bool(warc_files(path))


def read_index(files: list[Path]) -> tuple[list[CaptureRecord], Counter[str]]:
    """Every response and revisit record of *files*, with counts of what was read. A damaged
    file is read up to the damage (logged and counted in ``unreadable_files``)."""
    records: list[CaptureRecord] = []
    counts: Counter[str] = Counter()
    for file in files:
        try:
            _read_file(file, records, counts)
        except READ_ERRORS as exc:
            counts["unreadable_files"] += 1
            logger.error("Cannot read all of %s (%s): its later records are left out", file, exc)
    return records, counts


def _read_file(file: Path, records: list[CaptureRecord], counts: Counter[str]) -> None:
    with file.open("rb") as stream:
        iterator = ArchiveIterator(stream, arc2warc=True)
        for record in iterator:
            counts["records"] += 1
            if record.rec_type not in CAPTURE_TYPES:
                continue
            capture = _capture(record, RecordRef(file, iterator.get_record_offset()))
            counts["revisits" if capture.revisit else "responses"] += 1
            records.append(capture)


def _capture(record: ArcWarcRecord, ref: RecordRef) -> CaptureRecord:
    headers = record.rec_headers
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    mime = (http.get_header("Content-Type") or "") if http is not None else ""
    return CaptureRecord(
        url=(headers.get_header("WARC-Target-URI") or "").strip("<>"),
        timestamp=timestamp_from_iso(headers.get_header("WARC-Date")),
        status=int(status) if status and status.isdigit() else None,
        mime=mime.split(";")[0].strip().lower(),
        digest=headers.get_header("WARC-Payload-Digest") or "",
        revisit=record.rec_type == "revisit",
        ref=ref,
    )


@dataclass(frozen=True)
class Payload:
    status: int | None
    headers: dict[str, str]
    body: bytes


def read_capture(capture: CaptureRecord) -> tuple[int, dict[str, str], bytes]:
    """Status, original headers and payload of *capture* (a revisit's payload from its origin)."""
    own = _read(capture.ref)
    if capture.origin is None:
        return own.status or 200, own.headers, own.body
    origin = _read(capture.origin.ref)
    if own.status is None:  # a revisit without HTTP headers: the origin's response, again
        return origin.status or 200, origin.headers, origin.body
    return own.status, own.headers, origin.body


def _read(ref: RecordRef) -> Payload:
    with ref.file.open("rb") as stream:
        stream.seek(ref.offset)
        record = next(iter(ArchiveIterator(stream, arc2warc=True)))
        body = record.content_stream().read()
    http = record.http_headers
    if http is None or not http.get_statuscode():
        return Payload(None, {}, body)
    headers = original_headers(http.headers)
    if http.get_header("Location"):
        headers["location"] = http.get_header("Location")
    status = http.get_statuscode()
    return Payload(int(status) if status.isdigit() else None, headers, body)
