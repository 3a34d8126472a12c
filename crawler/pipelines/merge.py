"""One post, one record: merge the versions of a post (or a comment) met in several captures."""

from __future__ import annotations

import logging
from array import array
from collections import Counter
from collections.abc import Iterator
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector
from scrapy.utils.defer import deferred_from_coro

from crawler.items import Comment
from crawler.seen import MASK, HashSet
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

    Kept in arrays of 8-byte ints, per site: a site of 100,000 posts has hundreds of thousands
    of comments, which as tuples in sets and dicts cost ~50 MiB (issue 14).
    """

    def __init__(self) -> None:
        self._sites: dict[str, _SiteThreads] = {}

    def add(self, record: dict[str, Any]) -> None:
        site = record["site"]
        threads = self._sites.get(site)
        if threads is None:
            threads = self._sites[site] = _SiteThreads()
        threads.add(record)

    def report(self, stats: StatsCollector) -> None:
        missing = sum(threads.missing_parents() for threads in self._sites.values())
        incomplete = sum(threads.posts_incomplete() for threads in self._sites.values())
        if missing:
            stats.set_value("archive/comments/missing_parent", missing)
        if incomplete:
            stats.set_value("archive/comments/posts_incomplete", incomplete)


class _SiteThreads:
    """One site's comments (IDs), replies (comment, parent pairs: a comment's last pair holds),
    declared counts (post, count pairs: a post's last pair holds) and the post of each comment
    found (once per comment)."""

    __slots__ = ("comments", "replies", "declared", "found")

    def __init__(self) -> None:
        self.comments = HashSet()
        self.replies = array("q")
        self.declared = array("q")
        self.found = array("q")

    def add(self, record: dict[str, Any]) -> None:
        post_id = record.get("post_id")
        if "comment_id" not in record:
            count = record.get("comment_count")
            if post_id is not None and count is not None:
                self.declared.extend((_id(post_id), max(0, min(count, MASK))))
            return
        comment = _id(record["comment_id"])
        if self.comments.add(comment) and post_id is not None:
            self.found.append(_id(post_id))
        if record.get("parent_id") is not None:
            self.replies.extend((comment, _id(record["parent_id"])))

    def missing_parents(self) -> int:
        return sum(parent not in self.comments for _, parent in _last_pairs(self.replies))

    def posts_incomplete(self) -> int:
        found = Counter(self.found)
        return sum(count > found.get(post, 0) for post, count in _last_pairs(self.declared))


def _id(value: int | None) -> int:
    """A WordPress ID as a :class:`HashSet` key: itself when it fits in 60 bits (they all do;
    a hostile page's 30-digit one is hashed), a key of its own for no ID."""
    if value is None:
        return MASK
    return value if 0 <= value < MASK else hash(value) & (MASK - 1)


def _last_pairs(pairs: array[int]) -> Iterator[tuple[int, int]]:
    """(key, value) pairs laid flat in *pairs*, the last of each key only."""
    done = HashSet()
    for index in range(len(pairs) - 2, -1, -2):
        if done.add(pairs[index]):
            yield pairs[index], pairs[index + 1]
