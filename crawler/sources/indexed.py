"""What the Wayback and WARC sources share: an index of captures loaded once, and the choice.

The index is loaded lazily, by whichever comes first of :meth:`seed_urls` and :meth:`locate`,
never in a constructor. Enumeration yields every URL with an HTML capture in the window; the
spider classifies it with the routing table like any link.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

from scrapy import Request

from crawler.sources.base import CAPTURE_META, ArchiveSource, Capture
from crawler.sources.captures import CaptureIndex, CaptureRecord, Choice, Window
from crawler.sources.waybackurls import iso_from_timestamp
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

HTML_MIMES = ("text/html", "application/xhtml+xml", "text/plain", "unk", "")


class IndexedSource(ArchiveSource):
    """A source whose archive lists its captures up front (a CDX server, WARC records)."""

    def __init__(self, site: SiteUrls, window: Window, stats: Any = None) -> None:
        """*stats*: anything with Scrapy's ``inc_value`` (a stats collector, a ``CrawlStats``)."""
        super().__init__(site)
        self.window = window
        self.stats = stats
        self._index: asyncio.Future[CaptureIndex] | None = None

    async def load_index(self, index: CaptureIndex) -> None:
        """Fill *index* from the archive (subclasses)."""
        raise NotImplementedError

    def archive_url(self, record: CaptureRecord) -> str:
        """Where *record* is fetched from (subclasses)."""
        raise NotImplementedError

    async def index(self) -> CaptureIndex:
        if self._index is None:
            self._index = asyncio.ensure_future(self._build_index())
        return await asyncio.shield(self._index)

    async def seed_urls(self) -> AsyncIterator[str]:
        yield self.site.root + "/"
        index = await self.index()
        for url in index.urls():
            choice = index.choose(url)
            if choice is not None and _is_html(choice.capture.mime):
                yield url

    async def locate(self, request: Request) -> Capture:
        index = await self.index()
        choice = self.choice(index, request.url)
        if choice is None:
            return Capture(source=self.name)
        if choice.fallback:
            self.inc("captures/fallback")
            logger.info(
                "Using capture %s of %s: %s", choice.capture.timestamp, request.url, choice.fallback
            )
        return self.capture(choice.capture)

    def choice(self, index: CaptureIndex, url: str) -> Choice | None:
        return index.choose(self.site.canonical(url) or url)

    def capture(self, record: CaptureRecord) -> Capture:
        return Capture(
            source=self.name,
            archive_url=self.archive_url(record),
            captured_at=iso_from_timestamp(record.timestamp),
            key=record.key,
        )

    def served(
        self, request: Request, record: CaptureRecord, archive_url: str | None = None
    ) -> None:
        """Record in the request which capture was actually served (it may differ from the one
        located: a replay may redirect to a nearby timestamp, a fetch may fall back)."""
        located = request.meta.get(CAPTURE_META) or Capture(source=self.name)
        request.meta[CAPTURE_META] = replace(
            located,
            archive_url=archive_url or self.archive_url(record),
            captured_at=iso_from_timestamp(record.timestamp),
            key=located.key or record.key,
        )

    def inc(self, name: str, value: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/{name}", value)

    async def _build_index(self) -> CaptureIndex:
        index = CaptureIndex(self.site, self.window)
        await self.load_index(index)
        index.finish()
        urls = index.urls()
        self.inc("index/urls", len(urls))
        for reason, count in sorted(index.dropped.items()):
            self.inc(f"captures/{reason}", count)
        logger.info(
            "Capture index of %s: %d URLs with captures in the window%s",
            self.site.root,
            len(urls),
            "".join(
                f", {n} captures {r.replace('_', ' ')}" for r, n in sorted(index.dropped.items())
            ),
        )
        return index


def _is_html(mime: str) -> bool:
    return mime.split(";")[0].strip().lower() in HTML_MIMES or mime.startswith("text/html")
