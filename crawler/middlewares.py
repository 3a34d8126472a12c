"""Downloader middleware that puts the archive source between Scrapy and the network."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured, StopDownload
from scrapy.http import Response

from crawler.environment import apply_environment
from crawler.sources import ArchiveSource, source_from_crawler
from crawler.sources.base import RAW_META
from crawler.sources.limits import MAX_PAGE_BYTES
from crawler.state import CrawlState

logger = logging.getLogger(__name__)


class ArchiveSourceMiddleware:
    """Asks the archive source for each request's bytes; the request URL stays original.

    The source is the spider's (``archive_source``), or, for Scrapy's own commands that run
    another spider (``scrapy shell``, ``scrapy fetch``), one built from the settings
    (``ARCHIVE_SITE``, ``ARCHIVE``): a person debugging one page opens it from the archive, as
    the crawl sees it. URLs of other sites go to the network as usual. Between locating a
    capture and retrieving it, a post capture the state store already has is not retrieved: a
    stand-in response tells the spider to follow the links the store kept for it.

    Every download, from the site or from an archive, is capped at ``ARCHIVE_MAX_PAGE_BYTES``
    (Scrapy's ``download_maxsize``); a redirect off the site (to another port of its host, which
    Scrapy's offsite check lets through) is not followed; when the crawl stops, downloads still
    receiving bytes are stopped instead of awaited.
    """

    def __init__(self, source: ArchiveSource, state: CrawlState | None = None,
                 max_bytes: int = MAX_PAGE_BYTES, crawler: Crawler | None = None) -> None:
        self.source = source
        self.state = state
        self.max_bytes = max_bytes
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveSourceMiddleware:
        source = getattr(crawler.spider, "archive_source", None)
        if source is None:
            apply_environment(crawler.settings)
            try:
                source = source_from_crawler(crawler)
            except ValueError as exc:
                raise NotConfigured(f"no archive to read ({exc})") from exc
        max_bytes = crawler.settings.getint("ARCHIVE_MAX_PAGE_BYTES", MAX_PAGE_BYTES)
        middleware = cls(source, crawler.get_extension(CrawlState), max_bytes, crawler)
        crawler.signals.connect(middleware.bytes_received, signal=signals.bytes_received)
        return middleware

    async def process_request(self, request: Request) -> Response | None:
        request.meta.setdefault("download_maxsize", self.max_bytes)
        request.meta.setdefault("download_warnsize", self.max_bytes // 4)
        if request.meta.get(RAW_META):
            return None
        if self.source.site.canonical(request.url) is None:
            if not request.meta.get("redirect_urls"):  # scrapy shell/fetch of another site's URL
                return None
            self._inc("archive/refused/offsite_redirect")
            raise IgnoreRequest(f"not following a redirect off the site to {request.url}")
        known = self.state.known_response if self.state is not None else None
        return await self.source.fetch(request, known)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get(RAW_META):
            return response
        return self.source.received(request, response)

    def bytes_received(self, data: bytes, request: Request, **kwargs: Any) -> None:
        if self.crawler is not None and not self.crawler.crawling \
                and not request.meta.get(RAW_META):
            raise StopDownload(fail=True)  # the crawl is stopping: no page is awaited

    def _inc(self, name: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(name)
