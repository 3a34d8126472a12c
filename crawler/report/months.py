"""Posts per month, with what is known of each month the crawl got fewer posts of than the site
had: did the site publish nothing then, or do we have no capture of what it published?

Evidence, all printed by the site: its Archives widget lists the months that had posts (and
may print how many); a month archive (``/2016/06/``) captured shows its pagination; post URLs
known but never got name their month (``/2016/06/12/slug/``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from crawler.pages.widgets import month_of

NO_KNOWN_GAP, PARTIAL, NOT_CAPTURED = "no-known-gap", "partial", "not-captured"
PUBLISHED_NOTHING, NO_EVIDENCE = "published-nothing", "no-evidence"
STATUSES = (NO_KNOWN_GAP, PARTIAL, NOT_CAPTURED, PUBLISHED_NOTHING, NO_EVIDENCE)
"""``no-known-gap``: we have posts and nothing says the site had more; ``partial``: the site
says it had more, or post URLs of the month are missing; ``not-captured``: the site had posts
that month, we have none; ``published-nothing``: the site's own list of months skips it;
``no-evidence``: no post and no evidence either way."""


def month_range(months: Iterable[str]) -> list[str]:
    """Every ``YYYY-MM`` from the first of *months* to the last."""
    found = sorted(set(months))
    if not found:
        return []
    year, month = int(found[0][:4]), int(found[0][5:7])
    out = []
    while (current := f"{year:04d}-{month:02d}") <= found[-1]:
        out.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def date_archives(listings: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Month archive listings (``/2016/06/``) by month."""
    found = {}
    for listing in listings:
        month = month_of(listing["listing"]) if listing["kind"] == "date" else None
        if month:
            found[month] = listing
    return found


def months(ours: Mapping[str, int], printed: Iterable[Mapping[str, Any]],
           archives: Mapping[str, Mapping[str, Any]],
           missing: Mapping[str, int]) -> list[dict[str, Any]]:
    """One row per month from the first with any evidence to the last."""
    listed = {p["term"]: p["count"] for p in printed}
    span = month_range([*ours, *listed, *archives, *missing])
    covered = (min(listed), max(listed)) if listed else None
    rows = []
    for month in span:
        archive = archives.get(month)
        low, high = _site_says(listed.get(month), archive)
        row = {"month": month, "posts": ours.get(month, 0), "site_low": low, "site_high": high,
               "listed": month in listed or bool(archive and archive["low"]),
               "missing_urls": missing.get(month, 0)}
        inside = covered is not None and covered[0] <= month <= covered[1]
        row["status"] = _status(row, inside)
        rows.append(row)
    return rows


def _site_says(count: int | None, archive: Mapping[str, Any] | None) -> tuple[Any, Any]:
    """What the site said it had that month: the count its widget printed, else what the
    month archive's pagination shows."""
    if count:
        return count, count
    if archive is not None:
        return archive["low"], archive["high"]
    return None, None


def _status(row: Mapping[str, Any], inside_listed_span: bool) -> str:
    if row["posts"] == 0:
        if row["listed"] or row["missing_urls"] or (row["site_low"] or 0) > 0:
            return NOT_CAPTURED
        return PUBLISHED_NOTHING if inside_listed_span else NO_EVIDENCE
    if row["missing_urls"] or (row["site_low"] or 0) > row["posts"]:
        return PARTIAL
    return NO_KNOWN_GAP
