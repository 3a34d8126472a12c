"""Scrapy's feed exporter, where a feed that is not written whole never counts as written.

Scrapy's ``FeedExporter`` lets an error raised while a feed is opened or written escape: out of
``item_scraped`` (logged once per item, and at the end the feed is stored all the same: an empty
``[]`` over the last good file) or out of the task that closes the feed ("Task exception was
never retrieved": neither counted nor in the exit status). Here such an error fails its feed: it
is logged once, counted in ``feedexport/failed_count/<storage>`` (so the state store keeps the
feed's posts pending and the exit status is 1), the feed is not stored (the previous file
stays), and the crawl stops, since nothing more can reach that feed. A feed that cannot be
written at all (a read-only folder, a folder in the file's place, a storage Scrapy disables
such as ``s3://`` without boto3, an unknown format) is found before the crawl starts, and the
crawl does not start. A crawl that did not run replaces no feed.

Each feed holds one dataset: a feed that names no ``item_classes`` gets the posts (so ``-O
posts.jsonl`` is what it always was), a feed of ``crawler.items.Comment`` the comments, with the
comments' columns unless it names its own ``fields``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.extensions.feedexport import FeedExporter, FeedSlot
from scrapy.utils.defer import deferred_from_coro

from crawler.distributed import LEASE_LOST_STAT
from crawler.feedcheck import FeedRules
from crawler.state.extension import CrawlState

logger = logging.getLogger(__name__)

UNWRITABLE_REASON = "feed_unwritable"
"""Finish reason of a crawl that did not start because a feed could not be written."""
FAILED_REASON = "feed_failed"
"""Finish reason of a crawl stopped because writing a feed failed (a full disk or spool)."""


def failed_feeds(stats: dict[str, Any]) -> int:
    """How many feeds a crawl with *stats* did not write."""
    return sum(v for k, v in stats.items() if k.startswith("feedexport/failed_count/"))


class _Discard:
    """The exporter of a feed that failed: items go nowhere."""

    def start_exporting(self) -> None:
        pass

    def export_item(self, item: Any) -> None:
        pass

    def finish_exporting(self) -> None:
        pass


class _Guard:
    """Wraps a slot's exporter: an error exporting an item fails the slot instead of raising."""

    def __init__(self, exporter: Any, slot: GuardedFeedSlot) -> None:
        self._exporter = exporter
        self._slot = slot

    def export_item(self, item: Any) -> None:
        if self._slot.error is None:
            try:
                self._exporter.export_item(item)
            except Exception as exc:
                self._slot.fail(exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._exporter, name)


