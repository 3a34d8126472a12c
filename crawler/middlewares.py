"""Downloader middleware that puts the archive source between Scrapy and the network."""

from __future__ import annotations

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.sources import ArchiveSource
from crawler.sources.base import RAW_META


class ArchiveSourceMiddleware:
    """Asks the spider's source for each request's bytes; the request URL stays original.

    Switched off (``NotConfigured``) for spiders without an ``archive_source``.
    """

    def __init__(self, source: ArchiveSource) -> None:
        self.source = source

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveSourceMiddleware:
        source = getattr(crawler.spider, "archive_source", None)
        if source is None:
            raise NotConfigured("the spider has no archive_source")
        return cls(source)

    async def process_request(self, request: Request) -> Response | None:
        if request.meta.get(RAW_META):
            return None
        return await self.source.fetch(request)
