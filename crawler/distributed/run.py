"""One process's part in a distributed run: its heartbeat, its leases, its stats.

Every process crawls: it pops leased requests from the shared queue, and :class:`PageRelay`
commits what each page gave. This extension keeps the process *alive* in the run (a key that
expires ``ARCHIVE_REDIS_LEASE_TIMEOUT`` after the last heartbeat), publishes its stats, wakes the
engine when the shared queue may hold work (Scrapy only looks at a scheduler it was told was
empty every 5 s), and notices when the run is over. On the holder of the run lease it also
drives the :class:`~crawler.distributed.writer.RunWriter`.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from redis import Redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import create_looping_call
from scrapy.utils.defer import deferred_from_coro

from crawler.distributed import LEASE_LOST_STAT
from crawler.distributed import stats as runstats
from crawler.distributed.config import Keys, RunConfig, redis_url
from crawler.distributed.frontier import LeasedQueue, LeaseLost
from crawler.distributed.wiring import assign_role
from crawler.distributed.writer import RunWriter

logger = logging.getLogger(__name__)

PUMP_INTERVAL = 0.05
"""Seconds between two looks at the queue, the stream and the run's end."""
STATS_INTERVAL = 1.0
FINISHED_INTERVAL = 0.25
"""Seconds between a worker's looks at whether the run is over."""
LEASE_LOST_REASON = "writer_lease_lost"
"""Finish reason of a writer that was silent so long that another process took the run over."""

# KEYS: writer. ARGV: worker, ttl. The run lease is renewed only by its holder; one that expired
# unclaimed (Scrapy takes seconds between the claim and the first heartbeat) is taken again.
_RENEW = """
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder then return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) and 1 or 0 end
return 0
"""


