"""What the site's widgets print about how many posts it had, for ``scrapy report``: the
Categories widget with counts (``News (123)``), the Archives widget (``January 2016 (25)``: a
month it lists had posts, a month it skips had none), the tag cloud's
``aria-label="bitcoin (12 items)"`` (WordPress 4.8+) or ``title="12 topics"`` (before).

Pure: a parsel ``Selector`` and the page's URL in, plain values out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import parsel

from .dom import Element, absolute, clean_text, xpath

_MONTH_PATH = re.compile(r"^/(\d{4})/(\d{2})/?$")
_MONTHLY = re.compile(r"/\d{4}/\d{2}/?(?:$|[?#])|[?&]m=\d{6}")
_COUNT = re.compile(r"^\s*\(\s*(\d[\d,.\s]*)\)")
_TRAILING_COUNT = re.compile(r"\(\s*(\d[\d,.\s]*)(?:\s+[^\d()]*)?\)\s*$")
_LEADING_COUNT = re.compile(r"^\s*(\d[\d,.\s]*?)\s+\D")
_CATEGORY_ITEMS = xpath("/descendant::li[contains(concat(' ', normalize-space(@class), ' '),"
                        " ' cat-item ')]")
_TAG_LINKS = xpath("/descendant::a[contains(@class, 'tag-cloud-link')]")
_LIST_LINKS = xpath("/descendant::li/a[@href]")
_OPTIONS = xpath("/descendant::option[@value]")
_LINK_COUNT = xpath("descendant::*[contains(@class, 'count')]")


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
        raw = link.get("href") or link.get("value") or ""
        href = absolute(url, raw) if _MONTHLY.search(raw) else None
        if href is None or month_of(href) is None:
            continue
        name, count = _name_and_count(link, inside=link.tag == "option")
        found.append(PrintedCount("month", href, name, count))
    return found


def month_of(url: str) -> str | None:
    """``YYYY-MM`` for a month archive URL (``/2016/01/``, ``?m=201601``), else ``None``."""
    if not _MONTHLY.search(url):  # most links: spared the parse
        return None
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
        return text, integer(tail.group(1))
    for el in _LINK_COUNT(link):
        count = integer(clean_text("".join(el.itertext())).strip("()"))
        if count is not None:
            return clean_text(link.text or ""), count
    found = _TRAILING_COUNT.search(text) if inside else None
    if found:
        return text[: found.start()].strip(), integer(found.group(1))
    return text, None


def _label_count(label: str) -> int | None:
    """``bitcoin (12 items)`` (aria-label, WordPress 4.8+) or ``12 topics`` (title, before)."""
    found = _TRAILING_COUNT.search(label) or _LEADING_COUNT.match(label)
    return integer(found.group(1)) if found else None


def integer(text: str) -> int | None:
    """A count as printed (``1,234``, ``1.234``, ``1 234``), or ``None``."""
    digits = re.sub(r"[,.\s]", "", text)
    return int(digits) if digits.isdigit() else None
