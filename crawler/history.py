"""Older captures of a post, read when its newest one hides what older ones showed.

A crawl reads each URL's newest real capture. When the site changed its theme, that capture may
show less than older ones (a block theme prints the author without a link, so no author slug;
no modified date...). A post that lacks such a field is then read again from its next older
capture holding other bytes, up to ``ARCHIVE_OLDER_CAPTURES`` captures per post, and the merge
pipeline (:mod:`crawler.versions`) fills the fields from it. Only sources with capture history
(Wayback, pywb, WARC) have older captures; on a mirror or a live site this is off.

Which fields call for an older capture: those every WordPress post has (author, author slug,
publication date, categories) when the newest capture lacks them. Fields a post may well lack
(tags, modified date, comments) do not, but are filled all the same when an older capture is
read. A field the older captures never turn out to hold (a site whose every theme hides the
author slug) stops calling for them after a few tries, so such a site costs a few fetches, not
one per post.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.items import Comment
from crawler.sources import ArchiveSource, capture_of
from crawler.sources.base import OLDER_META, SEEN_META

WANTED = ("author", "author_slug", "published", "categories")
"""Fields every WordPress post has: a capture lacking one hides it."""
GIVE_UP_AFTER = 5
"""Older captures read in vain for a field before it stops calling for more."""
DEPTH_META = "archive_history_depth"
MISSING_META = "archive_history_missing"
"""The fields the newer capture lacked, to learn which ones older captures do hold."""


class OlderCapturesMiddleware:
    """Asks for an older capture of each post whose page lacks a :data:`WANTED` field; drops
    the links of older captures (their listings were walked from the newest ones)."""

    def __init__(self, source: ArchiveSource, depth: int, stats: Any) -> None:
        self.source = source
        self.depth = depth
        self.stats = stats
        self.found: Counter[str] = Counter()
        self.missed: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OlderCapturesMiddleware:
        source = getattr(crawler.spider, "archive_source", None)
        depth = crawler.settings.getint("ARCHIVE_OLDER_CAPTURES")
        if source is None or not source.history or depth <= 0:
            raise NotConfigured("no older captures to read")
        return cls(source, depth, crawler.stats)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        older = OLDER_META in response.meta
        async for output in result:
            if older and isinstance(output, Request):
                continue
            yield output
            if is_item(output) and not isinstance(output, Comment):  # a post's fields only
                request = await self.older_request(response, ItemAdapter(output))
                if request is not None:
                    yield request

    async def older_request(self, response: Response, item: ItemAdapter) -> Request | None:
        """A request for the post's next older capture, when it is worth one."""
        depth = response.meta.get(DEPTH_META, 0)
        if OLDER_META in response.meta:
            self._learn(response.meta[MISSING_META], item)
        missing = [f for f in WANTED if not item.get(f) and self._worth_asking(f)]
        capture = capture_of(response)
        if not missing or depth >= self.depth or not capture.captured_at:
            return None
        seen = [*response.meta.get(SEEN_META, ()), *([capture.digest] if capture.digest else [])]
        request = response.request.replace(
            dont_filter=True,
            meta={**_routing(response.meta), OLDER_META: capture, SEEN_META: seen,
                  DEPTH_META: depth + 1, MISSING_META: missing},
        ) if response.request is not None else None
        if request is None or not await self.source.has_older(request):
            return None
        self.stats.inc_value("archive/history/asked")
        return request

    def _worth_asking(self, field: str) -> bool:
        return self.found[field] > 0 or self.missed[field] < GIVE_UP_AFTER

    def _learn(self, missing: list[str], item: ItemAdapter) -> None:
        for field in missing:
            (self.found if item.get(field) else self.missed)[field] += 1


def _routing(meta: dict[str, Any]) -> dict[str, Any]:
    """What a request for another capture keeps of the first one's meta: its route."""
    return {key: meta[key] for key in ("route",) if key in meta}
