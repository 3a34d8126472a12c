"""A live site, or any plain HTTP server holding a copy of one: Scrapy downloads it as it is."""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import HtmlResponse, Response

from crawler.sources.base import ArchiveSource
from crawler.sources.charsets import page_encoding
from crawler.urls import SiteUrls


class LiveSource(ArchiveSource):
    """The base behaviour: no capture to locate, Scrapy downloads the original URL. A page whose
    declared charset its bytes contradict is read in the right one (counted)."""

    name = "live"

    def __init__(self, site: SiteUrls, stats: Any = None) -> None:
        super().__init__(site)
        self.stats = stats

    def received(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        encoding, overridden = page_encoding(content_type, response.body)
        if not overridden:
            return response
        if self.stats is not None:
            self.stats.inc_value("archive/captures/fixed/charset")
        return response.replace(encoding=encoding)
