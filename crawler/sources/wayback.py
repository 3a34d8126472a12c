"""Wayback-style archives: the Internet Archive, pywb, OpenWayback.

Enumeration asks the capture index (CDX) for every HTML capture of the site in the window, a few
large paged queries; each URL is then served from the capture :mod:`crawler.sources.captures`
chooses, fetched raw (``id_``). URLs the index does not list are asked of the replay at the end of
the window: it redirects to the nearest capture, used if it lies in the window.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.sources.archiveclient import (
    ArchiveClient,
    ArchiveUnavailable,
    ArchiveUnreachable,
)
from crawler.sources.archiveserver import is_memento
from crawler.sources.base import CrawlStats
from crawler.sources.captures import CaptureIndex, CaptureRecord, Choice, Window
from crawler.sources.cdx import CdxError, CdxQuery, dialect_for, parse_page
from crawler.sources.indexed import CAPTURE_TRIES, Fetched, IndexedSource
from crawler.sources.limits import PageTooLarge
from crawler.sources.ratelimit import INDEX, PAGE
from crawler.sources.replay import archived_response, original_headers
from crawler.sources.waybackurls import (
    CaptureRef,
    WaybackUrls,
    crawl_time_redirect,
    original_links,
    pad_timestamp,
    timestamp_from_http_date,
)
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

MAX_HOPS = 5
"""Replay redirects (to a nearby timestamp, between spellings of one URL) followed per fetch."""


class WaybackSource(IndexedSource):
    """Serves original URLs from raw captures under a replay prefix."""

    name = "wayback"

    def __init__(
        self,
        site: SiteUrls,
        urls: WaybackUrls,
        query: CdxQuery,
        window: Window,
        client: ArchiveClient,
        stats: Any = None,
        tries: int = CAPTURE_TRIES,
    ) -> None:
        super().__init__(site, window, stats, tries)
        self.urls = urls
        self.query = query
        self.client = client

    @classmethod
    def from_crawler(cls, crawler: Crawler, site: SiteUrls, archive: str) -> WaybackSource:
        settings = crawler.settings
        urls = WaybackUrls.from_archive(archive)
        endpoint = settings.get("ARCHIVE_CDX_URL") or urls.cdx_url()
        window = Window.from_args(settings.get("ARCHIVE_FROM"), settings.get("ARCHIVE_TO"))
        query = CdxQuery(
            endpoint,
            dialect_for(endpoint, settings.get("ARCHIVE_CDX_DIALECT", "auto")),
            root=site.root,
            match=settings.get("ARCHIVE_CDX_MATCH", "host"),
            since=window.since,
            until=window.until,
            page_size=settings.getint("ARCHIVE_CDX_PAGE_SIZE"),
            collapse=settings.get("ARCHIVE_CDX_COLLAPSE") or "",
        )
        return cls(
            site, urls, query, window, ArchiveClient.from_crawler(crawler), CrawlStats(crawler),
            tries=settings.getint("ARCHIVE_CAPTURE_TRIES", CAPTURE_TRIES),
        )

    def describe(self) -> str:
        return f"{self.site.root} from the Wayback-style archive {self.urls.prefix} ({self.window})"

    def archive_url(self, record: CaptureRecord) -> str:
        return self.urls.capture_url(record.url, record.timestamp)

    async def load_index(self, index: CaptureIndex) -> None:
        resume: str | None = None
        while True:
            url = self.query.url(resume)
            try:
                response = await self.client.get(url, INDEX)
            except ArchiveUnavailable as exc:
                return self._index_failed(str(exc))
            except PageTooLarge as exc:
                return self._index_failed(str(exc))
            self.inc("cdx/queries")
            if response.status != 200:
                return self._index_failed(
                    f"HTTP {response.status} for {url}: {response.body[:300]!r}"
                )
            try:
                page = parse_page(response.body)
            except CdxError as exc:
                return self._index_failed(f"{url} answered {exc}: {response.body[:300]!r}")
            self.inc("cdx/rows", len(page.rows))
            if page.bad_rows:
                self.inc("cdx/bad_rows", page.bad_rows)
                logger.warning("The capture index answered %d rows without a capture's "
                               "timestamp or URL to %s: left out", page.bad_rows, url)
            for row in page.rows:
                record = CaptureRecord(row.original, row.timestamp, row.status, row.mime,
                                       row.digest, revisit=row.is_revisit)
                index.add(record)
            if not (page.resume_key and page.rows and self.query.dialect.resumable):
                return None
            resume = page.resume_key

    def _index_failed(self, why: str) -> None:
        self.inc("cdx/failed")
        logger.warning(
            "The capture index gave no usable answer (%s): enumeration is incomplete, link "
            "walking goes on and asks the replay for each URL (check ARCHIVE_CDX_URL and "
            "ARCHIVE_CDX_DIALECT)",
            why,
        )

    def candidates(self, request: Request, choice: Choice | None) -> list[CaptureRecord]:
        if choice is not None:
            return super().candidates(request, choice)
        # Not in the index: ask the replay for the capture nearest to the end of the site's life
        # (once known) or of the window; it redirects to the nearest one it has.
        self.inc("captures/unindexed")
        death = self.life.death
        when = _second_before(death) if death else self.window.until or _now()
        return [CaptureRecord(request.url, when, None)]

    def index_empty(self) -> None:
        logger.warning(
            "The capture index returned no captures of %s in the window (query: %s). If the "
            "replay serves its pages, the index is at another address or speaks another dialect: "
            "set ARCHIVE_CDX_URL / ARCHIVE_CDX_DIALECT. Until then only pages reached by links "
            "are crawled.", self.site.root, self.query.url())

    async def read(self, request: Request, record: CaptureRecord) -> Fetched | None:
        """The response from *record*'s raw capture, following the replay's own redirects;
        ``None`` when the replay has no such capture (or only one outside the window)."""
        canonical = self.site.canonical(request.url)
        url = self.archive_url(record)
        for _ in range(MAX_HOPS + 1):
            try:
                response = await self.client.get(url, PAGE)
            except ArchiveUnreachable as exc:  # said once by the client; the crawl is stopping
                raise IgnoreRequest(str(exc)) from None
            except PageTooLarge as exc:
                self.inc("too_large")
                logger.warning("Not reading capture %s of %s: %s", url, request.url, exc)
                return None
            ref = self.urls.parse(response.url) or self.urls.parse(url)
            status, target = self._redirect(response, url, request.url, record.timestamp)
            if target is not None and self.site.canonical(target.original) == canonical:
                self.inc("replay/redirects")  # the replay's own: a nearby timestamp, a spelling
                url = self.urls.capture_url(target.original, target.timestamp)
                continue
            timestamp = _memento_timestamp(response) or (ref.timestamp if ref else record.timestamp)
            if response.status == 404 and not is_memento(response):
                self.inc("captures/not_archived")
                logger.info("The replay has no capture %s (not archived)", url)
                return None
            if timestamp not in self.window:
                self.inc("captures/outside_window")
                logger.info(
                    "Nearest capture of %s is %s, outside the window", request.url, timestamp
                )
                return None
            served = replace(record, timestamp=timestamp, status=response.status)
            return Fetched(self._respond(request, response, status, target), served, url)
        self.inc("replay/redirect_loops")
        logger.warning("Too many replay redirects for %s, last %s", request.url, url)
        return None

    def _redirect(self, response: Response, url: str, original: str,
                  timestamp: str) -> tuple[int, CaptureRef | None]:
        """The archived status and, for an archived redirect, where it leads: a 3xx ``Location``
        (a capture URL, or an original one when the replay left it alone), or the page the
        Wayback Machine shows instead ("Got an HTTP 301 response at crawl time")."""
        location = response.headers.get("Location")
        if 300 <= response.status < 400 and location:
            value = location.decode("latin-1")
            ref = self.urls.parse(value, base=url)
            return response.status, ref or CaptureRef(timestamp, "", urljoin(original, value))
        if response.status == 200:
            found = crawl_time_redirect(response.body, url, self.urls)
            if found is not None and self.site.canonical(found[1].original) is not None:
                self.inc("replay/crawl_time_redirects")
                return found
        return response.status, None

    def _respond(self, request: Request, response: Response, status: int,
                 target: CaptureRef | None) -> Response:
        if target is not None:
            self.inc("captures/redirects")
            return archived_response(request, status, {}, b"", location=target.original)
        pairs = [(k.decode("latin-1"), v.decode("latin-1"))
                 for k, values in response.headers.items() for v in values]
        headers = original_headers(pairs)
        if "link" in headers:
            headers["link"] = original_links(headers["link"], self.urls)
        fixes: list[str] = []
        result = archived_response(request, status, headers, response.body, fixes=fixes)
        for fix in fixes:
            self.inc(f"captures/fixed/{fix}")
        if status != 200:
            self.inc(f"captures/status/{status}")
        return result


def _memento_timestamp(response: Response) -> str | None:
    value = response.headers.get("Memento-Datetime")
    return timestamp_from_http_date(value.decode("latin-1")) if value else None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y%m%d%H%M%S")


def _second_before(timestamp: str) -> str:
    when = datetime.strptime(pad_timestamp(timestamp), "%Y%m%d%H%M%S") - timedelta(seconds=1)
    return when.strftime("%Y%m%d%H%M%S")
