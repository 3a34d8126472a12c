"""How many posts the site had, by each kind of evidence, next to how many we have.

Each estimate is a range ``[low, high]`` (either end ``None`` when that kind of evidence gives
no bound): the home page's pagination; each month's count (as the Archives widget printed it,
else as the month archive's pagination shows it), summed; the author archives', summed (a post
has one author); the category counts (a post has at least one category: at least the largest
count, at most their sum); the tag counts (at least the largest); the post-ID sequence (at most
the highest ID: WordPress numbers posts, pages, attachments and revisions from one sequence).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def estimates(listings: Sequence[Mapping[str, Any]], months: Sequence[Mapping[str, Any]],
              printed: Mapping[str, Sequence[Mapping[str, Any]]],
              max_id: int | None) -> list[dict[str, Any]]:
    """Every estimate the evidence allows, strongest first."""
    found = []
    home = next((x for x in listings if x["kind"] == "home"), None)
    if home is not None and home["low"] is not None:
        found.append(_row("home page pagination", home["low"], home["high"],
                          f"{home['pages']} pages of {home['per_page']}", home["as_of"]))
    counted = [m for m in months if m["site_low"] is not None]
    # A month we have posts of, that the site's evidence does not count, makes the sum a floor
    known = [m for m in months if m["listed"] or m["site_low"] is not None or m["posts"]]
    if counted:
        complete = len(counted) == len(known)
        found.append(_row("months (Archives widget counts, month archives)",
                          sum(m["site_low"] for m in counted),
                          sum(m["site_high"] for m in counted) if complete else None,
                          f"{len(counted)} of {len(known)} months counted"))
    found += _summed("author archives", [x for x in listings if x["kind"] == "author"])
    found += _terms("category counts", printed.get("category", ()), upper=True)
    found += _terms("tag counts", printed.get("tag", ()), upper=False)
    if max_id:
        found.append(_row("post-ID sequence", None, max_id, f"highest ID {max_id}"))
    return found


def headline(found: Sequence[Mapping[str, Any]], posts: int) -> dict[str, Any] | None:
    """The strongest estimate with both ends, and the share of it we have."""
    best = next((e for e in found if e["low"] is not None and e["high"] is not None), None)
    if best is None:
        return None
    return {"evidence": best["evidence"], "low": best["low"], "high": best["high"],
            "share_low": _share(posts, best["high"]), "share_high": _share(posts, best["low"])}


def _summed(name: str, listings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    usable = [x for x in listings if x["low"] is not None]
    if not usable:
        return []
    return [_row(name, sum(x["low"] for x in usable), sum(x["high"] for x in usable),
                 f"{len(usable)} archives", max((x["as_of"] for x in usable if x["as_of"]),
                                                default=None))]


def _terms(name: str, terms: Sequence[Mapping[str, Any]], upper: bool) -> list[dict[str, Any]]:
    counts = [t["count"] for t in terms if t["count"] is not None]
    if not counts:
        return []
    every = len(counts) == len(terms)
    return [_row(name, max(counts), sum(counts) if upper and every else None,
                 f"{len(counts)} terms")]


def _row(evidence: str, low: int | None, high: int | None, detail: str,
         as_of: str | None = None) -> dict[str, Any]:
    return {"evidence": evidence, "low": low, "high": high, "detail": detail, "as_of": as_of}


def _share(posts: int, of: int | None) -> float | None:
    return min(1.0, posts / of) if of else None
