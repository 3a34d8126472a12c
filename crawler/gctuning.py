"""Python's cyclic garbage collector, tuned for a long crawl.

A crawl makes thousands of short-lived container objects a page (requests, tasks, items), some
of which live just long enough to reach the oldest generation, and with Python's defaults a
full collection (a walk over every live object, everything imported included) follows whenever
a quarter of the old objects are new: 16-18 of them in a 1,000-post crawl (issue 14;
``benchmarks/stallmeter.py`` counts them). What was loaded
before the crawl started (Scrapy, lxml, the parsers' compiled patterns) never becomes garbage:
it is frozen out of the collector's sight, and full collections run at most a tenth as often.
Young collections keep their pace: a young garbage cycle may hold a page's parsed tree.
Measured at 1,000 posts: 2 full collections instead of 16-18, the collector's CPU 0.45-0.53 s
instead of 1.2-1.4 s (of 12-13 s), the same peak memory.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.crawler import Crawler

THRESHOLDS = (700, 10, 100)
"""Python's defaults but the last: full collections at most a tenth as often."""


class GcTuning:
    """An extension: when the engine starts, freeze what exists and raise the young threshold;
    restored when the spider closes (``scrapy`` commands may run more than one crawl)."""

    def __init__(self) -> None:
        self.saved = gc.get_threshold()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> GcTuning:
        tuning = cls()
        crawler.signals.connect(tuning.engine_started, signal=signals.engine_started)
        crawler.signals.connect(tuning.spider_closed, signal=signals.spider_closed)
        return tuning

    def engine_started(self) -> None:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)

    def spider_closed(self) -> None:
        gc.set_threshold(*self.saved)
        gc.unfreeze()
