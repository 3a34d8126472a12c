"""How many posts the site itself says it had: its listings' pagination and the counts its
widgets printed (``listing_pages``, ``site_counts``)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from crawler.report.captures import marks


@dataclass(frozen=True)
class PageSeen:
    page: int
    last_page: int
    entries: int
    sticky: int
    captured_at: str | None


def estimate(pages: Sequence[PageSeen]) -> dict[str, Any]:
    """Posts one listing holds, from the pages of it that were captured.

    With ``P`` pages of ``k`` posts (the most common count on a page before the last, sticky
    posts WordPress adds on top of the first page left out) the listing holds ``(P-1)k + n``
    posts when its last page, with ``n`` posts, was captured; else between ``(P-1)k + 1``
    and ``Pk``. A site that grew between captures shows more pages in the newer ones: ``P`` is
    the most any capture shows.
    """
    last = max(max(p.last_page, p.page) for p in pages)
    finals = [p for p in pages if p.page == last]
    full = Counter(p.entries - p.sticky for p in pages if p.page < last)
    per_page = max(full, key=lambda n: (full[n], n)) if full else None
    if per_page is None and finals and last == 1:  # one page: it holds them all
        per_page = finals[0].entries
    final = max(finals, key=lambda p: p.captured_at or "") if finals else None
    if final is not None and per_page is not None:
        low = high = (last - 1) * per_page + final.entries
    elif per_page is not None:
        low, high = (last - 1) * per_page + 1, last * per_page
    else:
        low, high = None, None
    times = [p.captured_at for p in pages if p.captured_at]
    return {"pages": last, "per_page": per_page, "last_page_captured": final is not None,
            "pages_captured": len({p.page for p in pages}), "low": low, "high": high,
            "as_of": max(times, default=None)}


def listings(db: sqlite3.Connection, sites: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every listing (home, each category, tag, author, date archive) with its estimate."""
    rows = db.execute(
        f"SELECT listing, kind, page, last_page, entries, sticky, captured_at FROM listing_pages"
        f" WHERE site IN ({marks(sites)}) ORDER BY listing", list(sites))
    for (listing, kind), group in groupby(rows, key=lambda r: (r[0], r[1])):
        pages = [PageSeen(*row[2:]) for row in group]
        yield {"listing": listing, "kind": kind, **estimate(pages)}


def max_listed_id(db: sqlite3.Connection, sites: Sequence[str]) -> int | None:
    """The highest post ID a listing showed."""
    highest: int | None = db.execute(
        f"SELECT max(max_post_id) FROM listing_pages WHERE site IN ({marks(sites)})",
        list(sites)).fetchone()[0]
    return highest


def printed(db: sqlite3.Connection, sites: Sequence[str], what: str) -> list[dict[str, Any]]:
    """The terms (or months) of kind *what* the site's widgets listed, each with the count its
    newest capture printed (``None``: listed without a count)."""
    rows = db.execute(
        f"SELECT term, count, name, last_seen FROM site_counts WHERE site IN ({marks(sites)}) "
        "AND what = ? ORDER BY term", [*sites, what])
    found = []
    for term, group in groupby(rows, key=lambda r: r[0]):
        seen = list(group)
        counted = [r for r in seen if r[1] >= 0]  # -1: listed without a count
        newest = max(counted or seen, key=lambda r: (r[3] or "", r[1]))
        found.append({"term": term, "name": newest[2] or term,
                      "count": newest[1] if counted else None})
    return found
