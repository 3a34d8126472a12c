"""Pages in flight: a capture is remembered only once everything it gave is safe.

A page's capture is recorded as known (with the links the page led to) after the spider is done
with the page *and* each of its items has been through the item pipelines, so the state pipeline
has committed the post. A kill in between leaves the capture unknown: the next run fetches it
again rather than skipping a post it never stored.

Listing pages are remembered too: an unchanged capture of a listing (the same file, size and
time; the same archive timestamp) lists the same posts, so a recrawl walks its stored links
instead of parsing it again. New posts come with new captures (a listing that changed is a new
capture, read again), and the archive's own enumeration (mirror files, index rows) lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scrapy.http import Response

from crawler.routing import PageKind
from crawler.sources.base import CAPTURE_META

KNOWN_CAPTURE_META = "archive_known_capture"
"""Meta key of a response standing for a capture the store already has: the links it led to."""
PAGE_ROUTES = frozenset(kind.name for kind in PageKind)
"""Routes of the pages whose captures are remembered: every page the routing table follows
(posts, their comment pages, listings)."""
PAGE_META = "archive_state_page"
"""Meta key of the :class:`PostPageVisit` tracking a post page through the pipelines."""


@dataclass
class PostPageVisit:
    """One fetched page: its capture, the links it led to, its items still in the pipelines."""

    url: str
    capture_key: str
    links: list[str] = field(default_factory=list)
    items_pending: int = 0
    parsed: bool = False
    failed: bool = False
    recorded: bool = False

    @property
    def complete(self) -> bool:
        return self.parsed and not self.items_pending and not self.failed and not self.recorded


class PageTracker:
    """Counts each page's items through the pipelines and calls *on_complete* once."""

    def __init__(self, on_complete: Callable[[PostPageVisit], None]) -> None:
        self.on_complete = on_complete
        # Items are keyed by id(): Post is an unhashable dataclass, and an entry lives only
        # while its item is in the pipelines (removed by item_done before the item can die).
        self._visits: dict[int, PostPageVisit] = {}

    def begin(self, response: Response) -> PostPageVisit | None:
        """A visit for a fetched page with a capture identity, else ``None``."""
        meta = response.meta
        capture = meta.get(CAPTURE_META)
        key = getattr(capture, "key", None)
        if meta.get("route") not in PAGE_ROUTES or KNOWN_CAPTURE_META in meta or not key:
            return None
        visit = PostPageVisit(url=response.url, capture_key=key)
        meta[PAGE_META] = visit
        return visit

    def output(self, visit: PostPageVisit, result: Any, is_request: bool) -> None:
        if is_request:
            visit.links.append(result.url)
        else:
            visit.items_pending += 1
            self._visits[id(result)] = visit

    def parsed(self, visit: PostPageVisit) -> None:
        visit.parsed = True
        self._maybe_complete(visit)

    def item_done(self, item: Any, response: Response | None, ok: bool) -> None:
        visit = self._visits.pop(id(item), None)
        if visit is None and response is not None:
            visit = response.meta.get(PAGE_META)
        if visit is None:
            return
        visit.items_pending -= 1
        visit.failed |= not ok
        self._maybe_complete(visit)

    def capture_key_of(self, item: Any) -> str | None:
        """The capture an item in the pipelines came from (``None`` if untracked)."""
        visit = self._visits.get(id(item))
        return visit.capture_key if visit else None

    def _maybe_complete(self, visit: PostPageVisit) -> None:
        if visit.complete:
            visit.recorded = True
            self.on_complete(visit)
