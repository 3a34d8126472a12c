"""The page parsers on pages a real WordPress 6.1 rendered, under every theme we have, against gold
from WordPress's own REST API (``scripts/wordpress/``; data in ``tests/data/wordpress/``).

Per theme and field, over every post: a field the theme shows (``themes.json``, by the rule in
``scripts/wordpress/shows.py``) must equal the gold; a field it does not show must be empty, or
the gold (never something else). ``content_text`` is compared as words: the parser's text split on
whitespace must equal the gold's words exactly (the gold breaks words at every non-inline element
boundary, as the text contract does). A date the theme shows only as text must have the gold's
day. Known gaps of today's parsers are listed in ``GAPS`` as strict xfails: fixing one makes its
test fail until the entry is removed.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.pages import PostPage, page_links

DATA = Path(__file__).resolve().parents[1] / "data" / "wordpress"
THEMES = sorted(p.name for p in DATA.iterdir() if p.is_dir())
FIELDS = ("post_id", "title", "author", "author_slug", "published", "modified", "categories",
          "tags", "content_text", "images", "links", "comment_count")
EMPTY: dict[str, Any] = {"categories": [], "tags": [], "images": [], "links": [],
                         "content_text": ""}

GAPS: dict[tuple[str, str], str] = {}
"""(theme, field) the parser gets wrong on some post of that theme."""


@cache
def gold() -> dict[str, Any]:
    return json.loads((DATA / "gold.json").read_text(encoding="utf-8"))


@cache
def shown() -> dict[str, dict[str, dict[str, Any]]]:
    return json.loads((DATA / "themes.json").read_text(encoding="utf-8"))


def page_names(theme: str) -> list[str]:
    return sorted(p.name.removesuffix(".json") for p in (DATA / theme).glob("*.json"))


@cache
def parsed(theme: str, name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(meta, what PostPage makes of the page: kind, page_links and fields)."""
    meta = json.loads((DATA / theme / f"{name}.json").read_text(encoding="utf-8"))
    html = gzip.decompress((DATA / theme / f"{name}.html.gz").read_bytes()).decode("utf-8")
    selector = Selector(text=html)
    page = PostPage(selector, meta["url"], meta["headers"])
    return meta, {"kind": page.kind, "page_links": page_links(selector, meta["url"]),
                  "html": html, **page.fields()}


def expected(field: str, row: dict[str, Any], how: Any) -> Any:
    """The gold when the theme shows the field; else None (empty lists and text)."""
    if not how:
        return EMPTY.get(field)
    if field == "comment_count" and how == "form":
        return 0
    return row[field]


def field_ok(field: str, got: Any, row: dict[str, Any], how: Any) -> bool:
    if field == "content_text":
        got = " ".join((got or "").split())
    if not how:
        return got in (EMPTY.get(field), row[field])
    if field in ("published", "modified") and how == "text":
        return bool(got) and got[:10] == row[field][:10]
    return got == expected(field, row, how)


def mismatches(theme: str, field: str) -> list[tuple[int, Any, Any]]:
    """(post ID, what the parser found, what it should have) for every post it gets wrong."""
    wrong = []
    for row in gold()["posts"]:
        how = shown()[theme][str(row["post_id"])].get(field)
        got = parsed(theme, f"post-{row['post_id']}")[1][field]
        if not field_ok(field, got, row, how):
            wrong.append((row["post_id"], got, expected(field, row, how)))
    return wrong


def _field_params() -> list[Any]:
    return [pytest.param(theme, field, id=f"{theme}-{field}", marks=[
        pytest.mark.xfail(strict=True, reason=GAPS[theme, field])] if (theme, field) in GAPS
        else []) for theme in THEMES for field in FIELDS]


@pytest.mark.parametrize(("theme", "field"), _field_params())
def test_post_field(theme: str, field: str) -> None:
    assert mismatches(theme, field) == []


def test_every_theme_was_rendered() -> None:
    """Debian's three themes and the three shared ones, each with every post and page kind."""
    assert THEMES == ["generatepress", "twentyfifteen", "twentyseventeen", "twentytwentyone",
                      "twentytwentythree", "twentytwentytwo"]
    for theme in THEMES:
        kinds = {json.loads((DATA / theme / f"{n}.json").read_text())["kind"]
                 for n in page_names(theme)}
        assert kinds == {"post", "page", "listing", "attachment", "error"}
        assert len([n for n in page_names(theme) if n.startswith("post-")]) == len(gold()["posts"])


@pytest.mark.parametrize("theme", THEMES)
def test_page_kinds(theme: str) -> None:
    wrong = [(name, parsed(theme, name)[1]["kind"], parsed(theme, name)[0]["kind"])
             for name in page_names(theme)
             if parsed(theme, name)[1]["kind"] != parsed(theme, name)[0]["kind"]]
    assert wrong == []


