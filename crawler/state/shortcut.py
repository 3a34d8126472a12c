"""A recrawl's start without stand-ins: known captures walked in batches, never scheduled.

A recrawl of an unchanged mirror meets every page again, each a capture the state store has.
Scheduled one by one, each would still cost a whole response cycle (a request through the
scheduler and both middleware chains, a file stat off the reactor, one SQL query, a stand-in
response, Scrapy's fan-out of the callback's output), only for its stored links to be walked
(issue 14: a recrawl cost half a first crawl). Where the source can locate many requests at once
(:meth:`crawler.sources.ArchiveSource.locate_all`), start requests are located in batches,
looked up in one query each, and a known capture's links are walked at once
(:meth:`crawler.spiders.archive.ArchiveSpider.walk_known`), the requests they make joining the
next batch; only the others are scheduled, and the usual stand-in still answers any known
capture met later.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler

from crawler.state.extension import CrawlState, required_state

BATCH = 256
"""Start requests located and looked up together."""

Walk = Callable[[str, list[str]], Iterator[Request]]


class KnownStartMiddleware:
    """A spider middleware: start requests for known captures are walked, not scheduled (see
    the module). Off when the state store is; a pass-through for a source without
    ``locate_all``, a spider without ``walk_known``, or a full recrawl."""

    def __init__(self, state: CrawlState, crawler: Crawler) -> None:
        self.state = state
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownStartMiddleware:
        return cls(required_state(crawler), crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        pending: list[Request] = []
        async for output in start:
            if not isinstance(output, Request):
                yield output
                continue
            pending.append(output)
            if len(pending) >= BATCH:
                for request in await self._unknown(pending):
                    yield request
        for request in await self._unknown(pending):
            yield request

    async def _unknown(self, pending: list[Request]) -> list[Request]:
        """Empty *pending*, walking the known captures among them (and among the requests
        their links make); the requests left to schedule."""
        spider = self.crawler.spider
        source = getattr(spider, "archive_source", None)
        walk: Walk | None = getattr(spider, "walk_known", None)
        unknown: list[Request] = []
        if source is None or walk is None or not self.state.skips_captures:  # a first run
            unknown, pending[:] = pending[:], []
            return unknown
        while pending:
            batch, pending[:] = pending[:BATCH], pending[BATCH:]
            captures = await source.locate_all(batch)
            if captures is None:
                unknown += batch
                continue
            known = self.state.known_captures(list(zip(batch, captures, strict=True)))
            for request, capture in zip(batch, captures, strict=True):
                links = known.get(capture.key or "")
                if links is None:
                    unknown.append(request)
                else:
                    pending.extend(walk(request.url, links))
        return unknown
