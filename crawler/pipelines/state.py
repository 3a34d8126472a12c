"""Record every post in the state store; pass on only what is new or changed since last run."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector

from crawler.items import POST_FIELDS
from crawler.state.extension import CrawlState
from crawler.state.records import CHANGED, NEW, UNCHANGED, compare, fingerprint, record_of
from crawler.state.store import utc_now
from crawler.versions import is_newer, merge, post_key


class StatePipeline:
    """Upserts each post by (site, post key), then passes it to the feeds only when it is new or
    its content changed. Runs after merge; off when ``ARCHIVE_STATE`` is empty.

    The stored record is the post merged across every capture of every run
    (:func:`crawler.versions.merge`): a newer capture whose theme hides a field keeps the stored
    value, and is no change. The store never takes an older version over a newer one; an older
    capture only fills fields the record lacks. A post passed to feeds stays
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
        adapter = ItemAdapter(item)
        record = record_of(adapter)
        # Keyed by the store's spelling of the site: http://example.org is www.example.org
        site, key = self.state.site, post_key(record)[1]
        with self.state.store.transaction():
            outcome, passed, final = self._record(site, key, record, item)
        self.stats.inc_value(f"archive/state/{outcome}")
        if passed:
            for name in POST_FIELDS:
                adapter[name] = final.get(name)
            return item
        raise DropItem(f"{outcome} since the last run: post {key} <{record['url']}>",
                       log_level="DEBUG")

    def _record(self, site: str, key: str, record: dict[str, Any],
                item: Any) -> tuple[str, bool, dict[str, Any]]:
        """Upsert one post (inside a transaction): the outcome, whether to pass the post on, and
        its record merged with what the store had."""
        store, run, seen = self.state.store, self.state.run, utc_now()
        stored = store.get_post(site, key)
        if stored is None:
            final, outcome, passed, replace, pending = record, NEW, True, True, run
        else:
            final = merge(stored.record, record)
            outcome = compare(stored, fingerprint(final), is_newer(stored.record, record))
            # A post passed to feeds that a killed run never stored: deliver it again.
            redeliver = outcome == UNCHANGED and stored.pending_run not in (None, run)
            passed = outcome == CHANGED or redeliver or self.state.full_recrawl
            # Same content from a newer capture replaces the record quietly: the dataset holds
            # each post's newest capture, the feeds only what changed.
            refresh = outcome == UNCHANGED and final != stored.record
            replace = outcome == CHANGED or refresh
            pending = run if passed else stored.pending_run
            if redeliver:
                self.stats.inc_value("archive/state/redelivered")
            if refresh:
                self.stats.inc_value("archive/state/refreshed")
        if replace:
            store.put_post(site, key, final, fingerprint(final), seen=seen, pending_run=pending,
                           capture_key=self.state.tracker.capture_key_of(item))
        else:
            store.touch_post(site, key, seen=seen, pending_run=pending)
        store.add_url(site, key, record["url"], seen=seen)
        return outcome, passed, final
