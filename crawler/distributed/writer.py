"""What the run's writer does besides crawling: the dataset, the dead, and the run's end.

It reads the stream of items into its own item pipelines, so merging, the state store and the
feeds see one stream, as in a single process; puts back the leases of workers that died; and
declares the run over when nothing is queued, leased or unread, in one atomic check. A writer
that took over reads the stream from its start: its predecessor's feed was never delivered, and
the state store redelivers what that run passed on (``pending_run``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING

from crawler.distributed import stats as runstats
from crawler.distributed.frontier import unpack

if TYPE_CHECKING:
    from crawler.distributed.run import DistributedRun

logger = logging.getLogger(__name__)

READ_BATCH = 200
"""Stream entries read at once."""

# KEYS: queue, items, workers, finished. ARGV: base key, stream entry read last, writer, ttl.
# Nothing queued, nothing leased by any worker, nothing unread: the run is over. One script, so
# that no page can commit between the looks.
_FINISH = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
for _, worker in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('HLEN', ARGV[1] .. ':lease:' .. worker) > 0 then return 0 end
end
local last = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #last > 0 and last[1][1] ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[4])
return 1
"""


class RunWriter:
    """The writer's duties, for the :class:`DistributedRun` of the lease holder."""

    def __init__(self, run: DistributedRun) -> None:
        self.run = run
        self.server = run.server
        self.keys = run.keys
        self.cursor = "0-0"
        """The last stream entry put through the item pipelines."""
        self.written = 0
        self.draining = False
        self._finish = self.server.register_script(_FINISH)

    async def drain(self) -> None:
        """Put every item in the stream through the pipelines, in order; then see whether the
        run is over."""
        run = self.run
        self.draining = True
        try:
            while run.writer:
                read = self.server.xread({self.keys.items: self.cursor}, count=READ_BATCH)
                if not read:
                    break
                engine = run.crawler.engine
                assert engine is not None
                entries = read[0][1]
                # Started together, as the scraper starts a page's items: awaited one by one,
                # each would wait for a turn of a reactor busy crawling. Tasks start in order,
                # and the pipelines run each item through synchronously: the order holds.
                await asyncio.gather(*(
                    engine.scraper.start_itemproc_async(unpack(fields[b"i"]), response=None)
                    for _, fields in entries))
                self.cursor = entries[-1][0].decode()
                self.written += len(entries)
            if run.writer and not run.over and run.seeded() and self._try_finish():
                run.over = True
        finally:
            self.draining = False

    def _try_finish(self) -> bool:
        if self.server.zcard(self.keys.queue):
            return False
        # The writer's item counts are final: published before the run is declared over, so
        # the workers' totals have them.
        self.run.publish_stats()
        ttl = int(max(60.0, 4 * self.run.config.lease_timeout) * 1000)
        return bool(self._finish(
            keys=[self.keys.queue, self.keys.items, self.keys.workers, self.keys.finished],
            args=[self.keys.base, self.cursor, self.run.config.worker, ttl]))

    def requeue_dead(self) -> None:
        """Put back the requests of workers whose heartbeat stopped."""
        for worker in self.server.smembers(self.keys.workers):
            name = worker.decode()
            back = self.run.frontier.requeue(name)
            if back is not None:
                logger.warning("Worker %s stopped answering: %d requests it held are back in "
                               "the queue", name, back)
                self.run.inc("archive/distributed/requeued", back)
                self.run.inc("archive/distributed/workers_lost")

    def log_progress(self) -> None:
        """The run as a whole, next to this process's own progress line."""
        everyone = runstats.worker_stats(self.server, self.keys)
        pages = sum(s.get("response_received_count", 0) for s in everyone.values())
        frontier = self.run.frontier
        logger.info("Run progress: %d workers now (%d in all), %d pages fetched by all, "
                    "%d requests queued, %d leased, %d items written of %d sent",
                    self.server.scard(self.keys.workers), self.server.scard(self.keys.everyone),
                    pages, len(frontier), frontier.leased(), self.written,
                    self.server.xlen(self.keys.items))

    def wait_for_workers(self, timeout: float = 5.0) -> None:
        """Let the other workers publish their last stats before the run's totals are made."""
        deadline = time.monotonic() + timeout
        while self.server.scard(self.keys.workers) and time.monotonic() < deadline:
            time.sleep(0.05)

    def clean_up(self) -> None:
        """The run is over and written: its keys go (but the mark that it finished)."""
        keys = [*self.keys.run_keys(), self.keys.everyone]
        for kind in ("lease", "alive", "stats"):
            keys += list(self.server.scan_iter(self.keys.of(kind, "*"), count=1000))
        self.server.delete(*keys)
