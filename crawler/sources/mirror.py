"""A local mirror folder, as ``wget --mirror`` or wayback_machine_downloader write them.

Layout: ``PATH/<host>[:port]/2017/11/18/<slug>/index.html``; ``index.html`` stands for directory
URLs, query URLs keep the ``?`` in the file name (``index.html?p=12``), and ``wget -E`` may append
``.html``. ``PATH`` may also be the host folder itself. No file outside that folder is ever read.

A mirror of a dead site's archive (wayback_machine_downloader takes each URL's latest capture)
may hold its afterlife: seizure banners, parking pages, soft-404s. Each page is judged like an
archive's capture (:mod:`crawler.sources.afterlife`); a mirror has no older capture to fall back
on, so an afterlife page is served as a 404 and counted, never read as a post.

Jekyll-style copies are pages too: ``2017/11/18/<slug>/index.md`` (or ``.markdown``, or
``<slug>.md``) holding front matter and the post's HTML is the URL ``/2017/11/18/<slug>/``; an
``index.html`` beside it wins. A ``.md`` file without front matter (a README) is not a page.

Whatever else the folder holds (sockets, FIFOs, links out, unreadable files, names that are not
UTF-8, files bigger than any page: :mod:`crawler.sources.mirrorfiles`) costs a counted warning,
never the crawl; every file system call runs off the reactor thread.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import Counter
from collections.abc import AsyncIterator
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response

from crawler.sources.afterlife import UNPROVEN, CaptureJudge
from crawler.sources.base import HOME_ROUTES, ArchiveSource, Capture
from crawler.sources.limits import MAX_PAGE_BYTES, PageTooLarge
from crawler.sources.mirrorfiles import (
    NotAPageFile,
    Skips,
    is_html,
    read_page,
    regular_inside,
    walk_pages,
)
from crawler.sources.mirrorpaths import candidates, find_host_dir, url_path
from crawler.sources.observer import AFTERLIFE, MISSING, NO_OBSERVER, UNAVAILABLE
from crawler.sources.replay import archived_response
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

BATCH = 256
"""Files enumerated per trip to a worker thread."""


class MirrorSource(ArchiveSource):
    """Serves original URLs from files and enumerates every HTML file it holds."""

    name = "mirror"

    def __init__(self, site: SiteUrls, path: str | os.PathLike[str], stats: Any = None,
                 max_bytes: int = MAX_PAGE_BYTES) -> None:
        super().__init__(site)
        self.host_dir = find_host_dir(Path(path), site)
        self.stats = stats
        self.max_bytes = max_bytes
        self.judge = CaptureJudge()
        self.skips = Skips(stats)
        self.afterlife: Counter[tuple[str, str]] = Counter()
        """(kind, title) of the files judged afterlife pages, and how many."""
        self.observer = NO_OBSERVER
        """Told of the files judged afterlife pages and of URLs left without one."""

    def describe(self) -> str:
        return f"mirror of {self.site.root} in {self.host_dir}"

    async def seed_urls(self) -> AsyncIterator[str]:
        yield self.site.root + "/"
        files = walk_pages(self.host_dir, self.skips)
        while batch := await asyncio.to_thread(lambda: list(islice(files, BATCH))):
            for file in batch:
                yield self.url_for(file)

    async def locate(self, request: Request) -> Capture:
        return await asyncio.to_thread(self._capture, request.url)

    async def locate_all(self, requests: list[Request]) -> list[Capture]:
        urls = [request.url for request in requests]
        return await asyncio.to_thread(lambda: [self._capture(url) for url in urls])

    def _capture(self, url: str) -> Capture:
        found = self._stat(url)
        if found is None:
            return Capture(source=self.name)
        uri, size, mtime = found
        key = f"{uri}#{size}:{mtime}"  # a re-downloaded file is a new capture
        return Capture(source=self.name, archive_url=uri, key=key)

    def _stat(self, url: str) -> tuple[str, int, int] | None:
        file = self.file_for(url)
        try:
            stat = file.stat() if file is not None else None
        except OSError:  # gone since it was found
            stat = None
        if file is None or stat is None:
            return None
        return file.as_uri(), stat.st_size, stat.st_mtime_ns

    async def retrieve(self, request: Request, capture: Capture) -> Response:
        if capture.archive_url is None:
            self.observer.unserved(request, MISSING)
            return HtmlResponse(request.url, status=404, body=b"", request=request)
        # surrogateescape: a file name that is not UTF-8 is %-escaped bytes in its URI
        file = Path(unquote(urlsplit(capture.archive_url).path, errors="surrogateescape"))
        try:
            body = await asyncio.to_thread(read_page, file, self.max_bytes)
        except PageTooLarge as exc:
            self._inc("too_large")
            logger.warning("Not reading %s for %s: %s", file, request.url, exc)
            raise IgnoreRequest(f"page too large: {exc}") from None
        except NotAPageFile as exc:
            self.skips.add(exc.reason, file)
            self.observer.unserved(request, UNAVAILABLE)
            return HtmlResponse(request.url, status=404, body=b"", request=request)
        url = self.site.canonical(request.url) or request.url
        verdict = self.judge.judge(url, body, home=request.meta.get("route") in HOME_ROUTES)
        if verdict.afterlife:
            self.afterlife[verdict.kind, verdict.title] += 1
            self._inc(f"afterlife/rejected/{verdict.kind}")
            logger.debug("%s is not a page of the site (%s: %r)", capture.archive_url,
                         verdict.kind, verdict.title)
            self.observer.rejected(request, capture, verdict.kind, fetched=True)
            self.observer.unserved(request, AFTERLIFE)
            return HtmlResponse(request.url, status=404, body=b"", request=request,
                                flags=["afterlife"])
        if verdict.kind == UNPROVEN:
            self.judge.served_unproven()
        fixes: list[str] = []
        response = archived_response(request, 200, {"content-type": "text/html"}, body,
                                     fixes=fixes)
        for fix in fixes:
            self._inc(f"captures/fixed/{fix}")
        return response

    def report(self) -> list[str]:
        return [f"Mirror file that is no page of the site: {title!r} ({kind}), {count} files"
                for (kind, title), count in self.afterlife.most_common()] + self.skips.report()

    def _inc(self, name: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/{name}")

    def file_for(self, url: str) -> Path | None:
        """The file holding *url* in this mirror, or ``None``."""
        parts = urlsplit(url)
        for candidate in candidates(parts.path, parts.query):
            file = regular_inside(self.host_dir / candidate, self.host_dir)
            if file is not None and is_html(file):
                return file
        return None

    def url_for(self, file: Path) -> str:
        """The original URL a mirror file was saved from."""
        return self.site.root + url_path(file.relative_to(self.host_dir).as_posix())
