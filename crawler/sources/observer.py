"""What a source tells an observer about the captures it did not serve (for ``scrapy report``).

A source serves each request from one capture; the response says which. What the response
cannot say is what happened on the way: the captures judged afterlife pages and passed over,
those skipped unread as a known afterlife payload, those the index showed to be catch-all
pages, and why a URL ended with no capture at all.
Sources report those here; the coverage recorder (:mod:`crawler.coverage`) listens. A source
without a listener reports to :data:`NO_OBSERVER`, which does nothing.
"""

from __future__ import annotations

from typing import Protocol

from scrapy import Request

from crawler.sources.base import Capture

MISSING, UNAVAILABLE, AFTERLIFE = "missing", "unavailable", "afterlife"
"""Why a URL got no capture: the archive has none in the window, none of its captures could
be read, or every capture read was an afterlife page."""


class CaptureObserver(Protocol):
    def rejected(self, request: Request, capture: Capture, kind: str, fetched: bool) -> None:
        """*capture* of ``request.url`` is not the site's page but an afterlife page of *kind*
        (``seized``, ``catch-all``, ``soft-404``...); *fetched*: judged after reading it, not
        skipped unread as a payload already known to be one."""

    def unserved(self, request: Request, why: str) -> None:
        """``request.url`` is answered with a 404 of the source's own: :data:`MISSING`,
        :data:`UNAVAILABLE` or :data:`AFTERLIFE`."""

    def catch_all(self, url: str, capture: Capture, kind: str) -> None:
        """*capture* of *url* holds a payload the archive's index shows at many URLs: a
        catch-all page of *kind*, tried only where a URL has nothing else."""


class _Nobody:
    def rejected(self, request: Request, capture: Capture, kind: str, fetched: bool) -> None:
        pass

    def unserved(self, request: Request, why: str) -> None:
        pass

    def catch_all(self, url: str, capture: Capture, kind: str) -> None:
        pass


NO_OBSERVER: CaptureObserver = _Nobody()
