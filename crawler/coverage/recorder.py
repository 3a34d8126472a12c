"""Records what a crawl met, for ``scrapy report``: every capture fetched or passed over (its
URL, route, source, time and verdict), what each requested URL gave (a post, another page, or
why nothing), listing pages with their pagination, and the counts the site printed.

The crawl is watched from the outside: the sources report the captures they pass over
(:mod:`crawler.sources.observer`), a downloader middleware what answered each request, a spider
middleware what the spider made of it (:mod:`crawler.coverage.middlewares`). Rows go to the
state store in batches of :data:`BATCH`, so memory does not grow with the crawl; what stays in
memory is bounded (:data:`REMEMBERED`). Off when the state store is.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse

from crawler.coverage.listings import listing_row, printed_rows
from crawler.coverage.rows import failed_row, rejected_row, served_row
from crawler.progress import Counts
from crawler.sources import ArchiveSource, Capture
from crawler.sources.base import CAPTURE_META, RAW_META
from crawler.sources.indexed import IndexedSource
from crawler.sources.mirror import MirrorSource
from crawler.sources.observer import AFTERLIFE
from crawler.sources.waybackurls import iso_from_timestamp
from crawler.state.coverage import (
    CaptureRow,
    CountRow,
    ListingRow,
    write_coverage,
    write_run_details,
)
from crawler.state.extension import CrawlState
from crawler.state.store import utc_now
from crawler.state.tracking import KNOWN_CAPTURE_META
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

BATCH = 500
"""Rows written per transaction."""
REMEMBERED = 50_000
"""Afterlife payloads (by digest) and printed counts kept in memory to name and dedupe them;
past that the memory starts over (the store's upserts keep the rows right)."""
ROW_META = "archive_coverage_row"
OUTCOME_META = "archive_coverage_outcome"
LISTING_ROUTES = frozenset({"HOME", "PAGINATION", "CATEGORY", "TAG", "AUTHOR", "DATE"})


class CoverageRecorder:
    """The coverage record of one crawl (an extension; see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state: CrawlState | None = None
        self.source: ArchiveSource | None = None
        self.site: SiteUrls | None = None
        self.captures: list[CaptureRow] = []
        self.listings: list[ListingRow] = []
        self.counts: dict[tuple[str, str, int], CountRow] = {}
        self.dirty: set[tuple[str, str, int]] = set()
        self.kinds: dict[str, str] = {}
        """Afterlife kind by payload digest, to name captures passed over unread."""
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CoverageRecorder:
        if not (crawler.settings.get("ARCHIVE_STATE") or "").strip():
            raise NotConfigured("no state store to record coverage into")
        recorder = cls(crawler)
        # Before CrawlState in EXTENSIONS: this spider_closed handler runs before it closes the
        # store, so the last batch and the run's details get in.
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        self.state = self.crawler.get_extension(CrawlState)
        source = getattr(spider, "archive_source", None)
        if self.state is None or not isinstance(source, ArchiveSource):
            return
        self.source, self.site = source, source.site
        if isinstance(source, (IndexedSource, MirrorSource)):
            source.observer = self

    # --- What the sources tell (crawler.sources.observer.CaptureObserver) ----------------------

    def rejected(self, request: Request, capture: Capture, kind: str, fetched: bool) -> None:
        url = self._url(request)
        if url is None:
            return
        if capture.digest and fetched and len(self.kinds) < REMEMBERED:
            self.kinds[capture.digest] = kind
        if kind == AFTERLIFE and capture.digest:
            kind = self.kinds.get(capture.digest, kind)
        self._add(rejected_row(url, request, capture, kind, fetched))

    def unserved(self, request: Request, why: str) -> None:
        request.meta[OUTCOME_META] = why

    # --- What answered each request (crawler.coverage.middlewares) ------------------------------

    def response(self, request: Request, response: Response) -> None:
        url = self._url(request)
        if url is None:
            return
        # request.meta: a response Scrapy downloaded is tied to its request only after this
        capture = request.meta.get(CAPTURE_META) or Capture(source="live")
        row = served_row(url, request, response, capture, request.meta.pop(OUTCOME_META, None),
                         utc_now())
        if 200 <= response.status < 300:
            request.meta[ROW_META] = row  # the spider middleware adds what the page gave
        else:
            self._add(row)  # Scrapy's HttpError middleware keeps it from the spider

    def exception(self, request: Request) -> None:
        url = self._url(request)
        if url is not None:
            self._add(failed_row(url, request, request.meta.get(CAPTURE_META)))

    def parsed(self, response: Response, item: Any) -> None:
        """The spider is done with *response*; *item* is the post (or page) it gave, if any."""
        row: CaptureRow | None = response.meta.pop(ROW_META, None)
        if row is None or self.site is None:
            return
        if item is not None:
            row.page_kind, row.post_id = item.get("page_kind"), item.get("post_id")
        self._add(row)
        if (row.route in LISTING_ROUTES and isinstance(response, TextResponse)
                and KNOWN_CAPTURE_META not in response.meta):
            self._read_listing(response, row)

    def _read_listing(self, response: TextResponse, row: CaptureRow) -> None:
        assert self.site is not None
        listing = listing_row(self.site, response, row.url, row.capture, row.captured_at)
        if listing is not None:
            self.listings.append(listing)
        for count in printed_rows(self.site, response, row.captured_at):
            self._count(count)
        self._maybe_flush()

    # --- Batches --------------------------------------------------------------------------------

    def _url(self, request: Request) -> str | None:
        if self.site is None or request.meta.get(RAW_META):
            return None
        return self.site.canonical(request.url)

    def _add(self, row: CaptureRow) -> None:
        self.captures.append(row)
        self._maybe_flush()

    def _count(self, row: CountRow) -> None:
        key = (row.what, row.term, row.count)
        known = self.counts.get(key)
        if known is not None and known.first_seen == _min(known.first_seen, row.first_seen) \
                and known.last_seen == _max(known.last_seen, row.last_seen):
            return
        if known is not None:
            row = CountRow(row.what, row.term, row.count, known.name or row.name,
                           _min(known.first_seen, row.first_seen),
                           _max(known.last_seen, row.last_seen))
        self.counts[key] = row
        self.dirty.add(key)

    def _maybe_flush(self) -> None:
        if len(self.captures) + len(self.listings) + len(self.dirty) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending rows in one transaction (dropped if the run is not open)."""
        captures, listings = self.captures, self.listings
        counts = [self.counts[key] for key in self.dirty]
        self.captures, self.listings, self.dirty = [], [], set()
        if len(self.counts) > REMEMBERED:
            self.counts.clear()
        state = self.state
        if state is None or state.run is None or not (captures or listings or counts):
            return
        try:
            with state.store.transaction() as db:
                write_coverage(db, state.site, state.run, captures, listings, counts)
        except sqlite3.Error as exc:
            self._write_failed(exc)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.flush()
        state, source = self.state, self.source
        if state is None or state.run is None or source is None:
            return
        settings, stats = self.crawler.settings, self.crawler.stats
        values = stats.get_stats() if stats is not None else {}
        try:
            with state.store.transaction() as db:
                write_run_details(
                    db, state.run, state.site, archive=source.describe(),
                    window=(settings.get("ARCHIVE_FROM"), settings.get("ARCHIVE_TO")),
                    exported=Counts.from_stats(values).posts, stats=values,
                    afterlife=afterlife_pages(source))
        except sqlite3.Error as exc:
            self._write_failed(exc)

    def _write_failed(self, exc: Exception) -> None:
        if not self.failed:  # the crawl's own writes fail the same way, and say so
            logger.error("Could not record coverage for scrapy report: %s", exc)
        self.failed = True


def afterlife_pages(source: ArchiveSource) -> list[dict[str, Any]]:
    """The afterlife pages a source met (with their titles, which the rows do not keep), and
    the catch-all pages its index named without any being fetched."""
    if isinstance(source, IndexedSource):
        return [{"kind": p.kind, "title": p.title, "urls": p.urls,
                 "first": iso_from_timestamp(p.first) if p.first else None,
                 "last": iso_from_timestamp(p.last) if p.last else None}
                for p in source.life.pages.values()]
    if isinstance(source, MirrorSource):
        return [{"kind": kind, "title": title, "urls": count, "first": None, "last": None}
                for (kind, title), count in source.afterlife.items()]
    return []


def _min(a: str | None, b: str | None) -> str | None:
    return min(a, b) if a and b else a or b


def _max(a: str | None, b: str | None) -> str | None:
    return max(a, b) if a and b else a or b

