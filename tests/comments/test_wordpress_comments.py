"""The real crawl over a real WordPress discussion site, archived under three themes
(``tests/data/wordpress-comments/``, made by ``scripts/wordpress/comments.py``): every approved
comment its pages show, once, with the REST API's ID, post, parent, author, website, date and
text; none of the comments no visitor sees; comment pages followed from their post only."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.comments.run import crawl_comments

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress-comments"
VARIANTS = ("twentyseventeen", "twentytwentythree", "generatepress")
FIELDS = ("post_id", "parent_id", "author", "author_url", "published")


@cache
def gold() -> dict[str, Any]:
    return json.loads((DATA / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=VARIANTS)
def crawled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp(request.param)
    return request.param, crawl_comments(DATA / f"{request.param}.warc.gz", folder)


def test_every_comment_once_with_its_fields(crawled: tuple[str, dict[str, Any]]) -> None:
    variant, run = crawled
    rows = run["comments"]
    assert not [k for k, n in Counter(r["comment_id"] for r in rows).items() if n > 1]
    got = {r["comment_id"]: r for r in rows}
    want = {c["comment_id"]: c for c in gold()["comments"]}
    assert sorted(got) == sorted(want)
    for comment_id, expected in want.items():
        row = got[comment_id]
        assert {f: row[f] for f in FIELDS} == {f: expected[f] for f in FIELDS}, comment_id
        assert row["content_text"].split() == expected["content_text"].split(), comment_id
        assert row["post_url"] == gold()["posts"][variant][str(expected["post_id"])]
        assert row["source"] == "warc" and row["archive_url"].startswith("file://")
    assert sum(r["parent_id"] is not None for r in rows) == 64


def test_what_no_visitor_sees_never_appears(crawled: tuple[str, dict[str, Any]]) -> None:
    _, run = crawled
    hidden = set(gold()["hidden"])
    assert len(hidden) == 14
    assert not hidden & {r["comment_id"] for r in run["comments"]}
    assert "Hidden" not in json.dumps(run["comments"]) and "Storm Watch" not in json.dumps(run)


def test_comment_counts_agree_where_one_page_shows_them_all(
        crawled: tuple[str, dict[str, Any]]) -> None:
    _, run = crawled
    per_post = Counter(c["post_id"] for c in gold()["comments"])
    counts = {p["post_id"]: p["comment_count"] for p in run["posts"]}
    # Posts 1 and 5 split their comments over pages: their count is the one WordPress
    # declares (the trackback included), and the summary says what was found.
    assert {k: v for k, v in counts.items() if k not in (1, 5)} == {2: 51, 3: 6, 4: 0}
    assert counts[1] == per_post[1] and counts[5] == per_post[5] + 1
    assert run["stats"].get("archive/comments/missing_parent", 0) == 0


def test_comment_pages_are_fetched_from_their_post_only(
        crawled: tuple[str, dict[str, Any]]) -> None:
    variant, run = crawled
    stats = run["stats"]
    # The WARC's index lists every comment page: as seeds they are refused...
    assert stats["archive/refused/comment-page"] >= 4
    # ...and fetched from their post's own navigation, each once.
    fetched = [u for u in run["fetched"] if "comment-page-" in u or "cpage=" in u]
    assert len(fetched) == len(set(fetched)) >= 4
    if variant == "twentyseventeen":  # newest first: the post's URL shows the last page, again
        assert stats["archive/comments/found"] > len(run["comments"])
        assert stats["archive/comments/merged"] > 0
