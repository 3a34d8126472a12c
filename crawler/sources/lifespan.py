"""When did the site live? Learned from the captures a crawl judges, and used to choose captures.

Each capture a source fetches is judged real or afterlife (:mod:`crawler.sources.afterlife`).
The site's death is estimated as the first afterlife capture after the last real one, once
:data:`DEATH_EVIDENCE` afterlife captures agree; captures from then on are *suspect*: tried only
after every capture from the site's life. A real capture found later moves the estimate on (a
site down for a day and back is not dead). Payload digests judged afterlife are remembered, so
their other captures are skipped without a fetch. No ``to=`` is needed to stop at the death.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field

from crawler.sources.captures import CaptureRecord, status_class
from crawler.sources.waybackurls import iso_from_timestamp, pad_timestamp

DEATH_EVIDENCE = 3
"""Afterlife captures after the last real one needed before later captures become suspect."""


@dataclass
class AfterlifePage:
    """One catch-all or named afterlife page (seizure banner, parking page...), as seen."""

    kind: str
    title: str = ""
    urls: int = 0
    first: str = ""
    last: str = ""

    def saw(self, timestamp: str, urls: int = 1) -> None:
        self.urls += urls
        self.first = min(self.first or timestamp, timestamp)
        self.last = max(self.last, timestamp)

    def describe(self) -> str:
        title = f"{self.title!r} " if self.title else ""
        return (f"{title}({self.kind}) at {self.urls} URLs from {iso_from_timestamp(self.first)}"
                f" to {iso_from_timestamp(self.last)}")


@dataclass
class LifeSpan:
    """Real and afterlife capture times of one site, and the afterlife pages met."""

    first_real: str | None = None
    last_real: str | None = None
    afterlife_times: list[str] = field(default_factory=list)
    """Sorted 14-digit timestamps of captures judged afterlife."""
    afterlife_digests: set[str] = field(default_factory=set)
    pages: dict[str, AfterlifePage] = field(default_factory=dict)
    """Afterlife pages by payload key (index digest, or the title for pages seen by fetching)."""
    counts: Counter[str] = field(default_factory=Counter)

    def real(self, record: CaptureRecord) -> None:
        ts = pad_timestamp(record.timestamp)
        self.first_real = min(self.first_real or ts, ts)
        self.last_real = max(self.last_real or ts, ts)

    def afterlife(self, record: CaptureRecord, kind: str, title: str) -> None:
        ts = pad_timestamp(record.timestamp)
        bisect.insort(self.afterlife_times, ts)
        if record.digest:
            self.afterlife_digests.add(record.digest)
        key = record.digest if kind == "catch-all" and record.digest else f"{kind}:{title}"
        page = self.pages.setdefault(key, AfterlifePage(kind, title))
        page.title = page.title or title
        page.saw(ts)
        self.counts[kind] += 1

    def catch_all(self, digest: str, urls: int, first: str, last: str, kind: str = "catch-all",
                  title: str = "") -> None:
        """A payload the index lists for *urls* distinct URLs: known before any fetch. (It does
        not date the death by itself: a site that lived on may have had a bad day.)"""
        self.afterlife_digests.add(digest)
        page = self.pages.setdefault(digest, AfterlifePage(kind, title))
        page.saw(first, urls)
        page.saw(last, 0)

    @property
    def death(self) -> str | None:
        """The first afterlife capture after the last real one, once the evidence is enough."""
        start = bisect.bisect_right(self.afterlife_times, self.last_real or "")
        if len(self.afterlife_times) - start < DEATH_EVIDENCE:
            return None
        return self.afterlife_times[start]

    def suspect(self, record: CaptureRecord) -> bool:
        """Whether *record* is likely afterlife: a known afterlife payload, or after the death."""
        if self.known_afterlife(record):
            return True
        death = self.death
        return death is not None and pad_timestamp(record.timestamp) >= death

    def known_afterlife(self, record: CaptureRecord) -> bool:
        """A 2xx capture of a payload judged afterlife. (Redirects and errors share digests of
        their own, such as the empty body's, with nothing.)"""
        return (status_class(record.status) == "good" and bool(record.digest)
                and record.digest in self.afterlife_digests)

    @property
    def first_afterlife(self) -> str | None:
        """The first afterlife capture after the last real one, judged or from the index."""
        after = self.last_real or ""
        times = [t for t in self.afterlife_times if t > after]
        times += [p.first for p in self.pages.values() if p.first > after]
        return min(times, default=None)

    def report(self) -> list[str]:
        """Lines for the crawl's summary; none when no afterlife was met."""
        if not self.pages and not self.afterlife_times:
            return []
        first = self.first_afterlife
        lines = [
            "Site life: last real capture "
            + (iso_from_timestamp(self.last_real) if self.last_real else "none found")
            + (f", first afterlife capture {iso_from_timestamp(first)}" if first else "")
            + f"; {sum(self.counts.values())} captures rejected as afterlife after fetching"
        ]
        for page in sorted(self.pages.values(), key=lambda p: (p.first, p.kind)):
            lines.append(f"Afterlife page: {page.describe()}")
        return lines
