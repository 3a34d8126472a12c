"""Records what a crawl met, for ``scrapy report``: every capture fetched or passed over (its
URL, route, source, time and verdict), what each requested URL gave (a post, another page, or
why nothing), listing pages with their pagination, and the counts the site printed.

The crawl is watched from the outside: the sources report the captures they pass over
(:mod:`crawler.sources.observer`), a downloader middleware what answered each request, a spider
middleware what the spider made of it (:mod:`crawler.coverage.middlewares`). Rows go to the
state store in batches (:mod:`crawler.coverage.batch`), so memory does not grow with the crawl;
what stays in memory is bounded. Off when the state store is.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse

from crawler.coverage.batch import Batch
from crawler.coverage.listings import listing_row, printed_rows
from crawler.coverage.rows import (
    KNOWN_CAPTURE_FLAG,
    afterlife_pages,
    failed_row,
    index_row,
    rejected_row,
    served_row,
)
from crawler.progress import Counts
from crawler.routing import LISTING_ROUTES, classify
from crawler.sources import ArchiveSource, Capture
from crawler.sources.base import CAPTURE_META, RAW_META
from crawler.sources.indexed import IndexedSource
from crawler.sources.mirror import MirrorSource
from crawler.sources.observer import AFTERLIFE
from crawler.state.coverage import CaptureRow, write_run_details
from crawler.state.extension import CrawlState
from crawler.state.store import utc_now
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

KINDS_REMEMBERED = 50_000
"""Afterlife payloads (by digest) whose kind is remembered, to name the captures of them that
are passed over unread; past that they are named ``afterlife``."""
TERMS_REMEMBERED = 20_000
"""Widget links whose term is remembered; past that the memory starts over."""
ROW_META = "archive_coverage_row"
OUTCOME_META = "archive_coverage_outcome"


class CoverageRecorder:
    """The coverage record of one crawl (an extension; see the module)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.state: CrawlState | None = None
        self.source: ArchiveSource | None = None
        self.site: SiteUrls | None = None
        self.batch = Batch()
        self.kinds: dict[str, str] = {}
        """Afterlife kind by payload digest, to name captures passed over unread."""
        self.terms: dict[tuple[str, str], str | None] = {}
        """The term each widget link names (the same links are on every page)."""
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
        if capture.digest and fetched and len(self.kinds) < KINDS_REMEMBERED:
            self.kinds[capture.digest] = kind
        if kind == AFTERLIFE and capture.digest:
            kind = self.kinds.get(capture.digest, kind)
        self._add(rejected_row(url, request, capture, kind, fetched))

    def unserved(self, request: Request, why: str) -> None:
        request.meta[OUTCOME_META] = why

    def catch_all(self, url: str, capture: Capture, kind: str) -> None:
        canonical = self.site.canonical(url) if self.site is not None else None
        if canonical is not None:
            route = classify(canonical)
            self._add(index_row(canonical, route.kind.name if route.kind else None, capture,
                                kind))

    # --- What answered each request (crawler.coverage.middlewares) ------------------------------

    def response(self, request: Request, response: Response) -> None:
        url = self._url(request)
        if url is None or KNOWN_CAPTURE_FLAG in response.flags:
            return  # a capture an earlier run fetched, and recorded then
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
        if row.route in LISTING_ROUTES and isinstance(response, TextResponse):
            self._read_listing(response, row)

    def _read_listing(self, response: TextResponse, row: CaptureRow) -> None:
        assert self.site is not None
        listing = listing_row(self.site, response, row.url, row.capture, row.captured_at)
        if listing is not None:
            self.batch.listings.append(listing)
        if listing is None or listing.page == 1:  # page N's sidebar is its first page's
            if len(self.terms) > TERMS_REMEMBERED:
                self.terms.clear()
            for count in printed_rows(self.site, response, row.captured_at, self.terms):
                self.batch.count(count)
        self._maybe_flush()

    # --- Batches --------------------------------------------------------------------------------

    def _url(self, request: Request) -> str | None:
        if self.site is None or request.meta.get(RAW_META):
            return None
        return self.site.canonical(request.url)

    def _add(self, row: CaptureRow) -> None:
        self.batch.captures.append(row)
        self._maybe_flush()

    def _maybe_flush(self) -> None:
        if self.batch.full():
            self.flush()

    def flush(self) -> None:
        """Write the pending rows in one transaction (dropped if the run is not open)."""
        state = self.state
        if state is None or state.run is None or not self.batch:
            self.batch.write(None, "", None)
            return
        self._write(lambda db: self.batch.write(db, state.site, state.run))

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.flush()
        state, source = self.state, self.source
        if state is None or state.run is None or source is None:
            return
        settings, stats = self.crawler.settings, self.crawler.stats
        values = stats.get_stats() if stats is not None else {}
        run = state.run
        self._write(lambda db: write_run_details(
            db, run, state.site, archive=source.describe(),
            window=(settings.get("ARCHIVE_FROM"), settings.get("ARCHIVE_TO")),
            exported=Counts.from_stats(values).posts, stats=values,
            afterlife=afterlife_pages(source)))

    def _write(self, write: Callable[[sqlite3.Connection], None]) -> None:
        assert self.state is not None
        try:
            with self.state.store.transaction() as db:
                write(db)
        except sqlite3.Error as exc:
            if not self.failed:  # the crawl's own writes fail the same way, and say so
                logger.error("Could not record coverage for scrapy report: %s", exc)
            self.failed = True
