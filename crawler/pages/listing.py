"""Every link a page offers, for the routing table to choose from."""

from __future__ import annotations

from urllib.parse import urljoin

import parsel

from .dom import absolute, without_fragment, xpath

_BASE = xpath("/descendant::base/@href")
_REL = "concat(' ', normalize-space(translate(@rel, 'NEXTPRV', 'nextprv')), ' ')"
# Attribute strings, not elements: no element proxy per link. `/descendant::x[...]` is one
# pass where `//x[...]` would re-apply the predicate per parent.
_HREFS = xpath(
    "/descendant::a/@href | /descendant::area/@href"
    f" | /descendant::link[contains({_REL}, ' next ') or contains({_REL}, ' prev ')]/@href"
)


def page_links(selector: parsel.Selector, url: str) -> list[str]:
    """Absolute URLs of every ``a[href]``, ``area[href]`` and ``link[rel=next|prev]``, page order,
    de-duplicated, fragments removed; ``javascript:``, ``mailto:``, ``tel:`` and ``data:`` links
    dropped. Relative links resolve against ``<base href>`` when the page has one."""
    base = _BASE(selector.root)
    base_url = urljoin(url, base[0].strip()) if base else url
    found: dict[str, None] = {}
    for href in _HREFS(selector.root):
        link = absolute(base_url, href)
        if link:
            found.setdefault(without_fragment(link), None)
    return list(found)
