"""The source boundary: where the bytes of an original URL come from.

A source serves a request for an *original* URL in two steps: :meth:`ArchiveSource.locate` picks
the capture that would serve it (cheap: an index lookup or a file stat), and
:meth:`ArchiveSource.retrieve` returns a response for that same original URL. Between the two, the
downloader middleware may skip captures it already has. Nothing outside ``crawler/sources``
knows about archive URL schemes or folders.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response

from crawler.urls import SiteUrls

CAPTURE_META = "archive_capture"
"""Request/response meta key holding the :class:`Capture` a source located."""
OLDER_META = "archive_older_than"
"""Meta key asking a source with capture history for an *older* capture of the request's URL:
the newest real capture older than this :class:`Capture` whose payload is none of the digests
under :data:`SEEN_META` (see :mod:`crawler.history`)."""
SEEN_META = "archive_seen_digests"
HOME_ROUTES = ("HOME", "PAGINATION")
"""Routes (the request meta ``route`` the spider sets) where the home page's own markup (body
class ``home``) belongs."""
RAW_META = "archive_raw"
"""Meta key marking a request a source sends to the archive itself (an index query, a capture
URL): the source middleware lets it through untouched."""


KnownCapture = Callable[[Request, "Capture"], Response | None]


@dataclass(frozen=True)
class Capture:
    """Provenance of one fetched page."""

    source: str
    archive_url: str | None = None
    """The capture fetched (a Wayback URL, a mirror file URI); ``None`` for live pages."""
    captured_at: str | None = None
    """ISO 8601 UTC, when the archive knows it."""
    key: str | None = None
    """Stable identity of the capture's bytes (URL + timestamp, file + size + mtime...), so a
    recrawl can tell a capture it already has; ``None`` when there is no such identity."""
    digest: str | None = None
    """The payload digest the archive's index gives (two captures with one digest hold the
    same bytes); ``None`` when unknown."""


class ArchiveSource:
    """Base class, and the live source: Scrapy downloads the original URL as it is."""

    name = "live"
    history = False
    """Whether the source keeps several captures of a URL and can serve older ones
    (:data:`OLDER_META`)."""

    def __init__(self, site: SiteUrls) -> None:
        self.site = site

    def describe(self) -> str:
        return f"{self.name} site {self.site.root}"

    async def seed_urls(self) -> AsyncIterator[str]:
        """Original URLs to start from: the site root, plus whatever the archive can enumerate."""
        yield self.site.root + "/"

    async def locate(self, request: Request) -> Capture:
        """The capture that would serve ``request.url``."""
        return Capture(source=self.name)

    async def locate_all(self, requests: list[Request]) -> list[Capture] | None:
        """:meth:`locate` for many requests at once, where that is cheap (a mirror's file
        stats in one trip to a thread); ``None`` where it is not (an index to query)."""
        return None

    async def retrieve(self, request: Request, capture: Capture) -> Response | None:
        """A response for ``request.url`` from *capture*, or ``None`` to let Scrapy download it."""
        return None

    def received(self, request: Request, response: Response) -> Response:
        """The response Scrapy downloaded or this source produced for *request*, repaired if
        need be (the live source repairs charsets; archive sources did when reading)."""
        return response

    async def has_older(self, request: Request) -> bool:
        """Whether a capture answers *request*'s :data:`OLDER_META` ask (none without history)."""
        return False

    def report(self) -> list[str]:
        """Lines for the crawl's final summary (what the archive held, beyond the counts)."""
        return []

    async def fetch(self, request: Request, known: KnownCapture | None = None) -> Response | None:
        """:meth:`locate` then :meth:`retrieve`, recording the capture in the request meta.

        *known* may answer for a capture before it is retrieved (a recrawl's state store does,
        for captures it already has); its response is used instead.
        """
        capture = await self.locate(request)
        request.meta[CAPTURE_META] = capture
        if known is not None and (answer := known(request, capture)) is not None:
            return answer
        return await self.retrieve(request, capture)


class CrawlStats:
    """The crawl's stats collector, looked up when first used: sources are built with the spider,
    before Scrapy sets ``crawler.stats``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    def inc_value(self, key: str, count: float = 1, start: float = 0) -> None:
        # Some stats are seconds waited (floats); StatsCollector adds them like ints.
        self.crawler.stats.inc_value(key, count, start)  # type: ignore[arg-type]

    def set_value(self, key: str, value: object) -> None:
        self.crawler.stats.set_value(key, value)


def capture_of(response: Response) -> Capture:
    return response.meta.get(CAPTURE_META) or Capture(source="live")
