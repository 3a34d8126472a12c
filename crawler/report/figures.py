"""Every figure of one site's report, read from the state store in one snapshot.

The figures are plain JSON-able data (``scrapy report --json`` writes them as they are); the
list of missing post URLs, which grows with the site, is streamed apart
(:func:`crawler.report.missing.missing_urls`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.pages.widgets import month_of
from crawler.report import captures, estimates, listings, missing, posts
from crawler.report.months import date_archives, months
from crawler.state.coverage import coverage_tables
from crawler.state.schema import COVERAGE_TABLES


@dataclass(frozen=True)
class Ours:
    """Our posts counted the ways the site's listings count them."""

    total: int
    months: Mapping[str, int]
    categories: Mapping[str, int]
    tags: Mapping[str, int]
    authors: Mapping[str, int]


def site_figures(db: sqlite3.Connection, site: str, spellings: Sequence[str]) -> dict[str, Any]:
    """The figures of *site* (stored under *spellings*); call inside a read transaction."""
    posts.load_facts(db, spellings)
    summary = posts.summary(db)
    ours = Ours(summary["posts"], posts.per_month(db), posts.term_posts(db, "category_names"),
                posts.term_posts(db, "tag_names"), posts.author_posts(db))
    figures: dict[str, Any] = {
        "site": site, "coverage_recorded": coverage_tables(db) == COVERAGE_TABLES,
        "posts": summary, "fields": posts.field_shares(db),
        "top": {"authors": posts.top_authors(db),
                "categories": posts.top_terms(db, "category_names"),
                "tags": posts.top_terms(db, "tag_names")},
        "words": posts.words(db),
    }
    if figures["coverage_recorded"]:
        figures.update(_coverage(db, spellings, summary, ours))
    else:  # a store no crawl has opened since coverage is recorded: posts only
        figures.update(_no_coverage(summary, ours))
    return figures


def _coverage(db: sqlite3.Connection, spellings: Sequence[str], summary: Mapping[str, Any],
              ours: Ours) -> dict[str, Any]:
    missing.prepare(db, spellings)
    tally = missing.tally(db, spellings)
    found_listings = list(listings.listings(db, spellings))
    printed = {what: listings.printed(db, spellings, what) for what in ("category", "tag", "month")}
    by_month = months(ours.months, printed["month"], date_archives(found_listings),
                      tally["by_month"])
    max_id = max(filter(None, (summary["max_post_id"], listings.max_listed_id(db, spellings))),
                 default=None)
    found = estimates.estimates(found_listings, by_month, printed, max_id)
    names = {what: {p["term"]: p["name"] for p in rows} for what, rows in printed.items()}
    return {
        "months": by_month,
        "captures": {"by_month": captures.per_month(db, spellings),
                     "undated": captures.undated(db, spellings)},
        "life": {"first_post": summary["first_published"], "last_post": summary["last_published"],
                 **captures.life(db, spellings),
                 "afterlife_kinds": captures.afterlife_kinds(db, spellings),
                 "afterlife_pages": captures.afterlife_pages(db, spellings)},
        "completeness": {"posts": summary["posts"], "estimates": found,
                         "headline": estimates.headline(found, summary["posts"])},
        "missing": tally,
        "listings": [{**x, "have": have(x, ours, names)} for x in found_listings],
        "printed": printed,
        "runs": captures.runs(db, spellings),
    }


def _no_coverage(summary: Mapping[str, Any], ours: Ours) -> dict[str, Any]:
    return {"months": months(ours.months, [], {}, {}),
            "captures": {"by_month": [], "undated": {}},
            "life": {"first_post": summary["first_published"],
                     "last_post": summary["last_published"]},
            "completeness": {"posts": summary["posts"], "estimates": [], "headline": None},
            "missing": None, "listings": [], "printed": {}, "runs": []}


def have(listing: Mapping[str, Any], ours: Ours,
         names: Mapping[str, Mapping[str, str]]) -> int | None:
    """How many of our posts a listing holds: all of them (home), those of its month (a month
    archive), its author's (by the slug in its URL), its term's (by the name the site printed
    for the term; ``None`` when it printed none)."""
    kind, url = listing["kind"], listing["listing"]
    parts = urlsplit(url)
    if kind == "home":
        return ours.total
    if kind == "date":
        month = month_of(url)
        return ours.months.get(month, 0) if month else None
    if kind == "author":
        return ours.authors.get(unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]), 0)
    term = url[len(f"{parts.scheme}://{parts.netloc}"):]
    name = names.get(kind, {}).get(term)
    counts = ours.categories if kind == "category" else ours.tags
    return None if name is None else counts.get(name.casefold(), 0)