class GuardedFeedSlot(FeedSlot):
    """A feed slot that keeps the first error opening or writing its feed, and reports it."""

    def __init__(self, *args: Any, exporter: GuardedFeedExporter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error: Exception | None = None
        self._owner = exporter

    def start_exporting(self) -> None:
        if self.error is None:
            try:
                super().start_exporting()
            except Exception as exc:
                self.fail(exc)

    def finish_exporting(self) -> None:
        if self.error is not None:  # stops Scrapy's _close_slot before it stores the file
            raise self.error
        super().finish_exporting()

    def _get_exporter(self, file: Any, format_: str, *args: Any, **kwargs: Any) -> Any:
        return _Guard(super()._get_exporter(file, format_, *args, **kwargs), self)

    def fail(self, error: Exception) -> None:
        if self.error is None:
            self.error = error
            if self.exporter is None:
                self.exporter = _Discard()  # type: ignore[assignment]  # item_scraped asserts one
            self._owner.feed_failed(self, error)

    def discard(self) -> None:
        """Drop the unfinished file, if the storage writes one (``AtomicFileFeedStorage``)."""
        discard = getattr(self.storage, "discard", None)
        if discard is not None:
            discard()


class GuardedFeedExporter(FeedExporter):
    """:class:`FeedExporter` with feeds that fail loudly and never replace a file half-written."""

    def __init__(self, crawler: Any) -> None:
        self._started = False
        self._stopping = False
        self._refusal: str | None = None
        try:
            super().__init__(crawler)
        except NotConfigured:
            # Scrapy turns every feed off when one is unsupported (an s3:// URI without boto3):
            # a crawl asked for feeds must not then run and write none.
            if not self.feeds:
                raise
            self._refusal = FeedRules(self).unsupported()
            return
        self._refusal = FeedRules(self).apply()

    def open_spider(self, spider: Spider) -> None:
        if self._refusal is not None:
            logger.error("Not crawling: %s", self._refusal)
            raise CloseSpider(UNWRITABLE_REASON)
        super().open_spider(spider)
        for slot in self._slots():
            check = getattr(slot.storage, "check", None)  # AtomicFileFeedStorage's
            try:
                if check is not None:
                    check()
            except OSError as exc:
                slot.fail(exc)
        if any(slot.error for slot in self._slots()):
            raise CloseSpider(UNWRITABLE_REASON)
        self._started = True

    async def close_spider(self, spider: Spider) -> None:
        self._stopping = True
        if self._started and not self._crawl_refused():
            await super().close_spider(spider)
            self._explain_failures()
            return
        for slot in self._slots():  # the crawl did not run: its empty feeds replace nothing
            slot.discard()
            if slot.error:
                self._count_failure(slot)
        logger.warning("Not replacing the feeds (%s): the crawl did not run",
                       ", ".join(slot.uri for slot in self._slots()) or ", ".join(self.feeds))
        await self.crawler.signals.send_catch_log_async(signals.feed_exporter_closed)

    async def _close_slot(self, slot: FeedSlot, spider: Spider) -> None:
        assert isinstance(slot, GuardedFeedSlot)
        if slot.error is None:
            try:
                # Scrapy logs and counts a failed store() itself; what it lets escape is an
                # error finishing the file (its last items and the closing bracket).
                await super()._close_slot(slot, spider)
                return
            except Exception as exc:
                slot.fail(exc)
        slot.discard()
        self._count_failure(slot)

    def _start_new_batch(self, batch_id: int, uri: str, feed_options: dict[str, Any],
                         spider: Spider, uri_template: str) -> FeedSlot:
        plain = super()._start_new_batch(batch_id, uri, feed_options, spider, uri_template)
        return GuardedFeedSlot(
            plain.storage, uri, plain.format, plain.store_empty, batch_id, uri_template,
            plain.filter, plain.feed_options, spider, plain.exporters, plain.settings,
            plain.crawler, exporter=self)

    def feed_failed(self, slot: GuardedFeedSlot, error: Exception) -> None:
        """Say once what failed, and stop a crawl that is running: its posts cannot be
        delivered by this run (the state store keeps them pending for the next one)."""
        if not self._started:
            logger.error("Not crawling: the %s feed %s cannot be written: %s", slot.format,
                         slot.uri, error)
            return
        logger.error("The %s feed %s cannot be written: %s%s", slot.format, slot.uri, error,
                     "" if self._stopping else "; stopping the crawl",
                     exc_info=None if isinstance(error, OSError) else error)
        if not self._stopping and self.crawler.engine is not None:
            self._stopping = True
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=FAILED_REASON))

    def _count_failure(self, slot: FeedSlot) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"feedexport/failed_count/{type(slot.storage).__name__}")

    def _explain_failures(self) -> None:
        assert self.crawler.stats is not None
        failed = failed_feeds(self.crawler.stats.get_stats())
        if failed:
            logger.error("%d feeds not written: the previous files are kept; %s", failed,
                         "their posts stay pending in the state store, and the next run "
                         "delivers them" if self.crawler.get_extension(CrawlState) else
                         "without a state store (ARCHIVE_STATE), run the crawl again")

    def _crawl_refused(self) -> bool:
        state = self.crawler.get_extension(CrawlState)
        if state is not None and state.refused:
            return True
        # A distributed run's writer that lost the run lease: its successor writes the feeds.
        return bool(self.crawler.stats and self.crawler.stats.get_value(LEASE_LOST_STAT))

    def _slots(self) -> list[GuardedFeedSlot]:
        return self.slots  # type: ignore[return-value]  # _start_new_batch makes them all
