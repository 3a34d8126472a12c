"""A progress line a person reads at a glance, and the same counts as a summary at the end.

Replaces Scrapy's ``LogStats`` (``LOGSTATS_INTERVAL = 0`` in settings): pages and items per minute
say little about a dataset; posts, duplicates merged and errors do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

from crawler.items import Comment
from crawler.sources.base import RAW_META
from crawler.state import KNOWN_CAPTURE_META
from crawler.state.extension import LOCKED_REASON, UNUSABLE_REASON
from crawler.state.readcommand import command_line

logger = logging.getLogger(__name__)

PAGES_FETCHED = "archive/pages_fetched"
"""Pages read from the archive: Scrapy's ``response_received_count`` also counts an archive's
index answers and capture fetches (two responses a page from pywb or the Wayback Machine) and a
recrawl's stand-ins for known captures."""
COMMENTS_SCRAPED = "archive/comments/scraped"
"""Comments passed to the feeds (a merged one again when a later capture adds to it)."""


@dataclass(frozen=True)
class Counts:
    pages: int
    """Pages actually fetched (known captures a recrawl skipped are not)."""
    posts: int
    """Posts handed to the feeds, each once (a newer version replaces an older one there)."""
    comments: int
    """Comments handed to the feeds, each once."""
    comments_found: int
    """Comments the pages showed (every capture's, before merging)."""
    duplicates: int
    unchanged: int
    """Posts read again that the state store already had, unchanged: not exported again."""
    skipped: int
    """Post captures the state store already had: not fetched at all."""
    errors: int
    refused: int

    @classmethod
    def from_stats(cls, stats: dict[str, Any]) -> Counts:
        skipped = stats.get("archive/state/skipped_known_capture", 0)
        comments = stats.get(COMMENTS_SCRAPED, 0)
        return cls(
            pages=pages_fetched(stats),
            posts=stats.get("item_scraped_count", 0) - comments
            - stats.get("archive/duplicates/replaced", 0),
            comments=comments - stats.get("archive/comments/replaced", 0),
            comments_found=stats.get("archive/comments/found", 0),
            duplicates=stats.get("archive/duplicates/merged", 0),
            unchanged=stats.get("archive/state/unchanged", 0),
            skipped=skipped,
            errors=stats.get("log_count/ERROR", 0),
            refused=sum(v for k, v in stats.items() if k.startswith("archive/refused/")),
        )

    def line(self) -> str:
        return (f"{self.pages} pages fetched, {self.posts} posts and {self.comments} comments "
                f"exported ({self.comments_found} comments found), "
                f"{self.duplicates} duplicates merged, {self.unchanged} unchanged and "
                f"{self.skipped} known captures skipped since the last run, {self.errors} errors")


class ProgressLog:
    """Logs :class:`Counts` every ``ARCHIVE_PROGRESS_INTERVAL`` seconds (0: never) and when the
    crawl ends."""

    def __init__(self, stats: StatsCollector, interval: float) -> None:
        self.stats = stats
        self.interval = interval
        self.task: Any = None
        self.report: str | None = None
        """The command that reports on what this crawl recovered (``scrapy report``)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        # 0 turns the periodic line off; comments are still counted and the summary still logged
        interval = crawler.settings.getfloat("ARCHIVE_PROGRESS_INTERVAL")
        assert crawler.stats is not None
        extension = cls(crawler.stats, interval)
        extension.report = command_line("report", "exports/report.html", crawler.settings)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, response: Any, request: Any) -> None:
        if not request.meta.get(RAW_META) and KNOWN_CAPTURE_META not in request.meta:
            self.stats.inc_value(PAGES_FETCHED)

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, Comment):  # item_scraped_count counts posts and comments alike
            self.stats.inc_value(COMMENTS_SCRAPED)

    def spider_opened(self, spider: Spider) -> None:
        if self.interval <= 0:
            return
        self.task = create_looping_call(self.log_progress)
        self.task.start(self.interval, now=False)

    def log_progress(self) -> None:
        logger.info("Progress: %s", Counts.from_stats(self.stats.get_stats()).line())

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        stats = self.stats.get_stats()
        counts = Counts.from_stats(stats)
        logger.info("Summary (%s): %s; %d links not followed%s", reason, counts.line(),
                    counts.refused, _details(stats))
        if self.report is not None and reason not in (LOCKED_REASON, UNUSABLE_REASON):
            logger.info("How much of the site this recovered, with charts: %s", self.report)


def pages_fetched(stats: dict[str, Any]) -> int:
    """Pages read (:data:`PAGES_FETCHED`; before that stat, responses less known captures)."""
    if PAGES_FETCHED in stats:
        return int(stats[PAGES_FETCHED])
    return int(stats.get("response_received_count", 0)
               - stats.get("archive/state/skipped_known_capture", 0))


def _details(stats: dict[str, Any]) -> str:
    parts = [f"{k.removeprefix('archive/')}={v}" for k, v in sorted(stats.items())
             if k.startswith(("archive/refused/", "archive/dropped/", "archive/http_status/",
                              "archive/errors/", "archive/validate/", "archive/ignored",
                              "archive/comments/missing_parent",
                              "archive/comments/posts_incomplete",
                              "archive/comments/merged",
                              "archive/distributed/workers"))]  # a distributed run's
    return " (" + ", ".join(parts) + ")" if parts else ""
