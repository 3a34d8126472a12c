"""Which capture serves an original URL: one set of rules for every archive with capture times.

Pure: a :class:`CaptureIndex` holds every capture an index (CDX, WARC records) listed, keyed by
canonical original URL, and :meth:`CaptureIndex.choose` applies the rules inside a :class:`Window`:

1. the latest capture whose status is 2xx;
2. else the latest archived redirect (3xx), which the crawl follows in original-URL space;
3. else the latest capture of anything else (an archived 404/410/5xx page: not a post).

Within each rule a capture of the page itself beats one of its AMP version (``/amp/``, ``?amp=1``),
which canonical URLs fold into the page but which is another document.

Within the 2xx captures, those a *suspect* test flags (a catch-all payload, a capture after the
site's death: see :mod:`crawler.sources.lifespan`) come after every other one: a dead site's
archive answers 200 with a banner for every URL, and the post is in an older capture.

Choosing an older capture than the window's latest is a *fallback* (the latest was a 404, a
redirect, a 5xx, an afterlife page...). Revisit records (same payload as an earlier capture, by
digest) take their status and type from the capture they revisit, which may lie outside the window.

A payload (digest) that 2xx captures of :data:`CATCH_ALL_URLS` or more distinct URLs share is a
*catch-all* page (a seizure banner, a parking page, a soft-404): :attr:`CaptureIndex.catch_all`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawler.sources.waybackurls import pad_timestamp
from crawler.urls import SiteUrls

CATCH_ALL_URLS = 3
"""Distinct URLs whose 2xx captures share one payload before it counts as a catch-all page. A
WordPress page names its own URL (canonical link, shortlink, body classes): two URLs of a living
site never share bytes."""


@dataclass(frozen=True)
class Window:
    """Captures from ``since`` to ``until`` inclusive (14-digit timestamps; ``None``: open)."""

    since: str | None = None
    until: str | None = None

    @classmethod
    def from_args(cls, since: str | None, until: str | None) -> Window:
        """``-a from=2016 -a to=20190501``: from 2016-01-01 00:00:00 to 2019-05-01 23:59:59."""
        return cls(
            pad_timestamp(since) if since else None,
            pad_timestamp(until, up=True) if until else None,
        )

    def __str__(self) -> str:
        if self.since is None and self.until is None:
            return "all captures"
        return f"captures from {self.since or 'the first'} to {self.until or 'the latest'}"

    def __contains__(self, timestamp: str) -> bool:
        ts = pad_timestamp(timestamp)
        return (self.since is None or ts >= self.since) and (self.until is None or ts <= self.until)


@dataclass(frozen=True)
class CaptureRecord:
    """One capture of one URL, as an index lists it."""

    url: str
    """The original URL as archived (the spelling the archive knows it by)."""
    timestamp: str
    status: int | None
    mime: str = ""
    digest: str = ""
    revisit: bool = False
    ref: Any = field(default=None, compare=False)
    """Where a source finds the bytes (a WARC file and offset); opaque here."""
    origin: CaptureRecord | None = field(default=None, compare=False)
    """For a resolved revisit: the capture holding the payload."""

    @property
    def key(self) -> str:
        return f"{self.url}@{self.timestamp}"


def status_class(status: int | None) -> str:
    if status is not None and 200 <= status < 300:
        return "good"
    if status is not None and 300 <= status < 400:
        return "redirect"
    return "error"


_PREFERENCE = {"good": 0, "redirect": 1, "error": 2}
_AMP_PATH = re.compile(r"/amp/?$")


def is_amp(url: str) -> bool:
    """Whether *url* is the AMP version of a page (``/amp/``, ``?amp``, ``?amp=1``)."""
    parts = urlsplit(url)
    return bool(_AMP_PATH.search(parts.path)) or "amp" in parse_qs(
        parts.query, keep_blank_values=True
    )


@dataclass(frozen=True)
class CatchAll:
    """A payload served for many distinct URLs: how many, and from when to when."""

    digest: str
    urls: int
    first: str
    last: str


@dataclass(frozen=True)
class Choice:
    """The capture chosen for a URL, the others worth trying if it cannot be fetched, and why an
    older one was chosen (``None``: it is the window's latest)."""

    capture: CaptureRecord
    alternatives: tuple[CaptureRecord, ...] = ()
    fallback: str | None = None
    latest: CaptureRecord | None = None
    """The window's latest capture of the URL, whatever it holds."""


class CaptureIndex:
    """Captures per canonical original URL; counts what it refuses in :attr:`dropped`."""

    def __init__(self, site: SiteUrls, window: Window) -> None:
        self.site = site
        self.window = window
        self.by_url: dict[str, list[CaptureRecord]] = {}
        self.by_digest: dict[str, list[CaptureRecord]] = {}
        self.dropped: Counter[str] = Counter()
        self.catch_all: dict[str, CatchAll] = {}

    def add(self, record: CaptureRecord) -> str | None:
        """Index *record* under its canonical URL (returned); ``None`` when it is off-site."""
        canonical = self.site.canonical(record.url)
        if canonical is None:
            self.dropped["offsite"] += 1
            return None
        self.by_url.setdefault(canonical, []).append(record)
        if record.digest and not record.revisit:
            self.by_digest.setdefault(record.digest, []).append(record)
        return canonical

    def finish(self) -> None:
        """Resolve revisits and count what the window leaves out; call once, after the last add."""
        for canonical, records in self.by_url.items():
            resolved = [r for r in map(self._resolve, records) if r is not None]
            self.by_url[canonical] = sorted(resolved, key=lambda r: pad_timestamp(r.timestamp))
            outside = sum(r.timestamp not in self.window for r in resolved)
            if outside:
                self.dropped["outside_window"] += outside
        self.catch_all = self._catch_all()

    def urls(self) -> list[str]:
        """Canonical URLs with at least one usable capture in the window, sorted."""
        return sorted(
            u
            for u, records in self.by_url.items()
            if any(r.timestamp in self.window for r in records)
        )

    def choose(
        self,
        canonical: str,
        suspect: Callable[[CaptureRecord], bool] | None = None,
        before: str | None = None,
        unlike: frozenset[str] = frozenset(),
    ) -> Choice | None:
        """The capture serving *canonical* in the window, by the module's rules, then the others
        in the order to try them; ``None``: none. *suspect* flags likely afterlife captures
        (catch-all payloads are always suspect). *before* (a timestamp) and *unlike* (payload
        digests) ask for an older capture holding other bytes than those already read."""
        usable = [
            r
            for r in self.by_url.get(canonical, ())
            if r.timestamp in self.window
            and (before is None or pad_timestamp(r.timestamp) < before)
            and not (unlike and r.digest in unlike)
        ]
        if not usable:
            return None
        latest = usable[-1]

        def rank(record: CaptureRecord) -> tuple[int, bool, bool]:
            kind = status_class(record.status)
            doubtful = kind == "good" and (
                record.digest in self.catch_all or (suspect is not None and suspect(record))
            )
            return _PREFERENCE[kind], doubtful, is_amp(record.url)

        # newest first, then (stable) by preference: the newest good one, redirect, error...
        ranked = sorted(reversed(usable), key=rank)
        best = ranked[0]
        fallback = None
        if best is not latest:
            fallback = f"the latest capture ({latest.timestamp}) " + (
                "is likely an afterlife page"
                if rank(latest)[:2] == (0, True)
                else f"has status {latest.status or '-'}"
            )
        return Choice(best, tuple(ranked[1:]), fallback, latest)

    def _catch_all(self) -> dict[str, CatchAll]:
        urls: dict[str, set[str]] = {}
        times: dict[str, list[str]] = {}
        for canonical, records in self.by_url.items():
            for r in records:
                if r.digest and status_class(r.status) == "good":
                    urls.setdefault(r.digest, set()).add(canonical)
                    times.setdefault(r.digest, []).append(pad_timestamp(r.timestamp))
        return {
            digest: CatchAll(digest, len(found), min(times[digest]), max(times[digest]))
            for digest, found in urls.items()
            if len(found) >= CATCH_ALL_URLS
        }

    def _resolve(self, record: CaptureRecord) -> CaptureRecord | None:
        """A revisit with its original's status, type and payload; ``None`` if none can be found."""
        if not record.revisit:
            return record
        origin = self.origin_of(record)
        if origin is None:
            self.dropped["revisit_unresolved"] += 1
            return None
        return replace(
            record, status=record.status or origin.status, mime=origin.mime, origin=origin
        )

    def origin_of(self, revisit: CaptureRecord) -> CaptureRecord | None:
        """The latest earlier non-revisit capture with the revisit's digest, this URL first."""
        same = [
            r
            for r in self.by_digest.get(revisit.digest, ())
            if pad_timestamp(r.timestamp) <= pad_timestamp(revisit.timestamp)
        ]
        if not same:
            return None
        here = self.site.canonical(revisit.url)
        return max(
            same, key=lambda r: (self.site.canonical(r.url) == here, pad_timestamp(r.timestamp))
        )
