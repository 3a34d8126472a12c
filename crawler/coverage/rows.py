"""What one request, response or capture becomes in the coverage record (pure functions).

A *verdict* says what a capture was: ``real`` (a page of the site), an afterlife kind
(``seized``, ``parked``, ``catch-all``, ``soft-404``...: :mod:`crawler.sources.afterlife`),
``redirect``, ``error`` (an archived 4xx/5xx, or a live one), or, for a URL answered without any
capture, why: ``missing`` (the archive has none), ``unavailable`` (none could be read),
``afterlife`` (every capture read was an afterlife page); ``failed``: the fetch itself failed.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import Response

from crawler.sources.base import ArchiveSource, Capture
from crawler.sources.indexed import IndexedSource
from crawler.sources.mirror import MirrorSource
from crawler.sources.waybackurls import iso_from_timestamp
from crawler.state.coverage import CaptureRow

REAL, REDIRECT, ERROR, FAILED = "real", "redirect", "error", "failed"
KNOWN_CAPTURE_FLAG = "known capture"
"""The flag of the stand-in response for a capture the state store already has
(``CrawlState.known_response``)."""


def capture_identity(capture: Capture) -> str:
    """What tells this capture of a URL from its others: its time, else its key (a mirror
    file's path, size and time); ``''`` for a live page, which has but one (the latest)."""
    if capture.source == "live":
        return ""
    return capture.captured_at or capture.key or ""


def referer(request: Request) -> str | None:
    value = request.headers.get(b"Referer")
    return value.decode("latin-1") if value else None


def served_row(url: str, request: Request, response: Response, capture: Capture,
               outcome: str | None, now: str) -> CaptureRow:
    """The row of what answered *request*: a capture, or (*outcome* given by the source) the
    reason there was none."""
    route = request.meta.get("route")
    if outcome is not None:
        return CaptureRow(url, "", outcome, served=True, fetched=False, route=route,
                          source=capture.source, captured_at=None, status=response.status,
                          referer=referer(request))
    status = response.status
    verdict = REAL if 200 <= status < 300 else REDIRECT if 300 <= status < 400 else ERROR
    # A live page is captured when it is fetched.
    captured_at = capture.captured_at or (now if capture.source == "live" else None)
    return CaptureRow(url, capture_identity(capture), verdict, served=True, fetched=True,
                      route=route, source=capture.source, captured_at=captured_at,
                      status=status, referer=referer(request))


def rejected_row(url: str, request: Request, capture: Capture, kind: str,
                 fetched: bool) -> CaptureRow:
    """A capture passed over as an afterlife page (only 2xx captures are judged)."""
    return CaptureRow(url, capture_identity(capture), kind, served=False, fetched=fetched,
                      route=request.meta.get("route"), source=capture.source,
                      captured_at=capture.captured_at, status=200)


def index_row(url: str, route: str | None, capture: Capture, kind: str) -> CaptureRow:
    """A capture the archive's index showed to be a catch-all page (never fetched for that)."""
    return CaptureRow(url, capture_identity(capture), kind, served=False, fetched=False,
                      route=route, source=capture.source, captured_at=capture.captured_at,
                      status=200)


def failed_row(url: str, request: Request, capture: Capture | None) -> CaptureRow:
    """A fetch that raised (a timeout, a refused connection, a page over the size cap...)."""
    return CaptureRow(url, capture_identity(capture) if capture else "", FAILED, served=True,
                      fetched=True, route=request.meta.get("route"),
                      source=capture.source if capture else None,
                      captured_at=capture.captured_at if capture else None, status=None,
                      referer=referer(request))


def afterlife_pages(source: ArchiveSource) -> list[dict[str, Any]]:
    """The afterlife pages a source met (with their titles, which the rows do not keep), and
    the catch-all pages its index named without any being fetched."""
    if isinstance(source, IndexedSource):
        return [{"kind": p.kind, "title": p.title, "urls": p.urls,
                 "first": iso_from_timestamp(p.first) if p.first else None,
                 "last": iso_from_timestamp(p.last) if p.last else None}
                for p in source.life.pages.values()]
    if isinstance(source, MirrorSource):
        return [{"kind": kind, "title": title, "urls": count, "first": None, "last": None}
                for (kind, title), count in source.afterlife.items()]
    return []

