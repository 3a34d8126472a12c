"""An extension for the benchmarks: the longest time the reactor did not turn.

A timer asks to run every ``TICK`` seconds; how late it runs is how long something held the
event loop (a file system walk, a burst of start requests). The longest delay is the stat
``bench/max_stall_seconds``, which Scrapy dumps with the others at the end.
"""

from __future__ import annotations

import time

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

TICK = 0.05


class StallMeter:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.last = 0.0
        self.worst = 0.0
        self.task = create_looping_call(self.tick)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StallMeter:
        assert crawler.stats is not None
        meter = cls(crawler.stats)
        crawler.signals.connect(meter.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(meter.spider_closed, signal=signals.spider_closed)
        return meter

    def spider_opened(self, spider: Spider) -> None:
        self.last = time.monotonic()
        self.task.start(TICK, now=False)

    def tick(self) -> None:
        now = time.monotonic()
        self.worst = max(self.worst, now - self.last - TICK)
        self.last = now

    def spider_closed(self, spider: Spider) -> None:
        if self.task.running:
            self.task.stop()
        self.stats.set_value("bench/max_stall_seconds", round(self.worst, 3))
