"""What a listing page says about how many posts the site had, for ``scrapy report``.

Two kinds of evidence, both printed by WordPress itself:

- **pagination**: a listing (home, category, tag, author, date archive) shows a fixed number of
  posts per page, and ``paginate_links()`` links its last page (``/page/13/``, ``?paged=13``),
  so pages x posts per page bounds how many posts it holds. Themes that link only the next
  page (``posts_nav_link()``, the block themes' Query Pagination) tell the count page by page;
- **printed counts**: the Categories widget with counts (``News (123)``), the Archives widget
  (``January 2016 (25)``: a month it lists had posts, a month it skips had none), the tag
  cloud's ``aria-label="bitcoin (12 items)"`` or ``title="12 topics"``.

Pure: a parsel ``Selector`` and the page's URL in, plain values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

import parsel

from .dom import Element, absolute, classes, clean_text, xpath
from .noise import is_post_element, noise_kind

_PAGE_PATH = re.compile(r"/page/(\d+)/?$")
_POST_N = re.compile(r"^post-(\d+)$")
_MONTH_PATH = re.compile(r"^/(\d{4})/(\d{2})/?$")
_COUNT = re.compile(r"^\s*\(\s*(\d[\d,.\s]*)\)")
_TRAILING_COUNT = re.compile(r"\(\s*(\d[\d,.\s]*)(?:\s+[^\d()]*)?\)\s*$")
_LEADING_COUNT = re.compile(r"^\s*(\d[\d,.\s]*?)\s+\D")
_PAGE_OF = re.compile(r"\b\d+\s*\D{1,6}\s*(\d[\d,.]*)\s*$")

_HREFS = xpath("/descendant::a/@href | /descendant::link[@rel='next' or @rel='prev']/@href")
_MARKED = xpath(
    "/descendant::*[self::article or self::div or self::li or self::section]"
    "[contains(@class, 'hentry') or contains(@class, 'type-') or starts-with(@id, 'post-')"
    " or contains(@class, 'post-')]"
)
_ARTICLES = xpath("/descendant::article")
_PAGES_TEXT = xpath("/descendant::*[contains(concat(' ', normalize-space(@class), ' '),"
                    " ' pages ')]")
_CATEGORY_ITEMS = xpath("/descendant::li[contains(concat(' ', normalize-space(@class), ' '),"
                        " ' cat-item ')]")
_TAG_LINKS = xpath("/descendant::a[contains(@class, 'tag-cloud-link')]")
_LIST_LINKS = xpath("/descendant::li/a[@href]")
_OPTIONS = xpath("/descendant::option[@value]")
_LINK_COUNT = xpath("descendant::*[contains(@class, 'count')]")


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


@dataclass(frozen=True)
class PrintedCount:
    """A term or month the site listed in a widget, with the post count it printed."""

    what: str
    """``category``, ``tag`` or ``month``."""
    url: str
    """The term's (or the month's) archive URL, absolute."""
    name: str
    count: int | None
    """``None``: listed without a count (WordPress lists no empty term or month)."""


def listing_page(selector: parsel.Selector, url: str) -> ListingPage:
    """Pagination and entries of the listing page at *url*."""
    base, page = page_number(url)
    numbers = [page]
    for href in _HREFS(selector.root):
        link = absolute(url, href)
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
        text = clean_text("".join(el.itertext()))
        match = _PAGE_OF.search(text) if len(text) < 40 else None  # not a menu of pages
        if match:
            found.append(_integer(match.group(1)))
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


def printed_counts(selector: parsel.Selector, url: str) -> list[PrintedCount]:
    """Categories, tags and months the page's widgets list, with the counts they print."""
    root = selector.root
    return [*_categories(root, url), *_tags(root, url), *_months(root, url)]


def _categories(root: Element, url: str) -> list[PrintedCount]:
    found = []
    for item in _CATEGORY_ITEMS(root):
        link = next(item.iter("a"), None)
        href = absolute(url, link.get("href")) if link is not None else None
        if link is None or href is None:
            continue
        name, count = _name_and_count(link)
        found.append(PrintedCount("category", href, name, count))
    return found


def _tags(root: Element, url: str) -> list[PrintedCount]:
    found = []
    for link in _TAG_LINKS(root):
        href = absolute(url, link.get("href"))
        if href is None:
            continue
        name, count = _name_and_count(link)
        for label in (link.get("aria-label"), link.get("title")):
            if count is None and label:
                count = _label_count(label)
        found.append(PrintedCount("tag", href, name, count))
    return found


def _months(root: Element, url: str) -> list[PrintedCount]:
    """The Archives widget, as a list (``li > a``) or a drop-down (``option``)."""
    found = []
    for link in [*_LIST_LINKS(root), *_OPTIONS(root)]:
        href = absolute(url, link.get("href") or link.get("value"))
        if href is None or month_of(href) is None:
            continue
        name, count = _name_and_count(link, inside=link.tag == "option")
        found.append(PrintedCount("month", href, name, count))
    return found


def month_of(url: str) -> str | None:
    """``YYYY-MM`` for a month archive URL (``/2016/01/``, ``?m=201601``), else ``None``."""
    parts = urlsplit(url)
    found = _MONTH_PATH.match(parts.path or "/")
    if found:
        return f"{found.group(1)}-{found.group(2)}"
    m = dict(parse_qsl(parts.query)).get("m", "")
    return f"{m[:4]}-{m[4:6]}" if len(m) == 6 and m.isdigit() else None


def _name_and_count(link: Element, inside: bool = False) -> tuple[str, int | None]:
    """A widget link's name and the count printed after it (``Name</a> (12)``, as WordPress
    prints it) or in a count element in it (``<span class="tag-link-count"> (12)</span>``);
    *inside*: in its own text, as in a drop-down's ``January 2016 &nbsp;(25)`` (elsewhere a
    name may well end in a number in brackets)."""
    text = clean_text("".join(link.itertext()))
    tail = _COUNT.match(link.tail or "")
    if tail:
        return text, _integer(tail.group(1))
    for el in _LINK_COUNT(link):
        count = _integer(clean_text("".join(el.itertext())).strip("()"))
        if count is not None:
            return clean_text(link.text or ""), count
    found = _TRAILING_COUNT.search(text) if inside else None
    if found:
        return text[: found.start()].strip(), _integer(found.group(1))
    return text, None


def _label_count(label: str) -> int | None:
    """``bitcoin (12 items)`` (aria-label, WordPress 4.8+) or ``12 topics`` (title, before)."""
    found = _TRAILING_COUNT.search(label) or _LEADING_COUNT.match(label)
    return _integer(found.group(1)) if found else None


def _integer(text: str) -> int | None:
    digits = re.sub(r"[,.\s]", "", text)
    return int(digits) if digits.isdigit() else None
