"""What a worker does with what its pages give: all of it to Redis, one page at a time.

:class:`PageRelay` is the outermost spider middleware of a distributed crawl. It takes every
request and item the spider (and the middlewares under it) gave for a page, and hands them to
Redis in one commit with the page's lease (:meth:`LeasedQueue.commit`): the new links go to the
shared queue through the shared dupefilter, the items to the run's stream, which the writer
reads into the item pipelines. Nothing reaches this worker's own pipelines or feeds.

:class:`LeaseRelease` releases the lease of a request that produced no page (a download error
the retries gave up on, a request a middleware ignored): nothing of it is left to commit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from itemadapter import is_item
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.distributed.frontier import LEASE_META, LeaseLost, pack
from crawler.distributed.run import DistributedRun
from crawler.items import Post

logger = logging.getLogger(__name__)

RELAYED = "archive/distributed/items_relayed"
POSTS_RELAYED = "archive/distributed/posts_relayed"
"""Posts this worker found and sent to the writer (it found posts, though it exported none)."""


SEED_BATCH = 500
"""Start requests committed to the queue at once."""


class PageRelay:
    """Commits each page's requests and items to Redis with its lease (see the module)."""

    def __init__(self, crawler: Crawler, run: DistributedRun) -> None:
        self.crawler = crawler
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageRelay:
        run = crawler.get_extension(DistributedRun)
        assert run is not None, "PageRelay needs the DistributedRun extension"
        return cls(crawler, run)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        """Start requests go to the shared queue, from the writer alone, once per run: a writer
        that took over seeds again, and the shared dupefilter drops what its predecessor
        queued. Other workers never read their start (nothing goes to their own engine)."""
        if not self.run.writer or self.run.seeded():
            return
        requests: list[Request] = []
        async for output in start:
            if isinstance(output, Request):
                requests.append(output)
            if len(requests) >= SEED_BATCH:
                self.commit(None, requests, [])
                requests = []
        self.commit(None, requests, [])
        self.run.seeding_done()
        return
        yield  # an async generator that yields nothing

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        requests: list[Request] = []
        items: list[Any] = []
        try:
            async for output in result:
                if isinstance(output, Request):
                    requests.append(output)
                elif is_item(output):
                    items.append(output)
        finally:
            self.commit(response.meta.get(LEASE_META), requests, items)
        return
        yield  # noqa: B901 (nothing goes on to the engine: it all went to Redis)

    def commit(self, lease: str | None, requests: list[Request], items: list[Any]) -> None:
        stats = self.crawler.stats
        assert stats is not None
        fingerprints = self.run.fingerprints(requests)
        try:
            queued = self.run.frontier.commit(lease, fingerprints, [pack(i) for i in items])
        except LeaseLost:
            stats.inc_value("archive/distributed/leases_lost")
            logger.warning("A page's lease was taken back (this worker was silent for more than "
                           "ARCHIVE_REDIS_LEASE_TIMEOUT): another worker reads it again")
            return
        stats.inc_value("archive/distributed/requests/queued", queued)
        stats.inc_value("archive/distributed/requests/filtered", len(requests) - queued)
        stats.inc_value(RELAYED, len(items))
        stats.inc_value(POSTS_RELAYED, sum(isinstance(i, Post) for i in items))


class LeaseRelease:
    """Downloader middleware (outermost): a request that failed for good is done."""

    def __init__(self, run: DistributedRun) -> None:
        self.run = run

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseRelease:
        run = crawler.get_extension(DistributedRun)
        assert run is not None, "LeaseRelease needs the DistributedRun extension"
        return cls(run)

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        lease = request.meta.get(LEASE_META)
        if lease is not None:
            self.run.release(lease)
