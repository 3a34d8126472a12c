"""Record every post in the state store; pass on only what is new or changed since last run."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from crawler.items import COMMENT_FIELDS, POST_FIELDS, Comment
from crawler.state.extension import CrawlState, required_state
from crawler.state.records import CHANGED, NEW, UNCHANGED, compare, fingerprint, record_of
from crawler.state.rows import StoredPost
from crawler.state.store import utc_now
from crawler.versions import is_newer, merge, merge_comment, post_key


class StatePipeline:
    """Upserts each post by (site, post key), then passes it to the feeds only when it is new or
    its content changed. Runs after merge; off when ``ARCHIVE_STATE`` is empty.

    The stored record is the post merged across every capture of every run
    (:func:`crawler.versions.merge`): a newer capture whose theme hides a field keeps the stored
    value, and is no change. The store never takes an older version over a newer one; an older
    capture only fills fields the record lacks. A post passed to feeds stays
    *pending* until the feeds are stored, so a killed run's posts are delivered by the next run.
    With ``ARCHIVE_FULL_RECRAWL`` every post is passed on, as in a first run. Comments the same
    way, by (site, comment ID), newest capture first (:func:`crawler.versions.merge_comment`).
    """

    def __init__(self, state: CrawlState, stats: StatsCollector) -> None:
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatePipeline:
        assert crawler.stats is not None
        return cls(required_state(crawler), crawler.stats)

    def process_item(self, item: Any) -> Any:
        if self.state.run is None:  # the crawl was refused (lock held): nothing to record into
            return item
        adapter = ItemAdapter(item)
        record = record_of(adapter)
        comment = isinstance(item, Comment)
        # Keyed by the store's spelling of the site: http://example.org is www.example.org
        site = self.state.site
        key = record["comment_id"] if comment else post_key(record)[1]
        with self.state.store.transaction():
            outcome, passed, final = self._record(site, key, record, item)
        self.stats.inc_value(f"archive/state/{'comments/' if comment else ''}{outcome}")
        if passed:
            for name in COMMENT_FIELDS if comment else POST_FIELDS:
                adapter[name] = final.get(name)
            return item
        what = f"comment {key} <{record['post_url']}>" if comment else \
            f"post {key} <{record['url']}>"
        raise DropItem(f"{outcome} since the last run: {what}", log_level="DEBUG")

    def _record(self, site: str, key: Any, record: dict[str, Any],
                item: Any) -> tuple[str, bool, dict[str, Any]]:
        """Upsert one post or comment (inside a transaction): the outcome, whether to pass it
        on, and its record merged with what the store had."""
        store, run, seen = self.state.store, self.state.run, utc_now()
        comment = isinstance(item, Comment)
        stored = store.get_comment(site, key) if comment else store.get_post(site, key)
        if stored is None:
            final, outcome, passed, replace, pending = record, NEW, True, True, run
        else:
            final, outcome, passed, replace, pending = self._compare(stored, record, comment)
        capture = self.state.tracker.capture_key_of(item)
        if comment and replace:
            post = post_key({"site": site, "post_id": final.get("post_id"),
                             "url": final.get("post_url")})[1]
            store.put_comment(site, final, fingerprint(final), post_key=post, seen=seen,
                              capture_key=capture, pending_run=pending)
        elif comment:
            store.touch_comment(site, key, seen=seen, pending_run=pending)
        elif replace:
            store.put_post(site, key, final, fingerprint(final), seen=seen, pending_run=pending,
                           capture_key=capture)
        else:
            store.touch_post(site, key, seen=seen, pending_run=pending)
        if not comment:
            store.add_url(site, key, record["url"], seen=seen)
        return outcome, passed, final

    def _compare(self, stored: StoredPost, record: dict[str, Any],
                 comment: bool) -> tuple[dict[str, Any], str, bool, bool, int | None]:
        """Merged record, outcome, passed on, replaces the stored one, pending run."""
        run = self.state.run
        if comment:
            final = merge_comment(stored.record, record)
            older = bool(record.get("captured_at") and stored.record.get("captured_at")
                         and record["captured_at"] < stored.record["captured_at"])
        else:
            final, older = merge(stored.record, record), is_newer(stored.record, record)
        outcome = compare(stored, fingerprint(final), older)
        # Passed to feeds that a killed run never stored: deliver it again.
        redeliver = outcome == UNCHANGED and stored.pending_run not in (None, run)
        passed = outcome == CHANGED or redeliver or self.state.full_recrawl
        # Same content from a newer capture replaces the record quietly: the dataset holds
        # each post's newest capture, the feeds only what changed.
        refresh = outcome == UNCHANGED and final != stored.record
        pending = run if passed else stored.pending_run
        prefix = "archive/state/comments/" if comment else "archive/state/"
        if redeliver:
            self.stats.inc_value(prefix + "redelivered")
        if refresh:
            self.stats.inc_value(prefix + "refreshed")
        return final, outcome, passed, outcome == CHANGED or refresh, pending
