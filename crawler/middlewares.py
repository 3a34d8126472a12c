"""Downloader middleware that puts the archive source between Scrapy and the network."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.sources import ArchiveSource
from crawler.sources.base import RAW_META
from crawler.state import CrawlState


class ArchiveSourceMiddleware:
    """Asks the spider's source for each request's bytes; the request URL stays original.

    Switched off (``NotConfigured``) for spiders without an ``archive_source``. Between locating
    a capture and retrieving it, a post capture the state store already has is not retrieved:
    a stand-in response tells the spider to follow the links the store kept for it.
    """

    def __init__(self, source: ArchiveSource, state: CrawlState | None = None) -> None:
        self.source = source
        self.state = state

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveSourceMiddleware:
        source = getattr(crawler.spider, "archive_source", None)
        if source is None:
            raise NotConfigured("the spider has no archive_source")
        return cls(source, crawler.get_extension(CrawlState))

    async def process_request(self, request: Request) -> Response | None:
        if request.meta.get(RAW_META):
            return None
        known = self.state.known_response if self.state is not None else None
        return await self.source.fetch(request, known)
