"""Every link a page offers, for the routing table to choose from."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple
from urllib.parse import urljoin

import parsel

from .dom import Element, absolute, without_fragment, xpath

MAX_PAGE_LINKS = 10_000
"""Link attributes read from one page, in page order. A WordPress page offers a few hundred; a
broken or hostile listing offering a million would cost minutes and gigabytes to resolve and
follow (and block the crawl, Ctrl-C included, while it does). The rest are not read: the
spider counts them in ``archive/refused/page_link_cap``."""

_BASE = xpath("/descendant::base/@href")
_REL = "concat(' ', normalize-space(translate(@rel, 'NEXTPRV', 'nextprv')), ' ')"
# A sum of counts, not the count of a union: libxml2 would sort the union's million nodes.
_COUNT = xpath(
    "count(/descendant::*[self::a or self::area][@href])"
    f" + count(/descendant::link[@href][contains({_REL}, ' next ') or contains({_REL}, ' prev ')])"
)
_PAGING = frozenset(("next", "prev"))


class PageLinks(NamedTuple):
    """The links a page offers, and how many link attributes past the cap were not read."""

    urls: list[str]
    unread: int = 0


def offered_links(selector: parsel.Selector, url: str,
                  limit: int = MAX_PAGE_LINKS) -> PageLinks:
    """Absolute URLs of every ``a[href]``, ``area[href]`` and ``link[rel=next|prev]``, page order,
    de-duplicated, fragments removed; ``javascript:``, ``mailto:``, ``tel:`` and ``data:`` links
    dropped. Relative links resolve against ``<base href>`` when the page has one. Only the
    first ``limit`` link attributes are read (:data:`MAX_PAGE_LINKS`)."""
    root = selector.root
    base = _BASE(root)
    base_url = urljoin(url, base[0].strip()) if base else url
    found: dict[str, None] = {}
    for read, href in enumerate(_hrefs(root)):
        if read == limit:
            return PageLinks(list(found), int(_COUNT(root)) - read)
        link = absolute(base_url, href)
        if link:
            found.setdefault(without_fragment(link), None)
    return PageLinks(list(found))


def page_links(selector: parsel.Selector, url: str) -> list[str]:
    """The URLs of :func:`offered_links`."""
    return offered_links(selector, url).urls


def _hrefs(root: Element) -> Iterator[str]:
    """The page's link attributes in page order, read one by one (a page may hold a million:
    no list of them all is built)."""
    for el in root.iter("a", "area", "link"):
        href = el.get("href")
        if href is not None and (el.tag != "link" or _is_paging(el.get("rel"))):
            yield href


def _is_paging(rel: str | None) -> bool:
    return rel is not None and not _PAGING.isdisjoint(rel.lower().split())
