"""Spider middleware that watches what each page gives, for the state store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from itemadapter import is_item
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.state.extension import required_state
from crawler.state.tracking import PageTracker


class CaptureRecorderMiddleware:
    """Notes the requests and items of each fetched page, so the page's capture can be
    recorded with its links once its post is committed (see ``crawler.state.tracking``).

    The spider stays a router: it knows nothing of this. Off when the state store is off.
    """

    def __init__(self, tracker: PageTracker) -> None:
        self.tracker = tracker

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CaptureRecorderMiddleware:
        return cls(required_state(crawler).tracker)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        visit = self.tracker.begin(response)
        async for output in result:
            if visit is not None and (is_item(output) or isinstance(output, Request)):
                self.tracker.output(visit, output, is_request=isinstance(output, Request))
            yield output
        # Reached only when the callback ran to its end: a page that raised is never recorded.
        if visit is not None:
            self.tracker.parsed(visit)
