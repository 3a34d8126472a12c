"""Compare datasets row by row: each post exactly once, and the same fields."""

from __future__ import annotations

from collections import Counter

from crawler.items import POST_FIELDS

PROVENANCE = ("archive_url", "captured_at")
"""Left out of comparisons between crawls: when two captures hold the same version of a post
(a permalink and its ``?p=N`` copy), which one a crawl reads first is a matter of timing."""


def ids(rows: list[dict]) -> list:
    """Post IDs, sorted, repeated as often as they occur (so a duplicate shows)."""
    return sorted((row["post_id"] for row in rows), key=str)


def assert_once_each(rows: list[dict], expected_ids: list) -> None:
    twice = sorted((k for k, n in Counter(r["post_id"] for r in rows).items() if n > 1), key=str)
    assert not twice, f"exported more than once: {twice}"
    got, want = set(ids(rows)), set(expected_ids)
    missing, extra = sorted(want - got, key=str), sorted(got - want, key=str)
    assert got == want, f"missing {missing}, extra {extra}"


def assert_same_posts(rows: list[dict], reference: list[dict]) -> None:
    """*rows* hold exactly the posts of *reference*, once each, with the same field values."""
    assert_once_each(rows, [r["post_id"] for r in reference])
    want = {r["post_id"]: r for r in reference}
    problems = [f"post {row['post_id']} {name}: got {row[name]!r}, "
                f"want {want[row['post_id']][name]!r}"
                for row in rows for name in POST_FIELDS
                if name not in PROVENANCE and row[name] != want[row["post_id"]][name]]
    assert not problems, "\n".join(problems[:20])
