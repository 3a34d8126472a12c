"""The state of one crawl: the store and the lock, opened when the spider opens, closed at the end.

The other state components (the source middleware's known-capture check, the start shortcut,
the state pipeline, the capture recorder) find this extension with :func:`required_state`; it is
absent when ``ARCHIVE_STATE`` is empty, and then the crawl runs as if there were no previous run.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any, NoReturn

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.extensions.feedexport import FeedExporter
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector

from crawler.sources.base import Capture
from crawler.state.lock import LockHeld, StateLock, lock_path
from crawler.state.store import StateError, StateStore, resolve_state_path
from crawler.state.tracking import KNOWN_CAPTURE_META, PAGE_ROUTES, PageTracker, PostPageVisit
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

LOCKED_REASON = "state_locked"
"""Finish reason of a crawl that did not start because another one holds the lock."""
UNUSABLE_REASON = "state_unusable"
"""Finish reason of a crawl that did not start because the store or its lock is unusable."""


class CrawlState:
    """Owns the :class:`StateStore` and :class:`StateLock` of a crawl and its run record."""

    def __init__(self, path: str | Path, site: str, full_recrawl: bool,
                 stats: StatsCollector) -> None:
        self.site = site
        self.full_recrawl = full_recrawl
        self.stats = stats
        self.store = StateStore(path)
        self.lock = StateLock(lock_path(path, site))
        self.tracker = PageTracker(self._record_capture)
        self.run: int | None = None
        self.skips_captures = False
        """Whether this run may skip captures: the store knew some when it opened, and the
        recrawl is not full."""
        self.refused = False
        """True when the crawl was refused (lock held, store unusable): feeds must not replace
        older files."""
        self._reason: str | None = None
        self._expects_feeds = False
        self._feeds_stored = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlState:
        settings = crawler.settings
        path = (settings.get("ARCHIVE_STATE") or "").strip()
        if not path:
            raise NotConfigured("ARCHIVE_STATE is empty: every run starts from nothing")
        assert crawler.stats is not None
        state = cls(resolve_state_path(path), SiteUrls(settings.get("ARCHIVE_SITE") or "").root,
                    settings.getbool("ARCHIVE_FULL_RECRAWL"), crawler.stats)
        crawler.signals.connect(state.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(state.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(state.feeds_closed, signal=signals.feed_exporter_closed)
        for signal, ok in ((signals.item_scraped, True), (signals.item_dropped, True),
                           (signals.item_error, False)):
            crawler.signals.connect(state._item_handler(ok), signal=signal, weak=False)
        return state

    # --- Lifecycle ------------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        # Feeds are stored after the spider closes; the run ends when they are (see _finish).
        self._expects_feeds = spider.crawler.get_extension(FeedExporter) is not None
        try:
            self.lock.acquire()
        except LockHeld as exc:
            self.stats.set_value("archive/state/locked", 1)
            self._refuse(exc, LOCKED_REASON)
        except OSError as exc:  # a read-only folder, a link planted as the lock file
            self._refuse(f"cannot take the lock {str(self.lock.path)!r}: {exc}")
        try:
            self._open_run()
        except (StateError, sqlite3.Error, OSError) as exc:
            self.store.close()
            self.lock.release()
            self._refuse(exc)

    def _open_run(self) -> None:
        self.store.open()
        given, self.site = self.site, self.store.site_key(self.site)
        if self.site != given:
            logger.warning("The state store knows this site as %s and this run spells it "
                           "%s: one site, posts matched by ID, but the posts read again get "
                           "this run's URLs, and count as changed when their links do (give "
                           "-a site=%s to keep one spelling)", self.site, given, self.site)
        self.run = self.store.start_run(self.site, full_recrawl=self.full_recrawl)
        counts = self.store.counts(self.site)
        self.skips_captures = bool(counts["captures"]) and not self.full_recrawl
        logger.info("State store %s: %d posts and %d post captures known for %s; %s",
                    self.store.path, counts["posts"], counts["captures"], self.site,
                    "full recrawl (ARCHIVE_FULL_RECRAWL)" if self.full_recrawl
                    else "incremental recrawl" if counts["posts"] else "first run")

    def _refuse(self, why: object, reason: str = UNUSABLE_REASON) -> NoReturn:
        self.refused = True
        logger.error("Not crawling %s: %s", self.site, why)
        raise CloseSpider(reason) from None

    def spider_closed(self, spider: Any, reason: str) -> None:
        self._reason = reason
        self._finish()

    def feeds_closed(self) -> None:
        self._feeds_stored = True
        self._finish()

    def _finish(self) -> None:
        """Close the run once the spider is closed and the feeds are stored (or failed)."""
        if self.run is None or self._reason is None:
            return
        if self._expects_feeds and not self._feeds_stored:
            return
        failed = any(k.startswith("feedexport/failed_count/") for k in self.stats.get_stats())
        # Posts passed to feeds that failed stay pending: the next run delivers them again.
        self.store.finish_run(self.run, self._reason, delivered=not failed)
        self.run = None
        self.store.close()
        self.lock.release()

    # --- Used by the other state components -------------------------------------------------------

    def known_response(self, request: Request, capture: Capture) -> Response | None:
        """A stand-in response for a capture the store has, or ``None`` to fetch it."""
        links = self.known_captures([(request, capture)]).get(capture.key or "")
        if links is None:
            return None
        request.meta[KNOWN_CAPTURE_META] = links
        return HtmlResponse(request.url, body=b"", encoding="utf-8", request=request,
                            flags=["known capture"])

    def known_captures(self, located: list[tuple[Request, Capture]]) -> dict[str, list[str]]:
        """The links of the captures among *located* that this run skips, by capture key: those
        the store has, of pages it remembers, unless the recrawl is full. Each is counted as
        skipped (``archive/state/skipped_known_capture``): the caller must not fetch it."""
        keys = [capture.key for request, capture in located
                if capture.key and request.meta.get("route") in PAGE_ROUTES]
        if self.full_recrawl or self.run is None or not keys:
            return {}
        known = self.store.known_links_of(self.site, keys)
        if known:
            self.stats.inc_value("archive/state/skipped_known_capture", len(known))
        return known

    def get_cursor(self, source: str, name: str) -> str | None:
        """An index cursor a source saved for this site (usable once the spider is open)."""
        return self.store.get_cursor(self.site, source, name)

    def set_cursor(self, source: str, name: str, value: str | None) -> None:
        self.store.set_cursor(self.site, source, name, value)

    def _record_capture(self, visit: PostPageVisit) -> None:
        if self.run is None:
            return
        self.store.record_capture(self.site, visit.capture_key, visit.url,
                                  list(dict.fromkeys(visit.links)), self.run)
        self.stats.inc_value("archive/state/captures_recorded")

    def _item_handler(self, ok: bool) -> Any:
        def handler(item: Any, response: Response | None = None, **kwargs: Any) -> None:
            self.tracker.item_done(item, response if isinstance(response, Response) else None, ok)
        return handler


def state_of(crawler: Crawler) -> CrawlState | None:
    """The crawl's :class:`CrawlState`, or ``None`` when the state store is switched off."""
    return crawler.get_extension(CrawlState)


def required_state(crawler: Crawler) -> CrawlState:
    """The crawl's :class:`CrawlState`; ``NotConfigured`` (the component is off) without it."""
    state = crawler.get_extension(CrawlState)
    if state is None:
        raise NotConfigured("no state store (ARCHIVE_STATE is empty)")
    return state
