"""Comments read from pages nobody here wrote: a real WordPress 6.1 under six themes (gold from
its REST API, ``tests/data/wordpress/rest.json.gz``) and the real archived deepdotweb.com pages
(Sahifa; facts in ``../shared/corpus/deepdotweb/SOURCE.md``)."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.pages import PostPage, page_comments
from scripts.wordpress.gold import content_words, iso

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "wordpress"
THEMES = sorted(p.name for p in DATA.iterdir() if p.is_dir())
CORPUS = REPO / ".." / "shared" / "corpus" / "deepdotweb" / "full"


@cache
def rest() -> dict[str, Any]:
    return json.loads(gzip.decompress((DATA / "rest.json.gz").read_bytes()))


def gold_comments(post_id: int) -> list[dict[str, Any]]:
    return [{"comment_id": c["id"], "parent_id": c["parent"] or None,
             "author": c["author_name"], "author_url": c["author_url"] or None,
             "published": iso(c["date"], c["date_gmt"]),
             "content_text": content_words(c["content"]["rendered"])}
            for c in rest()["comments"] if c["post"] == post_id]


def read(theme: str, post_id: int) -> list[dict[str, Any]]:
    meta = json.loads((DATA / theme / f"post-{post_id}.json").read_text(encoding="utf-8"))
    text = gzip.decompress((DATA / theme / f"post-{post_id}.html.gz").read_bytes())
    page = PostPage(Selector(text=text.decode("utf-8")), meta["url"], meta["headers"])
    found = page_comments(page.doc)
    for comment in found:
        comment["content_text"] = " ".join(comment["content_text"].split())
        del comment["content_html"]
    return found


@pytest.mark.parametrize("theme", THEMES)
def test_every_comment_of_every_post_as_the_rest_api_has_it(theme: str) -> None:
    posts = sorted({c["post"] for c in rest()["comments"]} | {p["id"] for p in rest()["posts"]})
    for post_id in posts:
        assert read(theme, post_id) == gold_comments(post_id), f"{theme} post {post_id}"


def test_the_held_comment_is_on_no_page() -> None:
    shown = {c["comment_id"] for theme in THEMES for p in rest()["posts"]
             for c in read(theme, p["id"])}
    assert shown == {c["id"] for c in rest()["comments"]}
    assert len(shown) == 8


def corpus_page(name: str) -> PostPage:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"{CORPUS} is absent: the real deepdotweb pages are not here")
    return PostPage(Selector(text=path.read_text(encoding="utf-8")),
                    "https://www.deepdotweb.com/" + name[:10].replace("-", "/") + "/x/")


def test_sahifa_threads_on_the_real_lsd_page() -> None:
    page = corpus_page("2016-09-08-first-time-trying-lsd-purchased-market.html")
    found = page_comments(page.doc)
    assert [c["comment_id"] for c in found] == [615952, 615972, 615982, 616144, 616162, 616467,
                                                616163, 660505]
    assert {c["comment_id"]: c["parent_id"] for c in found if c["parent_id"]} == {
        616144: 615982, 616467: 616162}
    first = found[0]
    assert first["author"] == "habenero" and first["author_url"] is None
    assert first["published"] == "2016-09-09T17:57:00"  # Sahifa shows no offset
    assert first["content_text"].startswith("Thanks for the article! Great stuff.")
    assert found[3]["content_text"].split("\n\n")[1] == (
        "Nbome scare stories are a myth, let Art Linkletter explain it to you.")
    assert "Reply" not in " ".join(c["content_text"] for c in found)
    assert page.fields()["comment_count"] == len(found) == 8


def test_the_offset_of_the_page_is_given_to_dates_shown_without_one() -> None:
    page = corpus_page("2016-09-08-first-time-trying-lsd-purchased-market.html")
    published = page.fields()["published"]
    assert published == "2016-09-08T05:57:58-03:00"
    from crawler.pages.datetext import parse_iso
    offset = parse_iso(published).tzinfo  # type: ignore[union-attr]
    assert page_comments(page.doc, offset)[0]["published"] == "2016-09-09T17:57:00-03:00"


@pytest.mark.parametrize("name, count, replies", [
    ("2016-09-15-police-recruit-another-canine-sniffs-usb-drives.html", 5, 2),
    ("2016-09-24-suspect-arrested-ordering-130g-amphetamine-online.html", 0, 0),
])
def test_sahifa_counts_on_the_other_real_pages(name: str, count: int, replies: int) -> None:
    page = corpus_page(name)
    found = page_comments(page.doc)
    assert len(found) == count == page.fields()["comment_count"]
    assert sum(c["parent_id"] is not None for c in found) == replies
    ids = {c["comment_id"] for c in found}
    assert all(c["parent_id"] in ids for c in found if c["parent_id"])
    assert all(c["author"] and c["published"] and c["content_text"] for c in found)
