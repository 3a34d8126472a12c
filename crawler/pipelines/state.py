"""Record every post in the state store; pass on only what is new or changed since last run."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.pipelines.dedupe import post_key, version_key
from crawler.state.extension import CrawlState
from crawler.state.records import CHANGED, NEW, UNCHANGED, compare, fingerprint, record_of
from crawler.state.store import utc_now


class StatePipeline:
    """Upserts each post by (site, post key), then passes it to the feeds only when it is new or
    its content changed. Runs after dedupe; off when ``ARCHIVE_STATE`` is empty.

    The store never takes an older version over a newer one. A post passed to feeds stays
    *pending* until the feeds are stored, so a killed run's posts are delivered by the next run.
    With ``ARCHIVE_FULL_RECRAWL`` every post is passed on, as in a first run.
    """

    def __init__(self, state: CrawlState, stats: StatsCollector) -> None:
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatePipeline:
        state = crawler.get_extension(CrawlState)
        if state is None:
            raise NotConfigured("no state store (ARCHIVE_STATE is empty)")
        assert crawler.stats is not None
        return cls(state, crawler.stats)

    def process_item(self, item: Any) -> Any:
        if self.state.run is None:  # the crawl was refused (lock held): nothing to record into
            return item
        site, key = post_key(item)
        record = record_of(ItemAdapter(item))
        with self.state.store.transaction():
            outcome, passed = self._record(site, key, record, item)
        self.stats.inc_value(f"archive/state/{outcome}")
        if passed:
            return item
        raise DropItem(f"{outcome} since the last run: post {key} <{record['url']}>",
                       log_level="DEBUG")

    def _record(self, site: str, key: str, record: dict[str, Any], item: Any) -> tuple[str, bool]:
        """Upsert one post (inside a transaction); return its outcome and whether to pass it."""
        store, run, seen = self.state.store, self.state.run, utc_now()
        print_, version = fingerprint(record), version_key(record)
        stored = store.get_post(site, key)
        if stored is None:
            outcome, passed, replace, pending = NEW, True, True, run
        else:
            stored_version = version_key(stored.record)
            outcome = compare(stored, print_, version, stored_version)
            # A post passed to feeds that a killed run never stored: deliver it again.
            redeliver = outcome == UNCHANGED and stored.pending_run not in (None, run)
            passed = outcome == CHANGED or redeliver or self.state.full_recrawl
            # Same content from a newer capture replaces the record quietly: the dataset holds
            # each post's newest capture, the feeds only what changed.
            refresh = outcome == UNCHANGED and version > stored_version
            replace = outcome == CHANGED or refresh
            pending = run if passed else stored.pending_run
            if redeliver:
                self.stats.inc_value("archive/state/redelivered")
            if refresh:
                self.stats.inc_value("archive/state/refreshed")
        if replace:
            store.put_post(site, key, record, print_, seen=seen, pending_run=pending,
                           capture_key=self.state.tracker.capture_key_of(item))
        else:
            store.touch_post(site, key, seen=seen, pending_run=pending)
        store.add_url(site, key, record["url"], seen=seen)
        return outcome, passed
