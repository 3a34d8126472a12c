"""Archive-side HTTP (index queries, capture fetches) through Scrapy's downloader and the limiter.

Scrapy's own retry and redirect middlewares are kept out (``dont_retry``, ``dont_redirect``):
they would retry a 429 at once and ignore ``Retry-After``. This client retries instead, each
attempt waiting on the :class:`~crawler.sources.ratelimit.RateLimiter` first.

A refused connection means two different things. From the Internet Archive after it answered,
its firewall has blocked this IP: the limiter pauses for an hour. From an archive that never
answered, or from a server the user runs (a loopback or private address: a local pywb), nothing
listens there: waiting would not help, so the crawl stops at once with an error saying so.
Archive requests time out sooner than Scrapy's default (``ARCHIVE_TIMEOUT``), and a request that
timed out twice is given up: a server that drips its answer will drip it again. When the crawl
stops (Ctrl-C, SIGTERM), requests in flight are cancelled instead of awaited.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import ConnectionRefusedError as TwistedRefused
from twisted.internet.error import DNSLookupError

from crawler.sources.archiveserver import THROTTLE_STATUSES, is_memento, is_own_server
from crawler.sources.base import RAW_META, CrawlStats
from crawler.sources.limits import MAX_PAGE_BYTES, PageTooLarge, is_size_refusal
from crawler.sources.ratelimit import RateLimiter, interruptible_sleep

logger = logging.getLogger(__name__)

RAW_REQUEST_META = {
    RAW_META: True,
    "dont_retry": True,
    "dont_redirect": True,
    "handle_httpstatus_all": True,
    "allow_offsite": True,
}

TIMEOUT = 60.0
"""Default ``ARCHIVE_TIMEOUT``: seconds for one archive request, answer included (Scrapy's
default is 180)."""
TIMEOUT_TRIES = 2
"""Attempts of one archive request that may time out before it is given up."""
STOP_POLL = 0.5
"""Seconds between two looks at whether the crawl is stopping, while a request is in flight."""

UNREACHABLE = "archive_unreachable"
"""The finish reason of a crawl stopped because nothing answers at the archive's address."""

Download = Callable[[Request], Awaitable[Response]]


class ArchiveUnavailable(Exception):
    """The archive did not answer usefully within ``ARCHIVE_RETRY_TIMES`` retries."""


class ArchiveUnreachable(ArchiveUnavailable):
    """Nothing listens at the archive's address: every later request would fail the same way."""


