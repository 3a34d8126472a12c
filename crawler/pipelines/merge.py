"""One post, one record: merge the versions of a post (or a comment) met in several captures."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro

from crawler.items import Comment
from crawler.spool import Spool, SpoolError
from crawler.versions import merge_record, record_key

logger = logging.getLogger(__name__)

SPOOL_FAILED_REASON = "spool_failed"


class MergePipeline:
    """Keeps the merged record of every post seen (:func:`crawler.versions.merge`) and passes a
    post on the first time it is seen and each time a later version adds to it or replaces it;
    a version that changes nothing is dropped. Exporters keep the last record of each post, so
    feeds hold each post once, merged across all its captures. Comments the same way, by
    (site, comment ID) (:func:`crawler.versions.merge_comment`); at the end the threads are
    checked (:class:`Threads`).

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
        self.threads = Threads()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MergePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats, crawler)

    def close_spider(self) -> None:
        self.threads.report(self.stats)
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
        record = dict(adapter.items())  # not asdict(): its deep copy is what the spool makes
        key = repr(record_key(record))
        names = _COMMENT_STATS if isinstance(item, Comment) else _POST_STATS
        spool = self._spool = self._spool or Spool(prefix="archive-merge-")
        current = spool.get(key)
        if current is None:
            spool.put(key, record)
            self.stats.inc_value(names[0])
            self.threads.add(record)
            return item
        self.stats.inc_value(names[1])
        merged = merge_record(current, record, ties_to_incoming=False)
        if merged == current:
            raise DropItem(f"nothing new for {key}", log_level="DEBUG")
        spool.put(key, merged)
        self.stats.inc_value(names[2])
        self.threads.add(merged)
        for name, value in merged.items():
            adapter[name] = value
        return item


_POST_STATS = ("archive/posts/unique", "archive/duplicates/merged", "archive/duplicates/replaced")
_COMMENT_STATS = ("archive/comments/unique", "archive/comments/merged",
                  "archive/comments/replaced")


class Threads:
    """What the crawl's comments say about their threads, counted when the crawl ends:

    * ``archive/comments/missing_parent``: replies whose parent no page of the crawl showed
      (a comment page never captured, a parent deleted before the capture);
    * ``archive/comments/posts_incomplete``: posts whose ``comment_count`` is more than the
      comments found for them (comment pages missing from the archive, a stripped copy that
      shows only the count).
    """

    def __init__(self) -> None:
        self.comments: set[tuple[str, int]] = set()
        self.parents: dict[tuple[str, int], int] = {}
        self.found: dict[tuple[str, int], int] = {}
        self.declared: dict[tuple[str, int], int] = {}

    def add(self, record: dict[str, Any]) -> None:
        site, post_id = record["site"], record.get("post_id")
        if "comment_id" not in record:
            if post_id is not None and record.get("comment_count") is not None:
                self.declared[site, post_id] = record["comment_count"]
            return
        key = (site, record["comment_id"])
        if key not in self.comments and post_id is not None:
            self.found[site, post_id] = self.found.get((site, post_id), 0) + 1
        self.comments.add(key)
        if record.get("parent_id") is not None:
            self.parents[key] = record["parent_id"]

    def report(self, stats: StatsCollector) -> None:
        missing = sum((key[0], parent) not in self.comments for key, parent in self.parents.items())
        incomplete = sum(count > self.found.get(key, 0) for key, count in self.declared.items())
        if missing:
            stats.set_value("archive/comments/missing_parent", missing)
        if incomplete:
            stats.set_value("archive/comments/posts_incomplete", incomplete)
