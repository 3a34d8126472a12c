"""The crawl policy in one table: which original URLs to follow, as what, and how urgently.

WordPress URLs say what they are (``/category/x/``, ``/page/3/``, ``?p=12``...). A URL matching no
rule is refused; a URL matching a trap rule is refused with its reason, which becomes the stat
``archive/refused/<reason>``. Posts and static pages share URL shapes under ``/%postname%/``
permalinks, so "post" here means "may be a post": the page parser has the last word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from urllib.parse import parse_qs, urlsplit, urlunsplit


class PageKind(Enum):
    """Kinds of page worth fetching, with their request priority (higher is sooner).

    Next pages come first so listings are walked before their posts pile up in the queue. (The
    values are names, not the priorities: equal values would make Python alias the members,
    and a tag's request would say it is a category's.)
    """

    PAGINATION = "pagination"
    POST = "post"
    HOME = "home"
    CATEGORY = "category"
    TAG = "tag"
    AUTHOR = "author"
    DATE = "date"
    COMMENTS = "comments"
    """A post's other comment pages (``/comment-page-N/``, ``?cpage=N``): never classified from
    a URL alone, only followed from that post's own page (:func:`comment_page`)."""

    @property
    def priority(self) -> int:
        return _PRIORITIES[self]

    @property
    def is_listing(self) -> bool:
        return self not in (PageKind.POST, PageKind.COMMENTS)


_PRIORITIES = {PageKind.PAGINATION: 40, PageKind.POST: 30, PageKind.COMMENTS: 25,
               PageKind.HOME: 20, PageKind.CATEGORY: 10, PageKind.TAG: 10, PageKind.AUTHOR: 10,
               PageKind.DATE: 5}
LISTING_ROUTES = tuple(kind.name for kind in PageKind if kind.is_listing)
"""Request routes (the ``route`` meta) of listing pages, in :class:`PageKind` order: the
spider, the coverage recorder and ``scrapy report`` all tell listings by this."""

# Checked in order on the path; the first match wins. None marks a trap: refused, reason counted.
_PATH_RULES: tuple[tuple[str, PageKind | None, str], ...] = (
    (r"/(?:feed|rss2?|atom|rdf)/$|/comments/feed/", None, "feed"),
    (r"^/wp-json/", None, "wp-json"),
    (r"^/wp-admin/", None, "wp-admin"),
    (r"^/wp-login\.php", None, "wp-login"),
    (r"^/xmlrpc\.php|/trackback/$|/embed/$", None, "api"),
    (r"^/wp-(?:content|includes)/", None, "asset"),
    (r"\.(?:jpe?g|png|gif|webp|svg|ico|bmp|tiff?|css|js|json|xml|txt|pdf|zip|gz|rar|7z|exe|dmg"
     r"|mp[34]|m4a|wav|ogg|avi|mov|webm|woff2?|ttf|eot|docx?|xlsx?|pptx?)$", None, "asset"),
    (r"/comment-page-\d+/$", None, "comment-page"),
    (r"/attachment/", None, "attachment"),
    (r"^/search/", None, "search"),
    (r"/page/\d+/$", PageKind.PAGINATION, ""),
    (r"^/(?:category|topics?)/.+/$", PageKind.CATEGORY, ""),
    (r"^/tag/[^/]+/$", PageKind.TAG, ""),
    (r"^/author/[^/]+/$", PageKind.AUTHOR, ""),
    (r"^/\d{4}/(?:\d{2}/(?:\d{2}/)?)?$", PageKind.DATE, ""),
    (r"^/\d{4}/\d{2}/(?:\d{2}/)?[^/]+/$", PageKind.POST, ""),
    (r"^/(?:archives|blog|news|\d{4})/[^/]+/$", PageKind.POST, ""),
    (r"^/[^/]+/$", PageKind.POST, ""),
    (r"^/$", PageKind.HOME, ""),
)
_COMPILED = tuple((re.compile(pattern), kind, reason) for pattern, kind, reason in _PATH_RULES)

# Query parameters that make a URL a trap whatever its path.
_TRAP_PARAMS = {
    "replytocom": "replytocom", "share": "share", "s": "search", "feed": "feed",
    "rest_route": "wp-json", "attachment_id": "attachment", "cpage": "comment-page",
    "preview": "preview", "action": "wp-admin", "page_id": "static-page", "add-to-cart": "shop",
}
# Plain-permalink query routes (``/?p=12``, ``/?cat=3``...), checked on the home path only.
_QUERY_ROUTES = (("p", PageKind.POST), ("paged", PageKind.PAGINATION), ("cat", PageKind.CATEGORY),
                 ("tag", PageKind.TAG), ("author", PageKind.AUTHOR), ("m", PageKind.DATE))


