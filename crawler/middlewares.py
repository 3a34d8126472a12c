"""Downloader middleware that puts the archive source between Scrapy and the network."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.environment import apply_environment
from crawler.sources import ArchiveSource, source_from_crawler
from crawler.sources.base import RAW_META
from crawler.state import CrawlState


class ArchiveSourceMiddleware:
    """Asks the archive source for each request's bytes; the request URL stays original.

    The source is the spider's (``archive_source``), or, for Scrapy's own commands that run
    another spider (``scrapy shell``, ``scrapy fetch``), one built from the settings
    (``ARCHIVE_SITE``, ``ARCHIVE``): a person debugging one page opens it from the archive, as
    the crawl sees it. URLs of other sites go to the network as usual. Between locating a
    capture and retrieving it, a post capture the state store already has is not retrieved: a
    stand-in response tells the spider to follow the links the store kept for it.
    """

    def __init__(self, source: ArchiveSource, state: CrawlState | None = None) -> None:
        self.source = source
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveSourceMiddleware:
        source = getattr(crawler.spider, "archive_source", None)
        if source is None:
            apply_environment(crawler.settings)
            try:
                source = source_from_crawler(crawler)
            except ValueError as exc:
                raise NotConfigured(f"no archive to read ({exc})") from exc
        return cls(source, crawler.get_extension(CrawlState))

    async def process_request(self, request: Request) -> Response | None:
        if request.meta.get(RAW_META) or not self.source.site.is_onsite(request.url):
            return None
        known = self.state.known_response if self.state is not None else None
        return await self.source.fetch(request, known)
