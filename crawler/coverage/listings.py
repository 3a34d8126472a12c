"""Listing pages and printed counts as coverage rows: the page parsers' evidence
(:mod:`crawler.pages.evidence`) in the site's canonical URLs."""

from __future__ import annotations

from collections.abc import Iterator

from scrapy.http import TextResponse

from crawler.pages.evidence import listing_page
from crawler.pages.widgets import month_of, printed_counts
from crawler.routing import classify
from crawler.state.coverage import CountRow, ListingRow
from crawler.urls import SiteUrls


def listing_row(site: SiteUrls, response: TextResponse, url: str, capture: str,
                captured_at: str | None) -> ListingRow | None:
    """The listing page at canonical *url*; ``None`` when its first page is no listing."""
    page = listing_page(response.selector, url)
    base = site.canonical(site.root + page.base)
    route = classify(base) if base else None
    if base is None or route is None or route.kind is None or not route.kind.is_listing:
        return None
    return ListingRow(url, capture, base, route.kind.value, page.page, page.last_page,
                      page.entries, page.sticky, max(page.post_ids, default=None), captured_at)


def printed_rows(site: SiteUrls, response: TextResponse,
                 captured_at: str | None) -> Iterator[CountRow]:
    """The terms and months the page's widgets list: a term by its URL below the site's root,
    a month as ``YYYY-MM``; count -1 for one listed without a count."""
    for found in printed_counts(response.selector, response.url):
        canonical = site.canonical(found.url)
        if canonical is None:
            continue
        term = month_of(canonical) if found.what == "month" else canonical[len(site.root):]
        if term:
            count = -1 if found.count is None else found.count
            yield CountRow(found.what, term, count, found.name, captured_at, captured_at)
