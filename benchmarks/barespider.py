"""The Scrapy floor: the least a spider can do over a mirror folder, on Scrapy's defaults.

    scrapy runspider benchmarks/barespider.py -a mirror=HOST_FOLDER -a site=https://... -O out.jsonl

It starts at the home page, reads each page from its file (Scrapy's own ``file://`` handler),
yields ``{url, title}`` and follows every link of the site to a file of the mirror
(``-a every_link=1``: each time it meets it, else the first time). Run outside the
project (no ``scrapy.cfg`` above the working directory), so every setting is Scrapy's default:
what any Scrapy spider pays per page. ``benchmarks/floor.py`` runs it beside ``scrapy crawl
archive``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import scrapy
from scrapy.http import Response

ASSET = (".jpg", ".jpeg", ".png", ".gif", ".css", ".js", ".xml", ".json", ".ico", ".svg")


class BareSpider(scrapy.Spider):
    """Follows links from file to file; yields each page's URL and title."""

    name = "bare"

    def __init__(self, mirror: str, site: str, every_link: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.host = Path(mirror).resolve()
        self.site = site.rstrip("/")
        self.every_link = bool(every_link)
        """Request every link of every page and let Scrapy's dupefilter drop the ones seen (the
        idiom); by default each link is looked at once, and what the spider pays is Scrapy's
        cost of a page, not a hundred dupefilter lookups a page (the floor at its lowest)."""
        self.seen: set[str] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(Path(self.file_for(self.site + "/")).as_uri())

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        yield {"url": response.url, "title": response.css("title::text").get()}
        for href in response.css("a::attr(href)").getall():
            if not self.every_link:
                if href in self.seen:
                    continue
                self.seen.add(href)
            url = response.urljoin(href).partition("#")[0]
            if url.startswith(self.site) and not url.lower().endswith(ASSET):
                file = self.file_for(url)
                if os.path.isfile(file):  # not a feed, a share button, an API path...
                    yield scrapy.Request(Path(file).as_uri())

    def file_for(self, url: str) -> str:
        """The file a ``wget`` mirror keeps *url* in."""
        parts = urlsplit(url)
        path = parts.path.lstrip("/")
        if not path or path.endswith("/"):
            path += "index.html"
        name = path + (f"?{parts.query}" if parts.query else "")
        return os.path.join(self.host, unquote(name))
