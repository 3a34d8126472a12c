"""Compare an exported dataset with a fixture site's ground truth, one field at a time."""

from __future__ import annotations

from collections import Counter

EXACT_FIELDS = ("post_id", "site", "url", "slug", "title", "author", "author_slug", "published",
                "modified", "categories", "tags", "content_text", "word_count", "images", "links",
                "comment_count")
NOISE_MARKERS = ("<script", "<style", "<form", "commentlist", "comment-list",
                 "wp-block-comment", "share-post", "sharedaddy", "related_posts", "related-posts",
                 "adsbygoogle", "author-box", "post-navigation", "<nav")


def assert_same_dataset(rows: list[dict], expected: list[dict]) -> None:
    """Every expected post exactly once, every field right, nothing else."""
    counts = Counter(row["post_id"] for row in rows)
    twice = sorted(str(k) for k, n in counts.items() if n > 1)
    assert not twice, f"posts exported more than once: {twice}"
    got = {row["post_id"]: row for row in rows}
    want = {post["post_id"]: post for post in expected}
    assert sorted(got, key=str) == sorted(want, key=str), (
        f"missing {sorted(set(want) - set(got), key=str)}, "
        f"unexpected {sorted(set(got) - set(want), key=str)}"
    )
    problems = [
        f"post {post_id} {name}: got {got[post_id][name]!r}, want {post[name]!r}"
        for post_id, post in want.items()
        for name in EXACT_FIELDS
        if got[post_id][name] != post[name]
    ]
    for post_id, row in got.items():
        html = row["content_html"].lower()
        problems += [f"post {post_id} content_html holds {m!r}" for m in NOISE_MARKERS if m in html]
    assert not problems, f"{len(problems)} wrong fields:\n" + "\n".join(problems[:40])
