"""The coverage recorder's eyes on the crawl: what answered each request, what the spider made
of it. Both are thin: :class:`~crawler.coverage.recorder.CoverageRecorder` does the work, and
both are off when it is (no state store)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.coverage.recorder import CoverageRecorder


def _recorder(crawler: Crawler) -> CoverageRecorder:
    recorder = crawler.get_extension(CoverageRecorder)
    if recorder is None:
        raise NotConfigured("no coverage record (ARCHIVE_STATE is empty)")
    return recorder


class CoverageDownloaderMiddleware:
    """Sees every response and every failed fetch, before Scrapy follows redirects or retries
    (so an archived redirect or error is recorded as what it is)."""

    def __init__(self, recorder: CoverageRecorder) -> None:
        self.recorder = recorder

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CoverageDownloaderMiddleware:
        return cls(_recorder(crawler))

    def process_response(self, request: Request, response: Response) -> Response:
        self.recorder.response(request, response)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        self.recorder.exception(request)


class CoverageSpiderMiddleware:
    """Tells the recorder which post (or other page) each response gave, once the spider is
    done with it, or has failed on it."""

    def __init__(self, recorder: CoverageRecorder) -> None:
        self.recorder = recorder

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CoverageSpiderMiddleware:
        return cls(_recorder(crawler))

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        item = None
        try:
            async for output in result:
                if item is None and is_item(output):
                    item = ItemAdapter(output)
                yield output
        finally:
            self.recorder.parsed(response, item)
