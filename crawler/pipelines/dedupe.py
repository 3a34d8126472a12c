"""One post, one row: merge the versions of a post reached through several URLs or captures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler.normalize import sort_key


def post_key(item: Any) -> tuple[str, str]:
    """``(site, post ID)``, or ``(site, url)`` for a post whose page showed no ID."""
    adapter = ItemAdapter(item)
    post_id = adapter.get("post_id")
    return adapter["site"], f"id:{post_id}" if post_id is not None else f"url:{adapter['url']}"


def version_key(item: Any) -> tuple[datetime, datetime]:
    """Orders versions of one post: newer ``modified`` first, then newer ``captured_at``."""
    adapter = ItemAdapter(item)
    return sort_key(adapter.get("modified")), sort_key(adapter.get("captured_at"))


class DedupePipeline:
    """Passes the first version of a post and any later version that is newer; drops the rest.

    A newer version can arrive after an older one was passed on, so exporters keep the last
    version of each key (see ``crawler.exporters``): the pair makes the files hold each post once.
    """

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats
        self.versions: dict[tuple[str, str], tuple[datetime, datetime]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        key, version = post_key(item), version_key(item)
        seen = self.versions.get(key)
        if seen is None:
            self.versions[key] = version
            self.stats.inc_value("archive/posts/unique")
            return item
        self.stats.inc_value("archive/duplicates/merged")
        if version > seen:
            self.versions[key] = version
            self.stats.inc_value("archive/duplicates/replaced")
            return item
        raise DropItem(f"duplicate of post {key[1]}: {ItemAdapter(item)['url']}", log_level="DEBUG")
