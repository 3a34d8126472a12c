"""An extension for the benchmarks: the longest time the reactor did not turn, and where.

A timer asks to run every ``TICK`` seconds; how late it runs is how long something held the
event loop (a file system walk, a burst of start requests). The longest delay is the stat
``bench/max_stall_seconds``, which Scrapy dumps with the others at the end. A watchdog thread
looks at the reactor thread's stack while it is late (past ``WATCH`` seconds) and logs, at the
end, the stack of the longest stall: where the time went, not only how much. Python's cyclic
garbage collector stops everything too, wherever an allocation triggers it; its longest pass is
``bench/max_gc_seconds`` (``bench/gc_seconds`` all of them, ``bench/gc_full_collections`` the
passes over every object), in CPU time: on a shared machine, wall time would count the
neighbours' turns too.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
import traceback

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

logger = logging.getLogger(__name__)

TICK = 0.05
WATCH = 0.3
"""Seconds late after which the watchdog samples the reactor thread's stack."""


class StallMeter:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.last = 0.0
        self.worst = 0.0
        self.last_cpu = 0.0
        self.worst_cpu = 0.0
        """The most CPU the reactor thread spent between two ticks (``TICK`` apart when all is
        well): a stall of its own making, where the wall-clock one also counts the turns a busy
        machine gives other processes."""
        self.task = create_looping_call(self.tick)
        self.reactor_thread = threading.get_ident()
        self.stacks: list[str] = []
        """Stacks sampled during the stall under way."""
        self.worst_stacks: list[str] = []
        self.stop = threading.Event()
        self.gc_started = 0.0
        self.gc_worst = 0.0
        self.gc_full = 0
        self.gc_total = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StallMeter:
        assert crawler.stats is not None
        meter = cls(crawler.stats)
        crawler.signals.connect(meter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(meter.spider_closed, signal=signals.spider_closed)
        return meter

    def spider_opened(self, spider: Spider) -> None:
        self.last, self.last_cpu = time.monotonic(), time.thread_time()
        self.reactor_thread = threading.get_ident()
        self.task.start(TICK, now=False)
        threading.Thread(target=self.watch, name="stallmeter", daemon=True).start()
        gc.callbacks.append(self.collecting)

    def collecting(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self.gc_started = time.thread_time()
            return
        took = time.thread_time() - self.gc_started
        self.gc_worst = max(self.gc_worst, took)
        self.gc_total += took
        self.gc_full += info["generation"] == 2

    def tick(self) -> None:
        now, cpu = time.monotonic(), time.thread_time()
        late = now - self.last - TICK
        if late > self.worst:
            self.worst = late
            self.worst_stacks = self.stacks
        self.worst_cpu = max(self.worst_cpu, cpu - self.last_cpu)
        self.stacks = []
        self.last, self.last_cpu = now, cpu

    def watch(self) -> None:
        """Sample the reactor thread's stack every ``WATCH`` seconds while it is late."""
        while not self.stop.wait(WATCH / 3):
            if time.monotonic() - self.last - TICK > WATCH:
                frame = sys._current_frames().get(self.reactor_thread)
                if frame is not None:
                    self.stacks.append("".join(traceback.format_stack(frame)[-12:]))

    def spider_closed(self, spider: Spider) -> None:
        self.stop.set()
        if self.collecting in gc.callbacks:
            gc.callbacks.remove(self.collecting)
        self.stats.set_value("bench/max_gc_seconds", round(self.gc_worst, 3))
        self.stats.set_value("bench/gc_full_collections", self.gc_full)
        self.stats.set_value("bench/gc_seconds", round(self.gc_total, 3))
        if self.task.running:
            self.task.stop()
        self.stats.set_value("bench/max_stall_seconds", round(self.worst, 3))
        self.stats.set_value("bench/max_stall_cpu_seconds", round(self.worst_cpu, 3))
        for number, stack in enumerate(self.worst_stacks[:5]):
            logger.info("Longest stall (%.2f s), sample %d:\n%s", self.worst, number + 1, stack)
