"""Original-URL space: one canonical spelling per page of the archived site.

Everything after ``sources/`` compares, de-duplicates and exports URLs in this form, so fifty
spellings of one page (``http`` vs ``https``, ``www.``, ``index.html``, ``utm_*``, ``#comments``,
``/amp/``) cost one fetch and one row.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "ref",
     "amp", "noamp", "nb"}
)
"""Query parameters that never select different content. (``replytocom`` and ``share`` stay:
routing refuses such links by them.)"""

_INDEX_FILE = re.compile(r"/index\.(?:html?|php)$", re.IGNORECASE)
_AMP_SUFFIX = re.compile(r"/amp/?$")


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

    def is_onsite(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        try:
            port = parts.port
        except ValueError:
            return False
        return _bare_host(parts.hostname, port, parts.scheme) == self._bare

    def canonical(self, url: str) -> str | None:
        """The canonical original URL, or ``None`` when *url* is not on this site."""
        if not self.is_onsite(url):
            return None
        parts = urlsplit(url.strip())
        path = _canonical_path(parts.path)
        query = _canonical_query(parts.query)
        return urlunsplit((self.scheme, self.netloc, path, query, ""))

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


def _canonical_path(path: str) -> str:
    # surrogateescape: %-escapes that are not UTF-8 (a latin-1 slug) keep their bytes.
    path = quote(unquote(path or "/", errors="surrogateescape"), safe="/%:@!$&'()*+,;=-._~",
                 errors="surrogateescape")
    path = re.sub(r"/{2,}", "/", path)
    path = _INDEX_FILE.sub("/", path)
    if path not in ("", "/"):
        path = posixpath.normpath(path)
    path = _AMP_SUFFIX.sub("/", path)
    last = path.rsplit("/", 1)[-1]
    # WordPress permalinks are directories: /slug and /slug/ are one page. Files keep their name.
    if last and "." not in last:
        path += "/"
    return path if path.startswith("/") else "/" + path


def _canonical_query(query: str) -> str:
    pairs = [
        (k, v)
        for k, v in parse_qsl(query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    return urlencode(sorted(pairs))


@lru_cache(maxsize=64)
def site_urls(root: str) -> SiteUrls:
    """The :class:`SiteUrls` of *root*, built once (pipelines meet the same few roots per item)."""
    return SiteUrls(root)


def slug_of(url: str) -> str:
    """The last non-empty path segment, percent-decoded (``''`` for the root)."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[-1]) if segments else ""