class DistributedRun:
    """The extension (enabled by :mod:`crawler.distributed.wiring` when Redis is set)."""

    def __init__(self, crawler: Crawler, config: RunConfig, server: Redis, writer: bool) -> None:
        self.crawler = crawler
        self.config = config
        self.keys: Keys = config.keys
        self.server: Any = server  # redis-py's types cannot tell bytes replies from str ones
        self.writer = writer
        self.over = False
        self.frontier: LeasedQueue  # set by the scheduler when it opens
        self.dataset = RunWriter(self)
        """Used only while this process is the writer."""
        self._loops: list[Any] = []
        self._stats_at = 0.0
        self._finished_at = 0.0
        self._renew = server.register_script(_RENEW)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedRun:
        settings = crawler.settings
        if not redis_url(settings):
            raise NotConfigured("no ARCHIVE_REDIS_URL / REDIS_URL: a single-process crawl")
        config = RunConfig.from_settings(settings)
        server = Redis.from_url(config.url)
        run = cls(crawler, config, server, assign_role(settings, server, config))
        crawler.signals.connect(run.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(run.spider_closed, signal=signals.spider_closed)
        return run

    # --- Lifecycle ------------------------------------------------------------------------------

    def spider_opened(self, spider: Spider) -> None:
        self.heartbeat()
        self.server.sadd(self.keys.workers, self.config.worker)
        self.server.sadd(self.keys.everyone, self.config.worker)
        progress = self.crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        calls = [(self.heartbeat, self.config.lease_timeout / 3), (self.pump, PUMP_INTERVAL)]
        if self.writer and progress > 0:
            calls.append((self.dataset.log_progress, progress))
        for call, interval in calls:
            loop = create_looping_call(call)
            loop.start(interval, now=False)
            self._loops.append(loop)
        source = getattr(spider, "archive_source", None)
        if source is not None and hasattr(source, "index_share"):
            from crawler.distributed.index import SharedIndex
            source.index_share = SharedIndex(self.server, self.keys, self.config.worker)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        for loop in self._loops:
            if loop.running:
                loop.stop()
        stats = self.crawler.stats
        assert stats is not None
        if not self.over:
            self._leave()
        self.publish_stats()
        if self.over and self.writer:
            self.server.srem(self.keys.workers, self.config.worker)
            self.dataset.wait_for_workers()  # their last stats are in once they left
            self._set_totals()
            self.dataset.clean_up()
            return
        if self.over:
            self._set_totals()  # before leaving: the writer deletes the run once all have left
        self.server.srem(self.keys.workers, self.config.worker)

    def _leave(self) -> None:
        """Stopped before the run's end (Ctrl-C, an error): give back what this process holds."""
        self.server.delete(self.keys.of("alive", self.config.worker))
        if hasattr(self, "frontier"):
            back = self.frontier.requeue(self.config.worker)
            if back:
                logger.info("Put %d requests this worker held back in the shared queue", back)
        if self.writer:
            self.server.delete(self.keys.writer)  # another process may take the run at once

    def _set_totals(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        everyone = runstats.worker_stats(self.server, self.keys)
        writer = stats.get_stats() if self.writer else \
            everyone.get(self.server.get(self.keys.finished).decode()
                         if self.server.exists(self.keys.finished) else "", {})
        own = stats.get_stats()
        totals = runstats.totals(writer, everyone, self.server.scard(self.keys.everyone))
        for key, value in own.items():  # this process's times and reasons
            totals.setdefault(key, value)
        totals[runstats.OWN_PAGES] = own.get("response_received_count", 0)
        # The spider judged "no posts found" from this process's own counts, before the run's
        # were in: a worker passes its posts to the writer and counts none itself.
        from crawler.spiders.archive import NO_POSTS_STAT, no_posts_found
        if not no_posts_found(totals):
            totals.pop(NO_POSTS_STAT, None)
        stats.set_stats(totals)
        logger.info("Run %s: %d workers took part", self.config.run,
                    totals[runstats.WORKERS_STAT])

    # --- Periodic -------------------------------------------------------------------------------

    def heartbeat(self) -> None:
        ttl = int(self.config.lease_timeout * 1000)
        self.server.set(self.keys.of("alive", self.config.worker), 1, px=ttl)
        if self.writer and not self.over and not self._renew(
                keys=[self.keys.writer], args=[self.config.worker, ttl]):
            logger.error("This process lost the run lease (silent for more than "
                         "ARCHIVE_REDIS_LEASE_TIMEOUT): another process writes the run now")
            self.writer = False
            self.inc(LEASE_LOST_STAT)
            engine = self.crawler.engine
            if engine is not None:
                deferred_from_coro(engine.close_spider_async(reason=LEASE_LOST_REASON))

    def pump(self) -> None:
        now = time.monotonic()
        if now - self._stats_at >= STATS_INTERVAL:
            self._stats_at = now
            self.publish_stats()
            if self.writer:
                self.dataset.requeue_dead()
        if self.writer:
            if not self.dataset.draining:
                deferred_from_coro(self.dataset.drain())
        elif not self.over and now - self._finished_at >= FINISHED_INTERVAL:
            self._finished_at = now  # each look is a round trip, during which nothing crawls
            self.over = bool(self.server.exists(self.keys.finished))
        self._wake_engine()

    def _wake_engine(self) -> None:
        """Ask the engine for requests now. Scrapy has no public call for it: its own loop
        looks at a scheduler with nothing to give only every 5 s."""
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is not None and not engine.needs_backout():
            slot.nextcall.schedule()

    def seeded(self) -> bool:
        """Whether the run's start requests are all in the queue."""
        return bool(self.server.get(self.keys.seeded) == b"done")

    def seeding_done(self) -> None:
        self.server.set(self.keys.seeded, b"done")

    # --- Used by the scheduler and the relay ----------------------------------------------------

    def release(self, lease: str) -> None:
        """A leased request is done without anything to commit (it failed for good)."""
        try:
            self.frontier.commit(lease, [], [])
        except LeaseLost:
            self.inc("archive/distributed/leases_lost")

    def fingerprints(self, requests: list[Request]) -> list[tuple[str, Request]]:
        """Each request with its fingerprint for the shared dupefilter (``''``: not filtered)."""
        fingerprinter = self.crawler.request_fingerprinter
        return [("" if r.dont_filter else fingerprinter.fingerprint(r).hex(), r)
                for r in requests]

    def publish_stats(self) -> None:
        stats = self.crawler.stats
        assert stats is not None
        runstats.publish(self.server, self.keys, self.config.worker, stats.get_stats())

    def inc(self, key: str, count: int = 1) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, count)