class ArchiveClient:
    """``await client.get(url, budget)``: a response from the archive, politely."""

    def __init__(
        self,
        limiter: RateLimiter,
        download: Download,
        retries: int,
        stats: StatsCollector | CrawlStats | None = None,
        *,
        timeout: float = TIMEOUT,
        max_bytes: int = MAX_PAGE_BYTES,
        running: Callable[[], bool] = lambda: True,
        on_unreachable: Callable[[str], None] | None = None,
    ) -> None:
        self.limiter = limiter
        self.download = download
        self.retries = retries
        self.stats = stats
        self.max_bytes = max_bytes
        self.meta = {**RAW_REQUEST_META, "download_timeout": timeout,
                     "download_maxsize": max_bytes, "download_warnsize": max_bytes // 4}
        self.running = running
        self.on_unreachable = on_unreachable
        self.answered = False
        """Whether the archive ever answered: a refusal before that means nothing listens."""
        self.unreachable: str | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveClient:
        stats = CrawlStats(crawler)
        unreachable = False

        def running() -> bool:  # waits (backoffs, requests in flight) end when this turns false
            return crawler.crawling and not unreachable

        def stop(why: str) -> None:
            nonlocal unreachable
            unreachable = True
            if crawler.engine is not None and crawler.crawling:
                asyncio.ensure_future(crawler.engine.close_spider_async(reason=UNREACHABLE))

        async def download(request: Request) -> Response:
            assert crawler.engine is not None, "the crawl has not started"
            return await crawler.engine.download_async(request)

        settings = crawler.settings
        limiter = RateLimiter.from_settings(settings, stats, interruptible_sleep(running))
        return cls(limiter, download, settings.getint("ARCHIVE_RETRY_TIMES"), stats,
                   timeout=settings.getfloat("ARCHIVE_TIMEOUT", TIMEOUT),
                   max_bytes=settings.getint("ARCHIVE_MAX_PAGE_BYTES", MAX_PAGE_BYTES),
                   running=running, on_unreachable=stop)

    async def get(self, url: str, budget: str) -> Response:
        """The archive's answer to GET *url*, whatever its status, unless the archive is busy,
        blocking or unreachable ``retries + 1`` times running: then :class:`ArchiveUnavailable`.
        A capture bigger than ``ARCHIVE_MAX_PAGE_BYTES`` raises :class:`PageTooLarge`."""
        problem = ""
        timeouts = 0
        for attempt in range(self.retries + 1):
            if self.unreachable is not None:
                raise ArchiveUnreachable(self.unreachable)
            if attempt:
                self._inc("retries")
            ticket = await self.limiter.acquire(budget)
            try:
                response = await self._fetch(url)
            except (DownloadConnectionRefusedError, TwistedRefused):
                if not self.answered or is_own_server(url):
                    raise self._unreachable(url) from None
                self.limiter.refused(ticket, url)
                problem = "connection refused"
                continue
            except (CannotResolveHostError, DNSLookupError) as exc:
                raise ArchiveUnavailable(
                    f"cannot resolve the archive's host for {url}: {exc}"
                ) from exc
            except Exception as exc:  # timeouts, dropped connections: the archive is struggling
                if is_size_refusal(exc):
                    raise PageTooLarge(self.max_bytes + 1, self.max_bytes) from None
                if isinstance(exc, IgnoreRequest):
                    raise
                problem = f"{type(exc).__name__}: {exc}"
                self.limiter.failed(ticket, problem, url)
                timeouts += isinstance(exc, DownloadTimeoutError | TimeoutError)
                if timeouts >= TIMEOUT_TRIES:
                    self._inc("timeouts_gave_up")
                    break
                continue
            self.answered = True
            if response.status in THROTTLE_STATUSES and not is_memento(response):
                retry_after = response.headers.get("Retry-After")
                self.limiter.throttled(
                    ticket,
                    response.status,
                    retry_after.decode("latin-1") if retry_after else None,
                    url,
                )
                problem = f"HTTP {response.status}"
                continue
            self.limiter.succeeded(ticket)
            return response
        self._inc("gave_up")
        raise ArchiveUnavailable(f"gave up on {url} after {attempt + 1} attempts ({problem})")

    async def _fetch(self, url: str) -> Response:
        """The download of *url*, cancelled when the crawl stops (Scrapy would wait for it)."""
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        stopped = False
        handle: asyncio.TimerHandle

        def watch() -> None:
            nonlocal handle, stopped
            if self.running() and self.unreachable is None:
                handle = loop.call_later(STOP_POLL, watch)
            elif task is not None:
                stopped = True
                task.cancel()

        handle = loop.call_later(STOP_POLL, watch)
        try:
            return await self.download(Request(url, meta=dict(self.meta)))
        except asyncio.CancelledError:
            if not stopped or task is None:
                raise
            task.uncancel()  # the cancellation was ours, and is answered by IgnoreRequest
            raise IgnoreRequest("the crawl is stopping") from None
        finally:
            handle.cancel()

    def _unreachable(self, url: str) -> ArchiveUnreachable:
        if self.unreachable is None:
            hint = ("is the replay (pywb, OpenWayback) running, and on that port?"
                    if is_own_server(url) else
                    "is the replay prefix right? A public archive also refuses connections from "
                    "an IP it has blocked (the Internet Archive for an hour, doubling on repeat): "
                    "then try again later, with lower ARCHIVE_INDEX_RATE / ARCHIVE_PAGE_RATE.")
            self.unreachable = (
                f"nothing answers at {urlsplit(url).netloc} (connection refused"
                f"{'' if self.answered else ', and it never answered'}): {hint} The crawl stops."
            )
            self._inc("unreachable")
            logger.error("The archive cannot be reached: %s", self.unreachable)
            if self.on_unreachable is not None:
                self.on_unreachable(self.unreachable)
        return ArchiveUnreachable(self.unreachable)

    def _inc(self, name: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/ratelimit/{name}")
