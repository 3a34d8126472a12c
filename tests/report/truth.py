"""What a correct report says, computed from a fixture site's model and what its archive holds
(never from the report's own code)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from tests.sitegen.listings import in_category
from tests.sitegen.model import Post, SiteModel, Term
from tests.sitegen.truth import post_truth

FIELD_TESTS = {
    "title": lambda r: bool(r["title"]),
    "author": lambda r: bool(r["author"]),
    "author_slug": lambda r: bool(r["author_slug"]),
    "published": lambda r: r["published"] is not None,
    "modified": lambda r: r["modified"] is not None,
    "categories": lambda r: bool(r["categories"]),
    "tags": lambda r: bool(r["tags"]),
    "body": lambda r: r["word_count"] > 0,
    "images": lambda r: bool(r["images"]),
    "comment_count": lambda r: r["comment_count"] is not None,
}


def month(post: Post) -> str:
    return f"{post.published.year:04d}-{post.published.month:02d}"


def months(model: SiteModel, got: list[Post]) -> list[dict[str, Any]]:
    """Posts per month, what the site's month archives show, and the verdict on each month."""
    linked = Counter(month(p) for p in model.posts if p.linked)
    ours = Counter(month(p) for p in got)
    first, last = min(linked | ours), max(linked | ours)
    rows = []
    for m in _month_span(first, last):
        site = linked.get(m)
        row = {"month": m, "posts": ours.get(m, 0), "site_low": site, "site_high": site,
               "listed": m in linked, "missing_urls": 0}
        if not row["posts"]:
            row["status"] = "not-captured" if m in linked else "published-nothing"
        else:
            row["status"] = "partial" if (site or 0) > row["posts"] else "no-known-gap"
        rows.append(row)
    return rows


def _month_span(first: str, last: str) -> list[str]:
    year, mon = int(first[:4]), int(first[5:])
    out = []
    while f"{year:04d}-{mon:02d}" <= last:
        out.append(f"{year:04d}-{mon:02d}")
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    return out


def category_counts(model: SiteModel) -> dict[str, int]:
    """The Categories widget's counts (linked posts, children's included), by name: every
    top-level category with posts, and every category below a listed one."""
    linked = [p for p in model.posts if p.linked]

    def listed(term: Term) -> bool:
        if term.parent is None:
            return any(in_category(p, term) for p in linked)
        return listed(term.parent)

    return {t.name: sum(in_category(p, t) for p in linked) for t in model.categories
            if listed(t)}


def post_figures(model: SiteModel, got: list[Post]) -> dict[str, Any]:
    """Field shares, top authors and terms, words and first/last post of the posts we got."""
    rows = [post_truth(model, p) for p in got]
    total = len(rows)
    fields = []
    for name, test in FIELD_TESTS.items():
        have = sum(1 for r in rows if test(r))
        fields.append({"field": name, "posts": have, "share": have / total})
    words = sorted(r["word_count"] for r in rows)
    dated = sorted(got, key=lambda p: p.published)
    return {
        "fields": fields,
        "authors": _top(Counter(r["author"] for r in rows)),
        "categories": _top(Counter(c for r in rows for c in r["categories"])),
        "tags": _top(Counter(t for r in rows for t in r["tags"])),
        "quartiles": [words[int(q * (total - 1))] for q in (0.25, 0.5, 0.75)],
        "first_post": _iso(dated[0].published), "last_post": _iso(dated[-1].published),
    }


def _top(counts: Counter[str], limit: int = 20) -> list[dict[str, Any]]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [{"name": name, "posts": n} for name, n in ranked]


def _iso(when: datetime) -> str:
    return when.isoformat()
