"""Keep posts, drop what is not one, and count both."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler.items import Comment

logger = logging.getLogger(__name__)


class ValidatePipeline:
    """Drops non-posts (static pages, empty pages) with a stat; keeps posts with no ID found.
    Comments pass when they have their ID (the key of their row).

    A page the parser could not classify is kept when it looks like a post (a title and a body):
    losing a post is worse than keeping an odd page, and the stat says how many there were.
    """

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        if isinstance(item, Comment):
            if adapter.get("comment_id") is None:
                self.stats.inc_value("archive/dropped/comment_without_id")
                raise DropItem(f"comment without an ID on {adapter.get('post_url')}",
                               log_level="DEBUG")
            return item
        kind = adapter.get("page_kind") or "post"
        if kind == "unknown" and adapter.get("title") and adapter.get("content_text"):
            self.stats.inc_value("archive/validate/unknown_kind_kept")
            kind = "post"
        if kind != "post":
            self.stats.inc_value(f"archive/dropped/{kind}")
            raise DropItem(f"not a post ({kind}): {adapter.get('url')}", log_level="DEBUG")
        if adapter.get("post_id") is None:
            self.stats.inc_value("archive/validate/no_post_id")
            logger.warning("No post ID found on %s: kept, keyed by its URL", adapter.get("url"))
        return item
