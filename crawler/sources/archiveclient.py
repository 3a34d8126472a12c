"""Archive-side HTTP (index queries, capture fetches) through Scrapy's downloader and the limiter.

Scrapy's own retry and redirect middlewares are kept out (``dont_retry``, ``dont_redirect``):
they would retry a 429 at once and ignore ``Retry-After``. This client retries instead, each
attempt waiting on the :class:`~crawler.sources.ratelimit.RateLimiter` first.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    IgnoreRequest,
)
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import ConnectionRefusedError as TwistedRefused
from twisted.internet.error import DNSLookupError

from crawler.sources.base import RAW_META
from crawler.sources.ratelimit import RateLimiter, interruptible_sleep

logger = logging.getLogger(__name__)

THROTTLE_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses that mean "the archive is busy" unless the response is a capture (a memento)."""
RAW_REQUEST_META = {
    RAW_META: True,
    "dont_retry": True,
    "dont_redirect": True,
    "handle_httpstatus_all": True,
    "allow_offsite": True,
}

Download = Callable[[Request], Awaitable[Response]]


class CrawlStats:
    """The crawl's stats collector, looked up when first used: sources are built with the spider,
    before Scrapy sets ``crawler.stats``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    def inc_value(self, key: str, count: float = 1, start: float = 0) -> None:
        # Some stats are seconds waited (floats); StatsCollector adds them like ints.
        self.crawler.stats.inc_value(key, count, start)  # type: ignore[union-attr, arg-type]

    def set_value(self, key: str, value: object) -> None:
        self.crawler.stats.set_value(key, value)  # type: ignore[union-attr]


class ArchiveUnavailable(Exception):
    """The archive did not answer usefully within ``ARCHIVE_RETRY_TIMES`` retries."""


class ArchiveClient:
    """``await client.get(url, budget)``: a response from the archive, politely."""

    def __init__(
        self,
        limiter: RateLimiter,
        download: Download,
        retries: int,
        stats: StatsCollector | CrawlStats | None = None,
    ) -> None:
        self.limiter = limiter
        self.download = download
        self.retries = retries
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveClient:
        stats = CrawlStats(crawler)
        sleep = interruptible_sleep(lambda: crawler.crawling)
        limiter = RateLimiter.from_settings(crawler.settings, stats, sleep)

        async def download(request: Request) -> Response:
            assert crawler.engine is not None, "the crawl has not started"
            return await crawler.engine.download_async(request)

        return cls(limiter, download, crawler.settings.getint("ARCHIVE_RETRY_TIMES"), stats)

    async def get(self, url: str, budget: str) -> Response:
        """The archive's answer to GET *url*, whatever its status, unless the archive is busy,
        blocking or unreachable ``retries + 1`` times running: then :class:`ArchiveUnavailable`."""
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self._inc("retries")
            ticket = await self.limiter.acquire(budget)
            try:
                response = await self.download(Request(url, meta=dict(RAW_REQUEST_META)))
            except (DownloadConnectionRefusedError, TwistedRefused):
                self.limiter.refused(ticket, url)
                problem = "connection refused"
                continue
            except IgnoreRequest:
                raise
            except (CannotResolveHostError, DNSLookupError) as exc:
                raise ArchiveUnavailable(
                    f"cannot resolve the archive's host for {url}: {exc}"
                ) from exc
            except Exception as exc:  # timeouts, dropped connections: the archive is struggling
                problem = f"{type(exc).__name__}: {exc}"
                self.limiter.failed(ticket, problem, url)
                continue
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
        raise ArchiveUnavailable(f"gave up on {url} after {self.retries + 1} attempts ({problem})")

    def _inc(self, name: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/ratelimit/{name}")


def is_memento(response: Response) -> bool:
    """Whether *response* replays a capture (its status is the archived one, not the archive's)."""
    headers = response.headers
    return bool(headers.get("Memento-Datetime")) or any(
        name.lower().startswith(b"x-archive-orig-") for name in headers
    )
