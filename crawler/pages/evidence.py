"""What a listing page says about how many posts the site had, for ``scrapy report``.

A listing (home, category, tag, author, date archive) shows a fixed number of posts per page,
and ``paginate_links()`` links its last page (``/page/13/``, ``?paged=13``), so pages x posts
per page bounds how many posts it holds. Themes that link only the next page
(``posts_nav_link()``, the block themes' Query Pagination) tell the count page by page. The
counts the site's widgets print are read by :mod:`crawler.pages.widgets`.

Pure: a parsel ``Selector`` and the page's URL in, plain values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import parsel

from .dom import Element, absolute, classes, clean_text, xpath
from .noise import is_post_element, noise_kind
from .widgets import integer

_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
_POST_N = re.compile(r"^post-(\d+)$")
_PAGE_OF = re.compile(r"\b\d+\s*\D{1,6}\s*(\d[\d,.]*)\s*$")

# One step, not a union: libxml2 sorts a union with sibling walks, quadratic on a hostile page
_HREFS = xpath("/descendant::*[self::a or self::link[@rel='next' or @rel='prev']]/@href")
# post_class() always writes hentry or type-<post type> beside post-N; the_ID() may stand alone
_MARKED = xpath(
    "/descendant::*[self::article or self::div or self::li or self::section]"
    "[contains(@class, 'hentry') or contains(@class, 'type-') or starts-with(@id, 'post-')]"
)
_ARTICLES = xpath("/descendant::article")
_PAGES_TEXT = xpath("/descendant::*[contains(@class, 'pages')]")


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing, as evidence of how many posts the listing holds."""

    base: str
    """The listing's first page: this page's URL without its page number."""
    page: int
    last_page: int
    """The highest page number the page links to, or its own (a page linking no further page
    is the last one)."""
    entries: int
    """Posts listed on this page, sticky ones included."""
    sticky: int
    """Of which sticky posts (WordPress tops the first page with them, beyond the page size)."""
    post_ids: tuple[int, ...]
    """The IDs the entries carry (``post-N``), when they carry any."""


def listing_page(selector: parsel.Selector, url: str) -> ListingPage:
    """Pagination and entries of the listing page at *url*."""
    base, page = page_number(url)
    numbers = [page]
    for href in _HREFS(selector.root):
        # Most links lead elsewhere: a substring test spares parsing them
        link = absolute(url, href) if "page" in href else None
        if link is not None:
            link_base, number = page_number(link)
            if link_base == base:
                numbers.append(number)
    numbers += _pages_of(selector.root)
    entries = listing_entries(selector.root)
    ids = tuple(i for i in (_entry_id(el) for el in entries) if i is not None)
    sticky = sum("sticky" in classes(el) for el in entries)
    return ListingPage(base, page, max(numbers), len(entries), sticky, ids)


def page_number(url: str) -> tuple[str, int]:
    """``(first page URL, page number)``: ``/page/N/`` or ``?paged=N`` taken off (scheme and
    host left out, so that links spelled another way still match)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    number = 1
    found = _PAGE_PATH.search(path)
    if found:
        number, path = int(found.group(1)), path[: found.start()] + "/"
    query = []
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name == "paged" and value.isdigit():
            number = int(value)
        else:
            query.append((name, value))
    path = path if path.endswith("/") else path + "/"
    return path + (f"?{urlencode(sorted(query))}" if query else ""), max(1, number)


def _pages_of(root: Element) -> list[int]:
    """WP-PageNavi and Sahifa print ``Page 1 of 13`` in a ``.pages`` element."""
    found = []
    for el in _PAGES_TEXT(root):
        if "pages" not in classes(el):
            continue
        text = clean_text("".join(el.itertext()))
        match = _PAGE_OF.search(text) if len(text) < 40 else None  # not a menu of pages
        if match:
            found.append(integer(match.group(1)))
    return [n for n in found if n is not None]



def listing_entries(root: Element) -> list[Element]:
    """The posts a listing shows: the elements ``post_class()`` marks (``post-N``, ``hentry``),
    else the page's ``<article>`` elements; outermost only, none from sidebars or widgets."""
    marked = [el for el in _MARKED(root) if is_post_element(el) and not _aside(el)]
    found = _outermost(marked) or _outermost([el for el in _ARTICLES(root) if not _aside(el)])
    return found


def _outermost(elements: list[Element]) -> list[Element]:
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def _aside(el: Element) -> bool:
    """In a sidebar, a widget, a footer or a block of related posts (the block themes' main
    loop is a Query block too: that one counts)."""
    for node in el.iterancestors():
        if node.tag in ("aside", "footer") or (node.get("id") or "").startswith("sidebar"):
            return True
        kind = noise_kind(node)
        if kind in ("chrome", "related") and "wp-block-query" not in classes(node):
            return True
    return False


def _entry_id(el: Element) -> int | None:
    for token in [el.get("id") or "", *classes(el)]:
        found = _POST_N.match(token)
        if found:
            return int(found.group(1))
    return None
