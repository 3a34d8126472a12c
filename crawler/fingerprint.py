"""Request de-duplication by canonical original URL (``crawler.urls``): fifty spellings of one
page cost one fetch."""

from __future__ import annotations

from hashlib import sha1
from weakref import WeakKeyDictionary

from scrapy import Request
from scrapy.crawler import Crawler

from crawler.urls import SiteUrls


class CanonicalUrlFingerprinter:
    """Fingerprints requests by method + canonical original URL.

    Links spelled ``http://example.org/x``, ``https://www.example.org/x/#c`` or reached through a
    redirect all cost one fetch. Off-site URLs are fingerprinted as they are.
    """

    def __init__(self, site: str) -> None:
        self.site = SiteUrls(site)
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalUrlFingerprinter:
        return cls(crawler.settings.get("ARCHIVE_SITE"))

    def fingerprint(self, request: Request) -> bytes:
        if request not in self._cache:
            url = self.site.canonical(request.url) or request.url
            self._cache[request] = sha1(f"{request.method} {url}".encode()).digest()
        return self._cache[request]