@dataclass(frozen=True)
class Route:
    """Where a URL leads: a kind to fetch, or a refusal with its reason."""

    kind: PageKind | None
    reason: str = ""

    def __bool__(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class Bounds:
    """Limits that stop traps: calendar and pagination (WordPress renders links to empty months),
    nested taxonomies and URLs that grow on every page."""

    max_page: int = 5000
    first_year: int = 1995
    last_year: int = date.today().year + 1
    max_depth: int = 6
    """Category levels (``/category/a/b/c/``); WordPress sites rarely nest three."""
    max_segment: int = 255
    """Characters of one path segment: WordPress slugs are at most 200, percent-encoded."""
    max_value: int = 100
    """Characters of one query value (``?cat=3``, ``?m=201711``, ``?p=12``...)."""


def classify(url: str, bounds: Bounds = Bounds()) -> Route:
    """Classify a canonical on-site URL (see :class:`crawler.urls.SiteUrls`)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    for param, reason in _TRAP_PARAMS.items():
        if param in query:
            return Route(None, reason)
    path = parts.path or "/"
    malformed = _malformed(path, query, bounds)
    if malformed:
        return Route(None, malformed)
    if query and path == "/":
        return _classify_query(query, bounds)
    for pattern, kind, reason in _COMPILED:
        if pattern.search(path):
            return _bounded(kind, path, bounds) if kind else Route(None, reason)
    return Route(None, "unknown")


_COMMENT_PAGE = re.compile(r"/comment-page-(\d+)/$")
_CPAGE = re.compile(r"(?:^|&)cpage=([^&]*)")


def comment_page(url: str, bounds: Bounds = Bounds()) -> str | None:
    """The post a canonical comment-page URL belongs to (``/slug/comment-page-2/`` and
    ``/?p=12&cpage=2`` give ``/slug/`` and ``/?p=12``), or ``None`` when *url* is no comment page
    of a post: the caller follows it only if that is the post of the page linking to it, so
    comment pages are fetched for posts whose comments are split over pages, and only for those."""
    parts = urlsplit(url)
    path_page = _COMMENT_PAGE.search(parts.path)
    query_page = _CPAGE.search(parts.query)
    if bool(path_page) == bool(query_page):  # neither, or a page number spelled twice
        return None
    number = (path_page or query_page).group(1)  # type: ignore[union-attr]
    if not _page_ok(number, bounds):
        return None
    path = parts.path[: path_page.start() + 1] if path_page else parts.path
    query = _CPAGE.sub("", parts.query).lstrip("&")
    post = urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    return post if classify(post, bounds).kind is PageKind.POST else None


def _classify_query(query: dict[str, list[str]], bounds: Bounds) -> Route:
    for param, kind in _QUERY_ROUTES:
        value = query.get(param, [""])[0]
        if not value:
            continue
        if kind is PageKind.PAGINATION and not _page_ok(value, bounds):
            return Route(None, "page-bound")
        if kind is PageKind.DATE and not (_year_ok(value[:4], bounds) and _month_ok(value)):
            return Route(None, "date-bound")
        if kind in (PageKind.POST, PageKind.AUTHOR) and not value.isdigit():
            return Route(None, "bad-query")
        return Route(kind)
    return Route(None, "unknown")


def _malformed(path: str, query: dict[str, list[str]], bounds: Bounds) -> str:
    """Why a URL cannot be a WordPress page (``""`` if it can): a NUL byte, an overlong
    segment or query value, or a path that repeats itself (``/category/a/a/a/``)."""
    segments = [s for s in path.split("/") if s]
    if "%00" in path or any(len(s) > bounds.max_segment for s in segments):
        return "bad-path"
    if any(len(v) > bounds.max_value for values in query.values() for v in values):
        return "query-bound"
    taxonomy = segments[:1] in (["category"], ["topic"], ["topics"])
    # WordPress gives a child term its own slug ("news-news"): in a taxonomy path a segment never
    # follows itself; elsewhere only a third time is a trap (/2017/11/11/ is a date).
    if any(a == b and not a.isdigit() and (taxonomy or a == c)
           for a, b, c in zip(segments, segments[1:], [*segments[2:], None], strict=False)):
        return "repeated-segment"
    if taxonomy and len(segments) > bounds.max_depth + 1:
        return "taxonomy-depth"
    return ""


def _bounded(kind: PageKind, path: str, bounds: Bounds) -> Route:
    if kind is PageKind.PAGINATION:
        number = path.rstrip("/").rsplit("/", 1)[-1]
        return Route(kind) if _page_ok(number, bounds) else Route(None, "page-bound")
    if kind in (PageKind.DATE, PageKind.POST) and re.match(r"^/\d{4}/", path):
        segments = path.strip("/").split("/")
        if not _year_ok(segments[0], bounds) or not _date_parts_ok(segments[1:3]):
            return Route(None, "date-bound")
    return Route(kind)


def _page_ok(number: str, bounds: Bounds) -> bool:
    return number.isdigit() and 1 <= int(number) <= bounds.max_page


def _year_ok(year: str, bounds: Bounds) -> bool:
    return year.isdigit() and bounds.first_year <= int(year) <= bounds.last_year


def _month_ok(value: str) -> bool:
    """``?m=`` is ``YYYY[MM[DD[hh[mm[ss]]]]]``: digits, at most 14, months and days in range."""
    if not value.isdigit() or len(value) > 14 or len(value) % 2:
        return False
    return _date_parts_ok([value[4:6], value[6:8]])


def _date_parts_ok(parts: list[str]) -> bool:
    numeric = [p for p in parts if p.isdigit() and len(p) == 2]
    if len(numeric) >= 1 and not 1 <= int(numeric[0]) <= 12:
        return False
    return not (len(numeric) >= 2 and not 1 <= int(numeric[1]) <= 31)
