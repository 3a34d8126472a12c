"""Post URLs the crawls knew of (linked, or listed by the archive's index or files) that gave
no post, and why: the archive has no capture of them, only errors, or only afterlife pages."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from crawler.report.captures import NOT_AFTERLIFE, marks

NEVER_CAPTURED, ONLY_ERRORS, ONLY_AFTERLIFE = "never captured", "only errors", "only afterlife"
REASONS = (NEVER_CAPTURED, ONLY_ERRORS, ONLY_AFTERLIFE)
NOT_A_POST, REDIRECTED = "not a post", "redirected"
"""URLs shaped like posts that led elsewhere: a static page, an attachment (not missing), a
redirect (its target is a URL of its own)."""
_ERRORS = frozenset({"error", "failed", "unavailable"})
_DATED = re.compile(r"^https?://[^/]+/(\d{4})/(\d{2})/")

_OUTCOMES = """
SELECT c.url, group_concat(DISTINCT c.verdict), max(c.referer), sum(c.capture <> ''),
       max(c.last_run)
FROM capture_log c
WHERE c.site IN ({sites}) AND c.route = 'POST' AND c.url NOT IN (SELECT url FROM got_urls)
GROUP BY c.url
HAVING NOT max(c.post_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM posts p WHERE p.site IN ({sites}) AND p.post_key = 'id:' || c.post_id))
ORDER BY c.url
"""


def prepare(db: sqlite3.Connection, sites: Sequence[str]) -> None:
    """Index the URLs posts were seen at (the store keeps no index by URL) in ``temp.got_urls``."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS got_urls (url TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute("DELETE FROM got_urls")
    db.execute(f"INSERT OR IGNORE INTO got_urls SELECT url FROM post_urls WHERE site IN "
               f"({marks(sites)})", list(sites))


def reason(verdicts: set[str]) -> str:
    """Why a URL gave no post, from the verdicts on what the archive held for it. An error
    the site answered while it lived says more than the banners captured after its death."""
    if "real" in verdicts:
        return NOT_A_POST
    if "redirect" in verdicts:
        return REDIRECTED
    if verdicts & _ERRORS:
        return ONLY_ERRORS
    if verdicts - set(NOT_AFTERLIFE):
        return ONLY_AFTERLIFE
    return NEVER_CAPTURED


def outcomes(db: sqlite3.Connection, sites: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Every post-shaped URL that gave no post, with its reason (streamed, by URL)."""
    query = _OUTCOMES.format(sites=marks(sites))
    for url, verdicts, referer, captures, last_run in db.execute(query, [*sites, *sites]):
        yield {"url": url, "reason": reason(set(verdicts.split(","))),
               "found": "link" if referer else "index", "linked_from": referer,
               "captures": captures, "last_run": last_run}


def missing_urls(db: sqlite3.Connection, sites: Sequence[str]) -> Iterator[dict[str, Any]]:
    """The post URLs we could not get (:data:`REASONS`)."""
    return (row for row in outcomes(db, sites) if row["reason"] in REASONS)


def tally(db: sqlite3.Connection, sites: Sequence[str]) -> dict[str, Any]:
    """How many URLs gave no post, by reason, and the missing ones a page of the site linked
    by the month their URL names (``/2016/06/...``): a URL only the archive's index lists may
    come from a parking page's links, and say nothing of the site's months."""
    reasons: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for row in outcomes(db, sites):
        reasons[row["reason"]] += 1
        dated = _DATED.match(row["url"])
        if dated and row["reason"] in REASONS and row["found"] == "link":
            months[f"{dated.group(1)}-{dated.group(2)}"] += 1
    return {"by_reason": {r: reasons[r] for r in (*REASONS, NOT_A_POST, REDIRECTED)},
            "missing": sum(reasons[r] for r in REASONS), "by_month": dict(sorted(months.items()))}
