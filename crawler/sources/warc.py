"""WARC (and ARC) files: a file, or a folder of them, read directly with warcio.

At start every sound ``response`` and ``revisit`` record is indexed (URL -> captures with their
times, file and offset), in a thread so the crawl is not frozen; then each URL is served from the
record :mod:`crawler.sources.captures` chooses, read by seeking to its offset
(:mod:`crawler.sources.warcread`). A revisit's payload comes from the record it revisits (same
payload digest). Damaged, truncated and oversized records are refused and counted
(:mod:`crawler.sources.warcscan`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler

from crawler.sources.base import CrawlStats
from crawler.sources.captures import CaptureIndex, CaptureRecord, Window
from crawler.sources.indexed import CAPTURE_TRIES, Fetched, IndexedSource
from crawler.sources.limits import MAX_PAGE_BYTES, PageTooLarge
from crawler.sources.replay import archived_response
from crawler.sources.warcread import read_capture, read_index
from crawler.sources.warcscan import READ_ERRORS
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


class WarcSource(IndexedSource):
    """Serves original URLs from WARC records and enumerates every HTML capture they hold."""

    name = "warc"

    def __init__(
        self, site: SiteUrls, files: list[Path], window: Window, stats: Any = None,
        tries: int = CAPTURE_TRIES, max_bytes: int = MAX_PAGE_BYTES,
    ) -> None:
        super().__init__(site, window, stats, tries)
        if not files:
            raise ValueError("no WARC files given")
        self.files = files
        self.max_bytes = max_bytes
        self.hosts: Counter[str] = Counter()
        """Hosts of the off-site records, to say which sites the files do hold."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, site: SiteUrls, path: Path) -> WarcSource:
        settings = crawler.settings
        window = Window.from_args(settings.get("ARCHIVE_FROM"), settings.get("ARCHIVE_TO"))
        tries = settings.getint("ARCHIVE_CAPTURE_TRIES", CAPTURE_TRIES)
        max_bytes = settings.getint("ARCHIVE_MAX_PAGE_BYTES", MAX_PAGE_BYTES)
        return cls(site, warc_files(path), window, CrawlStats(crawler), tries, max_bytes)

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
        records, counts = await asyncio.to_thread(read_index, self.files, self.max_bytes)
        for name, count in sorted(counts.items()):
            self.inc(f"warc/{name}", count)
        for record in records:
            if index.add(record) is None:
                self.hosts[urlsplit(record.url).netloc.lower()] += 1

    async def read(self, request: Request, record: CaptureRecord) -> Fetched | None:
        try:
            status, headers, body = await asyncio.to_thread(read_capture, record, self.max_bytes)
        except PageTooLarge as exc:
            self.inc("too_large")
            logger.warning("Not reading record %s of %s: %s", self.archive_url(record),
                           record.url, exc)
            return None
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
