"""Original-URL space: one canonical spelling per page of the archived site.

Everything after ``sources/`` compares, de-duplicates and exports URLs in this form, so fifty
spellings of one page (``http`` vs ``https``, ``www.``, ``index.html``, ``utm_*``, ``#comments``,
``/amp/``) cost one fetch and one row.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

WORDPRESS_QUERY_VARS = frozenset({
    # WordPress's public query variables (WP::$public_query_vars) that select content...
    "p", "page_id", "cat", "tag", "author", "m", "paged", "page", "year", "monthnum", "day", "w",
    "name", "pagename", "category_name", "author_name", "taxonomy", "term", "post_type", "cpage",
    "attachment", "attachment_id", "s", "feed", "preview", "embed", "sitemap",
    # ...those the routing table refuses by name (so the refusal is counted as what it is)...
    "replytocom", "share", "rest_route", "action", "add-to-cart",
    # ...and the language switches of WPML and Polylang.
    "lang",
})
"""The query parameters a WordPress URL keeps. Every other one (``utm_*``, ``fbclid``, a
session ID such as ``?sid=<random>`` on every link, ``amp``...) never selects other content on a
WordPress site: it is dropped, so such links cannot multiply one page into thousands of URLs."""

_INDEX_FILE = re.compile(r"/index\.(?:html?|php)$", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"/amp/?$")
_SCRATCH = "http://h"
"""A stand-in scheme and host: w3lib canonicalizes the path and query of a whole URL."""


class SiteUrls:
    """Canonicalizes URLs of one site and tells on-site URLs from the rest.

    >>> SiteUrls("https://www.example.org").canonical("http://example.org/a/index.html?utm_source=x#c")
    'https://www.example.org/a/'
    """

    def __init__(self, root: str) -> None:
        parts = urlsplit(root.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                f"site must be an http(s) URL such as https://www.example.org, got {root!r}")
        self.scheme = parts.scheme
        self.netloc = parts.netloc.lower()
        self._bare = _bare_host(parts.hostname, parts.port, parts.scheme)
        self.root = f"{self.scheme}://{self.netloc}"

    @property
    def host(self) -> str:
        return self.netloc

    @property
    def key(self) -> str:
        """The site's identity: host without ``www.``, port unless a default one. Roots with
        the same key are one site (``http://example.org``, ``https://www.example.org``)."""
        return self._bare

    def is_onsite(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:  # "http://[::1/oops", a port that is not a number: not this site
            return False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        return _bare_host(parts.hostname, port, parts.scheme) == self._bare

    def canonical(self, url: str) -> str | None:
        """The canonical original URL, or ``None`` when *url* is not on this site (or not a URL:
        a malformed link in a sidebar must cost that link, not the page)."""
        if not self.is_onsite(url):
            return None
        parts = urlsplit(url.strip())
        query = _wordpress_query(parts.query)
        try:
            # w3lib's rules for the encoding: %2F and %25 stay encoded, hex digits are upper
            # case, safe characters are decoded, the query is sorted.
            encoded = urlsplit(canonicalize_url(f"{_SCRATCH}{parts.path or '/'}?{query}"))
        except ValueError:
            return None
        path = _wordpress_path(encoded.path)
        return urlunsplit((self.scheme, self.netloc, path, encoded.query, ""))

    def path_and_query(self, url: str) -> str:
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _bare_host(hostname: str, port: int | None, scheme: str) -> str:
    host = hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    default = {"http": 80, "https": 443}.get(scheme)
    # http://host and https://host are one site: the default port of either scheme is no port.
    if port in (None, 80, 443) or port == default:
        return host
    return f"{host}:{port}"


def _wordpress_path(path: str) -> str:
    """WordPress's rules on an encoded path: no empty segments, no ``index.html``/``index.php``,
    no dot segments, ``/amp/`` folded into its page, and a trailing slash on every permalink."""
    path = re.sub(r"/{2,}", "/", path or "/")
    path = _INDEX_FILE.sub("/", path)
    if path not in ("", "/"):
        path = posixpath.normpath(path)
    path = _AMP_SUFFIX.sub("/", path)
    last = path.rsplit("/", 1)[-1]
    # WordPress permalinks are directories: /slug and /slug/ are one page. Files keep their name.
    if last and "." not in last:
        path += "/"
    return path if path.startswith("/") else "/" + path


def _wordpress_query(query: str) -> str:
    """*query* with only WordPress's query variables, as they were spelled (w3lib sorts them)."""
    if not query:
        return ""
    kept = [pair for pair in query.split("&")
            if pair.partition("=")[0].lower() in WORDPRESS_QUERY_VARS]
    return "&".join(kept)


@lru_cache(maxsize=64)
def site_urls(root: str) -> SiteUrls:
    """The :class:`SiteUrls` of *root*, built once (pipelines meet the same few roots per item)."""
    return SiteUrls(root)


def slug_of(url: str) -> str:
    """The last non-empty path segment, percent-decoded (``''`` for the root)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[-1]) if segments else ""
