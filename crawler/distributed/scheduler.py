"""scrapy-redis's scheduler, for a run that outlives any one of its workers.

Three changes to scrapy-redis's :class:`~scrapy_redis.scheduler.Scheduler`: a closing worker never
flushes the queue or the dupefilter (they are the run's, and the run is over only when the
run's writer says so: :mod:`crawler.distributed.run`); requests are popped under a lease
(:class:`~crawler.distributed.frontier.LeasedQueue`); and a request the downloader sends back
(a redirect, a retry) is queued and its lease released in one step, so neither is lost nor
done twice. The engine is told there is always work while the run goes on: the queue may be
empty for a moment while other workers read pages that will fill it.
"""

from __future__ import annotations

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.frontier import LEASE_META, LeasedQueue, LeaseLost, SharedDupeFilter
from crawler.distributed.run import DistributedRun


class SharedScheduler(Scheduler):  # type: ignore[misc]  # scrapy-redis has no types
    """The run's frontier, as one worker sees it."""

    def __init__(self, crawler: Crawler, run: DistributedRun) -> None:
        super().__init__(run.server, persist=True)
        self.crawler = crawler
        self.run = run
        self.stats = crawler.stats
        self.queue: LeasedQueue

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        run = crawler.get_extension(DistributedRun)
        if run is None:
            raise RuntimeError("SharedScheduler needs the DistributedRun extension")
        return cls(crawler, run)

    def open(self, spider: Spider) -> None:
        self.spider = spider
        keys = self.run.config.keys
        self.queue = LeasedQueue(self.server, spider, keys, self.run.config.worker)
        self.df = SharedDupeFilter(self.server, keys.seen, self.crawler.request_fingerprinter)
        self.run.frontier = self.queue
        pending = len(self.queue)
        if pending:
            spider.logger.info("Joining run %s: %d requests in the shared queue",
                               self.run.config.run, pending)

    def close(self, reason: str) -> None:
        """Nothing to flush: the queue and the dupefilter belong to the run."""

    def enqueue_request(self, request: Request) -> bool:
        lease = request.meta.pop(LEASE_META, None)  # a redirect or retry of a leased request
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        try:
            queued = self.queue.commit(lease, [(fingerprint, request)], [])
        except LeaseLost:
            self._inc("archive/distributed/leases_lost")
            return False
        self._inc("scheduler/enqueued/redis" if queued else "scheduler/filtered/redis")
        if not queued:
            self.df.log(request, self.spider)
        return bool(queued)

    def next_request(self) -> Request | None:
        request = self.queue.pop()
        if request is not None:
            self._inc("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return not self.run.over

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, count)

    def __len__(self) -> int:
        return len(self.queue)

    def flush(self) -> None:
        """Never: a run's frontier is deleted by its writer when the run is over."""