@pytest.mark.parametrize("theme", THEMES)
def test_canonical_is_the_permalink(theme: str) -> None:
    """WordPress prints ``rel=canonical`` on every single post and page, whatever the theme."""
    singles = [n for n in page_names(theme) if n.startswith(("post-", "page-"))]
    assert [(n, parsed(theme, n)[1]["canonical"]) for n in singles
            if parsed(theme, n)[1]["canonical"] != parsed(theme, n)[0]["url"]] == []


@pytest.mark.parametrize("theme", THEMES)
def test_static_pages(theme: str) -> None:
    """Static pages (one with a Cyrillic slug and title) are read as pages with their own ID and
    title, never as posts."""
    for page in gold()["pages"]:
        meta, got = parsed(theme, f"page-{page['post_id']}")
        assert (got["kind"], got["post_id"], got["title"]) == ("page", page["post_id"],
                                                               page["title"])


@cache
def rest() -> dict[str, list[Any]]:
    return json.loads(gzip.decompress((DATA / "rest.json.gz").read_bytes()))


def rest_title(url: str) -> str:
    """The name WordPress gives the object (term, user, media) whose page is ``url``."""
    found = next(item for route in ("categories", "tags", "users", "media")
                 for item in rest()[route] if item["link"] == url)
    return html.unescape(found["title"]["rendered"] if "title" in found else found["name"])


@pytest.mark.parametrize("theme", THEMES)
def test_attachment_page(theme: str) -> None:
    meta, got = parsed(theme, "attachment")
    media = next(m for m in rest()["media"] if m["link"] == meta["url"])
    assert (got["kind"], got["post_id"], got["title"]) == ("attachment", media["id"],
                                                           rest_title(meta["url"]))


@pytest.mark.parametrize("theme", THEMES)
def test_error_page_has_no_post(theme: str) -> None:
    meta, got = parsed(theme, "error404")
    assert meta["status"] == 404
    assert (got["kind"], got["title"]) == ("error", "Page not found")
    assert [f for f in FIELDS if f != "title" and got[f] not in (None, [], "")] == []
    site = gold()["site"]
    assert {site, f"{site}/"} & set(got["page_links"])  # block themes link the home unslashed


@pytest.mark.parametrize("theme", THEMES)
def test_listings_lead_to_their_posts(theme: str) -> None:
    """A listing has its own title and no post fields, and every permalink it shows is among
    its page links."""
    permalinks = {row["url"] for row in gold()["posts"]}
    for name in page_names(theme):
        meta, got = parsed(theme, name)
        if meta["kind"] != "listing":
            continue
        assert [f for f in FIELDS if f != "title" and got[f] not in (None, [], "")] == [], name
        if name.startswith(("category", "tag", "author")):
            assert got["title"] == rest_title(meta["url"]), name
        listed = {url for url in re.findall(r'href="([^"#]+)"', got["html"]) if url in permalinks}
        assert listed, name
        assert sorted(listed - set(got["page_links"])) == [], name
    assert f"{gold()['site']}/page/2/" in parsed(theme, "home")[1]["page_links"]


@pytest.mark.parametrize("theme", THEMES)
def test_body_holds_no_page_chrome(theme: str) -> None:
    """The body keeps its headings and captions and leaves out the title, comments and forms."""
    for row in gold()["posts"]:
        body = parsed(theme, f"post-{row['post_id']}")[1]["content_html"]
        assert not re.search(r'id="comment-|<form|entry-title|wp-block-post-title', body)
    moths = next(r for r in gold()["posts"] if r["slug"] == "moths-at-the-window")
    assert "<em>Deilephila elpenor</em>" in parsed(theme, f"post-{moths['post_id']}")[1][
        "content_html"]


def test_visibility_rule_sees_what_themes_print() -> None:
    """Sanity of themes.json: classic themes link the author, block themes print the name only;
    every theme shows title, publication time and terms."""
    for theme in THEMES:
        for post_id, fields in shown()[theme].items():
            assert {"post_id", "title", "author", "published", "categories"} <= set(fields)
            block = theme in ("twentytwentytwo", "twentytwentythree")
            assert ("author_slug" in fields) is not block, (theme, post_id)


@pytest.mark.parametrize("theme", THEMES)
def test_pages_name_the_site_not_the_local_server(theme: str) -> None:
    """WordPress built every URL from its ``home`` option: no trace of the loopback port."""
    assert [n for n in page_names(theme) if "127.0.0.1" in parsed(theme, n)[1]["html"]
            or "127.0.0.1" in json.dumps(parsed(theme, n)[0])] == []
    post = parsed(theme, f"post-{gold()['posts'][0]['post_id']}")[0]
    assert f"{gold()['site']}/?p={post['post_id']}>; rel=shortlink" in post["headers"]["Link"]
