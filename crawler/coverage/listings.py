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


def printed_rows(site: SiteUrls, response: TextResponse, captured_at: str | None,
                 terms: dict[tuple[str, str], str | None]) -> Iterator[CountRow]:
    """The terms and months the page's widgets list: a term by its URL below the site's root,
    a month as ``YYYY-MM``; count -1 for one listed without a count. *terms* remembers each
    link's term: every page's sidebar repeats the same links (the caller bounds it)."""
    for found in printed_counts(response.selector, response.url):
        key = (found.what, found.url)
        if key not in terms:
            terms[key] = _term(site, found.what, found.url)
        term = terms[key]
        if term:
            count = -1 if found.count is None else found.count
            yield CountRow(found.what, term, count, found.name, captured_at, captured_at)


def _term(site: SiteUrls, what: str, url: str) -> str | None:
    canonical = site.canonical(url)
    if canonical is None:
        return None
    return month_of(canonical) if what == "month" else canonical[len(site.root):]
