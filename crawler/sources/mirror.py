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
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from scrapy import Request
from scrapy.http import HtmlResponse, Response

from crawler.sources.afterlife import UNPROVEN, CaptureJudge
from crawler.sources.base import HOME_ROUTES, ArchiveSource, Capture
from crawler.urls import SiteUrls

logger = logging.getLogger(__name__)

INDEX_NAMES = ("index.html", "index.htm")
HTML_SUFFIXES = (".html", ".htm")
COPY_INDEX_NAMES = ("index.md", "index.markdown")
COPY_SUFFIXES = (".md", ".markdown")
INDEX_NAMES_SET = frozenset(INDEX_NAMES)


class MirrorSource(ArchiveSource):
    """Serves original URLs from files and enumerates every HTML file it holds."""

    name = "mirror"

    def __init__(self, site: SiteUrls, path: str | os.PathLike[str], stats: Any = None) -> None:
        super().__init__(site)
        self.host_dir = find_host_dir(Path(path), site)
        self.stats = stats
        self.judge = CaptureJudge()
        self.afterlife: Counter[tuple[str, str]] = Counter()
        """(kind, title) of the files judged afterlife pages, and how many."""

    def describe(self) -> str:
        return f"mirror of {self.site.root} in {self.host_dir}"

    async def seed_urls(self) -> AsyncIterator[str]:
        yield self.site.root + "/"
        for file in iter_html_files(self.host_dir):
            yield self.url_for(file)

    async def locate(self, request: Request) -> Capture:
        file = self.file_for(request.url)
        if file is None:
            return Capture(source=self.name)
        stat = file.stat()
        uri = file.as_uri()
        key = f"{uri}#{stat.st_size}:{stat.st_mtime_ns}"  # a re-downloaded file is a new capture
        return Capture(source=self.name, archive_url=uri, key=key)

    async def retrieve(self, request: Request, capture: Capture) -> Response:
        if capture.archive_url is None:
            return HtmlResponse(request.url, status=404, body=b"", request=request)
        body = Path(url2pathname(urlsplit(capture.archive_url).path)).read_bytes()
        url = self.site.canonical(request.url) or request.url
        verdict = self.judge.judge(url, body, home=request.meta.get("route") in HOME_ROUTES)
        if verdict.afterlife:
            self.afterlife[verdict.kind, verdict.title] += 1
            if self.stats is not None:
                self.stats.inc_value(f"archive/afterlife/rejected/{verdict.kind}")
            logger.debug("%s is not a page of the site (%s: %r)", capture.archive_url,
                         verdict.kind, verdict.title)
            return HtmlResponse(request.url, status=404, body=b"", request=request,
                                flags=["afterlife"])
        if verdict.kind == UNPROVEN:
            self.judge.served_unproven()
        headers = {"Content-Type": "text/html"}
        return HtmlResponse(request.url, body=body, headers=headers, request=request)

    def report(self) -> list[str]:
        return [f"Mirror file that is no page of the site: {title!r} ({kind}), {count} files"
                for (kind, title), count in self.afterlife.most_common()]

    def file_for(self, url: str) -> Path | None:
        """The file holding *url* in this mirror, or ``None``."""
        parts = urlsplit(url)
        for candidate in _candidates(parts.path, parts.query):
            file = self._inside(candidate)
            if file is not None and file.is_file() and _is_html(file):
                return file
        return None

    def url_for(self, file: Path) -> str:
        """The original URL a mirror file was saved from."""
        relative = file.relative_to(self.host_dir).as_posix()
        directory, _, name = relative.rpartition("/")
        name, _, query = name.partition("?")
        if query.endswith(HTML_SUFFIXES) and name.endswith(HTML_SUFFIXES):
            query = query.rsplit(".", 1)[0]  # wget -E appends .html after the query
        if name in INDEX_NAMES or name in COPY_INDEX_NAMES:
            name = ""
        elif name.endswith(COPY_SUFFIXES):
            name = name.rsplit(".", 1)[0]  # a Jekyll copy: slug.md is /slug/
        elif name.endswith(HTML_SUFFIXES) and "." not in name.rsplit(".", 1)[0]:
            name = name.rsplit(".", 1)[0]  # wget -E: archives/12 saved as archives/12.html
        if name and "." not in name:
            name += "/"  # a directory URL (WordPress permalinks end with a slash)
        path = "/".join(("", directory, name)) if directory else "/" + name
        url = self.site.root + quote(path, safe="/%:@!$&'()*+,;=-._~")
        return url + (f"?{query}" if query else "")

    def _inside(self, relative: str) -> Path | None:
        candidate = (self.host_dir / relative).resolve()
        return candidate if candidate.is_relative_to(self.host_dir) else None


def _candidates(path: str, query: str) -> Iterator[str]:
    suffix = f"?{query}" if query else ""
    for spelled in dict.fromkeys((unquote(path), path)):
        relative = spelled.lstrip("/")
        if not relative or relative.endswith("/"):
            for index in INDEX_NAMES:
                yield relative + index + suffix
                yield relative + index + suffix + ".html"
            stem = relative.rstrip("/")
            if stem:
                yield stem + suffix
                yield stem + ".html" + suffix
                yield stem + suffix + ".html"
            if not suffix:  # copies come after every HTML spelling: an index.html wins
                yield from (relative + index for index in COPY_INDEX_NAMES)
                yield from (stem + ext for ext in COPY_SUFFIXES if stem)
        else:
            yield relative + suffix


def find_host_dir(path: Path, site: SiteUrls) -> Path:
    """The folder holding the site's files: ``PATH/<host>[:port]`` or ``PATH`` itself."""
    if not path.is_dir():
        raise ValueError(f"archive folder {str(path)!r} does not exist or is not a folder")
    path = path.resolve()
    hostname = urlsplit(site.root).hostname or ""
    bare = hostname.removeprefix("www.")
    port = urlsplit(site.root).port
    names = [site.host, hostname, bare, "www." + bare]
    if port:
        names += [f"{bare}:{port}", f"www.{bare}:{port}", f"{hostname}+{port}"]
    for name in dict.fromkeys(names):
        if (path / name).is_dir():
            return path / name
    if path.name in names or any(path.glob("index.htm*")) or any(path.glob("index.m*")):
        return path
    raise ValueError(
        f"no folder for {site.host} in {str(path)!r}: expected {str(path / site.host)!r} "
        "(as wget --mirror and wayback_machine_downloader write) or a host folder with index.html"
    )


def iter_html_files(root: Path) -> Iterator[Path]:
    """Every HTML file under *root*, in a stable order, never following links out of it."""
    for directory, dirs, files in os.walk(root):
        dirs.sort()
        has_index = not INDEX_NAMES_SET.isdisjoint(files)
        for name in sorted(files):
            file = Path(directory, name)
            if has_index and name in COPY_INDEX_NAMES:
                continue  # the same URL as the index.html beside it, which wins
            if file.resolve().is_relative_to(root) and _is_html(file):
                yield file


def _is_html(file: Path) -> bool:
    name = file.name.partition("?")[0]
    if name.endswith(HTML_SUFFIXES):
        return True
    if name.endswith(COPY_SUFFIXES):
        return _head(file).startswith(b"---")  # front matter: a page copy, not a README
    if "." in name:
        return False
    return _head(file).lower().startswith((b"<!doctype html", b"<html"))


def _head(file: Path) -> bytes:
    with file.open("rb") as handle:
        return handle.read(512).lstrip()
