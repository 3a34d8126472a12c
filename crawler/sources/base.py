"""The source boundary: where the bytes of an original URL come from.

A source turns a request for an *original* URL into a response for that same URL, and says which
capture it used. Nothing outside ``crawler/sources`` knows about archive URL schemes or folders.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

from scrapy import Request
from scrapy.http import Response

from crawler.urls import SiteUrls

CAPTURE_META = "archive_capture"
"""Request/response meta key holding the :class:`Capture` a source fetched."""


@dataclass(frozen=True)
class Capture:
    """Provenance of one fetched page."""

    source: str
    archive_url: str | None = None
    captured_at: str | None = None


class ArchiveSource:
    """Base class: a live site. Subclasses override :meth:`fetch` and :meth:`seed_urls`."""

    name = "live"

    def __init__(self, site: SiteUrls) -> None:
        self.site = site

    async def seed_urls(self) -> AsyncIterator[str]:
        """Original URLs to start from: the site root, plus whatever the archive can enumerate."""
        yield self.site.root + "/"

    async def fetch(self, request: Request) -> Response | None:
        """A response for ``request.url``, or ``None`` to let Scrapy download it as it is."""
        request.meta[CAPTURE_META] = Capture(source=self.name)
        return None

    def describe(self) -> str:
        return f"{self.name} site {self.site.root}"


def capture_of(response: Response) -> Capture:
    return response.meta.get(CAPTURE_META) or Capture(source="live")
