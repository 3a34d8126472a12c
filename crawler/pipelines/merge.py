"""One post, one record: merge the versions of a post reached through several URLs or captures."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro

from crawler.spool import Spool, SpoolError
from crawler.versions import merge, post_key

logger = logging.getLogger(__name__)

SPOOL_FAILED_REASON = "spool_failed"


class MergePipeline:
    """Keeps the merged record of every post seen (:func:`crawler.versions.merge`) and passes a
    post on the first time it is seen and each time a later version adds to it or replaces it;
    a version that changes nothing is dropped. Exporters keep the last record of each post, so
    feeds hold each post once, merged across all its captures.

    The records wait in a temporary SQLite file (:class:`crawler.spool.Spool`), not in memory.
    When that file cannot be written (a full ``TMPDIR``) no post can be merged: the crawl stops
    at once (finish reason ``spool_failed``, exit status 1) instead of failing item after item;
    nothing was delivered, so the next run reads the same pages again.
    """

    def __init__(self, stats: StatsCollector, crawler: Crawler | None = None) -> None:
        self.stats = stats
        self.crawler = crawler
        self._spool: Spool | None = None
        self._failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MergePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler)

    def close_spider(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def process_item(self, item: Any) -> Any:
        try:
            return self._merge(item)
        except SpoolError as exc:
            self._stop(exc)
            raise  # an item error, not a drop: its page's capture must not count as read

    def _stop(self, error: SpoolError) -> None:
        if self._failed:
            return
        self._failed = True
        self.stats.set_value("archive/merge/spool_failed", 1)
        logger.error("Posts cannot be merged: %s; stopping the crawl", error)
        if self.crawler is not None and self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=SPOOL_FAILED_REASON))

    def _merge(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        record = adapter.asdict()
        key = repr(post_key(record))
        spool = self._spool = self._spool or Spool(prefix="archive-merge-")
        current = spool.get(key)
        if current is None:
            spool.put(key, record)
            self.stats.inc_value("archive/posts/unique")
            return item
        self.stats.inc_value("archive/duplicates/merged")
        merged = merge(current, record, ties_to_incoming=False)
        if merged == current:
            raise DropItem(f"nothing new for post {key}: {record['url']}", log_level="DEBUG")
        spool.put(key, merged)
        self.stats.inc_value("archive/duplicates/replaced")
        for name, value in merged.items():
            adapter[name] = value
        return item
