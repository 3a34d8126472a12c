"""What the Wayback and WARC sources share: an index of captures loaded once, and the choice.

The index is loaded lazily, by whichever comes first of :meth:`seed_urls` and :meth:`locate`,
never in a constructor. Enumeration yields every URL with an HTML capture in the window; the
spider classifies it with the routing table like any link.

Serving a URL is a loop over its captures in the order :meth:`CaptureIndex.choose` ranks them:
each 2xx page fetched is judged (:mod:`crawler.sources.afterlife`); an afterlife page (a banner,
a parking page, a soft-404...) sends the loop on to the next older capture, up to
``ARCHIVE_CAPTURE_TRIES`` fetches per URL, and what was learned (the site's death, the afterlife
payloads: :mod:`crawler.sources.lifespan`) ranks later URLs' captures before they are fetched.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse

from crawler.sources.afterlife import (
    UNPROVEN,
    CaptureJudge,
    Verdict,
    afterlife_kind,
    page_title,
)
from crawler.sources.base import (
    CAPTURE_META,
    HOME_ROUTES,
    OLDER_META,
    SEEN_META,
    ArchiveSource,
    Capture,
)
from crawler.sources.captures import CaptureIndex, CaptureRecord, Choice, Window, status_class
from crawler.sources.lifespan import LifeSpan
from crawler.sources.observer import AFTERLIFE, MISSING, NO_OBSERVER, UNAVAILABLE
from crawler.sources.waybackurls import iso_from_timestamp, timestamp_from_iso
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

HTML_MIMES = ("text/html", "application/xhtml+xml", "text/plain", "unk", "")
CAPTURE_TRIES = 5
"""Default ``ARCHIVE_CAPTURE_TRIES``: captures fetched for one URL before giving up on it."""


@dataclass(frozen=True)
class Fetched:
    """A capture as a source read it: the response, and the capture it really was."""

    response: Response
    record: CaptureRecord
    """The capture served (a replay may redirect to another timestamp than the one asked)."""
    archive_url: str | None = None


class IndexedSource(ArchiveSource):
    """A source whose archive lists its captures up front (a CDX server, WARC records)."""

    history = True

    def __init__(
        self, site: SiteUrls, window: Window, stats: Any = None, tries: int = CAPTURE_TRIES
    ) -> None:
        """*stats*: anything with Scrapy's ``inc_value`` (a stats collector, a ``CrawlStats``)."""
        super().__init__(site)
        self.window = window
        self.stats = stats
        self.tries = max(1, tries)
        self.judge = CaptureJudge()
        self.life = LifeSpan()
        self.observer = NO_OBSERVER
        """Told of the captures passed over and of URLs left without one (``scrapy report``)."""
        self._index: asyncio.Future[CaptureIndex] | None = None
        self.index_share: Any = None
        """Set in a distributed run (``crawler.distributed.index``): one worker loads the
        index, the others read its copy (``await index_share.get(load)``)."""

    async def load_index(self, index: CaptureIndex) -> None:
        """Fill *index* from the archive (subclasses)."""
        raise NotImplementedError

    def archive_url(self, record: CaptureRecord) -> str:
        """Where *record* is fetched from (subclasses)."""
        raise NotImplementedError

    async def read(self, request: Request, record: CaptureRecord) -> Fetched | None:
        """The response *record* holds for ``request.url``; ``None`` when it cannot be read
        (subclasses)."""
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
        choice = self.choice(await self.index(), request)
        if choice is None:
            return Capture(source=self.name)
        return self.capture(choice.capture)

    async def has_older(self, request: Request) -> bool:
        choice = self.choice(await self.index(), request)
        return choice is not None and status_class(choice.capture.status) == "good"

    def choice(self, index: CaptureIndex, request: Request) -> Choice | None:
        """The captures for ``request.url``, or for its :data:`OLDER_META` ask."""
        url = self.site.canonical(request.url) or request.url
        older: Capture | None = request.meta.get(OLDER_META)
        if older is None or not older.captured_at:
            return index.choose(url, self.life.suspect)
        before = timestamp_from_iso(older.captured_at)
        return index.choose(url, self.life.suspect, before, frozenset(request.meta[SEEN_META]))

    def candidates(self, request: Request, choice: Choice | None) -> list[CaptureRecord]:
        """The captures to try for ``request.url``, best first (subclasses may add guesses)."""
        return [choice.capture, *choice.alternatives] if choice else []

    async def retrieve(self, request: Request, capture: Capture) -> Response:
        request.meta["dont_retry"] = True  # an archived status is final; the client retried already
        choice = self.choice(await self.index(), request)
        unproven: Fetched | None = None
        fetches = rejected = 0
        for record in self.candidates(request, choice):
            if self.life.known_afterlife(record):
                self.inc("afterlife/skipped")
                known = self.life.pages.get(record.digest)
                self.observer.rejected(request, self.capture(record),
                                       known.kind if known else AFTERLIFE, fetched=False)
                rejected += 1
                continue
            if fetches == self.tries:
                break
            fetches += 1
            fetched = await self.read(request, record)
            if fetched is None:
                continue
            verdict = self._judge(request, fetched)
            if verdict is None or verdict.real:
                if unproven is not None:  # an older capture is the site's: the newer was not
                    self._afterlife(request, unproven, Verdict("not-wordpress"))
                return self._serve(request, fetched, choice)
            if verdict.kind != UNPROVEN:
                self._afterlife(request, fetched, verdict)
                rejected += 1
            elif unproven is None:
                unproven = fetched
        if unproven is not None:
            self.judge.served_unproven()
            self.inc("afterlife/unproven_served")
            return self._serve(request, unproven, choice)
        return self._nothing_to_serve(request, fetches, rejected)

    def _judge(self, request: Request, fetched: Fetched) -> Verdict | None:
        """The verdict on a 2xx HTML page; ``None`` for what is not judged (redirects, errors,
        images: an archived status or type is an answer in itself)."""
        response = fetched.response
        if not 200 <= response.status < 300 or not isinstance(response, TextResponse):
            return None
        url = self.site.canonical(request.url) or request.url
        return self.judge.judge(url, response.body,
                                home=request.meta.get("route") in HOME_ROUTES)

    def _serve(self, request: Request, fetched: Fetched, choice: Choice | None) -> Response:
        record = fetched.record
        if 200 <= fetched.response.status < 300:
            self.life.real(record)
        latest = choice.latest if choice else None
        if OLDER_META in request.meta:
            self.inc("history/older_captures")
        elif latest is not None and record.timestamp != latest.timestamp:
            # The rule on a dead site's archive, not the exception: counted, logged at DEBUG.
            self.inc("captures/fallback")
            logger.debug("Using capture %s of %s: %s", record.timestamp, request.url,
                         (choice.fallback if choice else None)
                         or f"the latest capture ({latest.timestamp}) is not the site's page")
        self.served(request, record, fetched.archive_url)
        return fetched.response

    def _afterlife(self, request: Request, fetched: Fetched, verdict: Verdict) -> None:
        self.life.afterlife(fetched.record, verdict.kind, verdict.title)
        self.inc(f"afterlife/rejected/{verdict.kind}")
        self.observer.rejected(request, self.capture(fetched.record), verdict.kind, fetched=True)
        logger.debug("Capture %s of %s is not the site's page (%s: %r)",
                     fetched.record.timestamp, request.url, verdict.kind, verdict.title)

    def _nothing_to_serve(self, request: Request, fetches: int, rejected: int) -> Response:
        """A 404 for a URL none of whose captures could be read, or is a page of the site."""
        self.observer.unserved(request, AFTERLIFE if rejected else UNAVAILABLE if fetches
                               else MISSING)
        if rejected:
            self.inc("afterlife/no_real_capture")
            logger.info("No capture of %s is a page of the site (%d afterlife, %d fetched): "
                        "serving a 404", request.url, rejected, fetches)
        elif fetches:
            self.inc("captures/unavailable")
            logger.info("No capture of %s could be read in the window: serving a 404",
                        request.url)
        return HtmlResponse(request.url, status=404, body=b"", request=request,
                            flags=["afterlife"] if rejected else [])

    def capture(self, record: CaptureRecord) -> Capture:
        return Capture(
            source=self.name,
            archive_url=self.archive_url(record),
            captured_at=iso_from_timestamp(record.timestamp),
            key=record.key,
            digest=record.digest or None,
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
            digest=record.digest or located.digest,
        )

    def report(self) -> list[str]:
        lines = self.life.report()
        if self.stats is not None and self.life.last_real:
            self.stats.set_value("archive/life/last_real_capture",
                                 iso_from_timestamp(self.life.last_real))
        if self.stats is not None and self.life.death:
            self.stats.set_value("archive/life/afterlife_from", iso_from_timestamp(self.life.death))
        return lines

    def inc(self, name: str, value: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/{name}", value)

    async def _load(self) -> CaptureIndex:
        index = CaptureIndex(self.site, self.window)
        await self.load_index(index)
        index.finish()
        return index

    async def _build_index(self) -> CaptureIndex:
        share = self.index_share
        index = await (self._load() if share is None else share.get(self._load))
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
        for found in index.catch_all.values():
            kind, title = await self._sample(index, found.digest)
            self.life.catch_all(found.digest, found.urls, found.first, found.last, kind, title)
            for record in index.by_digest[found.digest]:
                self.observer.catch_all(record.url, self.capture(record), kind)
            self.inc("afterlife/catch_all_pages")
            logger.info("One page (%s%s) answers for %d URLs from %s to %s: used only where "
                        "a URL has nothing else", kind, f", {title!r}" if title else "",
                        found.urls, iso_from_timestamp(found.first),
                        iso_from_timestamp(found.last))
        if not urls:
            self.index_empty()
        return index

    async def _sample(self, index: CaptureIndex, digest: str) -> tuple[str, str]:
        """What a catch-all payload is (its kind and title), from one of its captures: one
        fetch per catch-all page, so the summary can name it."""
        record = index.by_digest[digest][-1]
        try:
            fetched = await self.read(Request(record.url), record)
        except Exception as exc:  # naming it is a courtesy; the crawl must not fail for it
            logger.debug("Could not read catch-all page %s: %s", record.key, exc)
            fetched = None
        body = fetched.response.body if fetched is not None else b""
        return afterlife_kind(body), page_title(body)

    def index_empty(self) -> None:
        """Say so when the index lists nothing for the site (subclasses add the query)."""
        logger.warning("The archive lists no captures of %s in the window", self.site.root)


def _is_html(mime: str) -> bool:
    return mime.split(";")[0].strip().lower() in HTML_MIMES or mime.startswith("text/html")
