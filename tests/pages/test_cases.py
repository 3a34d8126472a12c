"""Hand-written pages of real themes, one folder per case (web-poet fixture style):

    cases/<name>/page.html      the page as served
    cases/<name>/meta.json      {"url": ..., "headers": {...}}
    cases/<name>/expected.json  {"kind": ..., <field>: <value>, ...}

Every key of expected.json is its own test. Besides the fields, ``kind`` and ``page_links`` are
checked, and ``content_html_includes`` / ``content_html_excludes`` list fragments the cleaned
body HTML must / must not contain (its exact serialization is not part of the contract).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector

from crawler.pages import PostPage, page_links

CASES = Path(__file__).parent / "cases"
FIELDS = ("post_id", "title", "author", "author_slug", "published", "modified", "categories",
          "tags", "content_text", "word_count", "images", "links", "comment_count", "canonical")


def _load(case: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    folder = CASES / case
    return (
        (folder / "page.html").read_text(encoding="utf-8"),
        json.loads((folder / "meta.json").read_text(encoding="utf-8")),
        json.loads((folder / "expected.json").read_text(encoding="utf-8")),
    )


def _cases() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.json").exists())


def _checks() -> list[Any]:
    return [pytest.param(case, key, id=f"{case}-{key}")
            for case in _cases() for key in _load(case)[2]]


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """What the parsers make of each case, computed once per case."""
    found = {}
    for case in _cases():
        html, meta, _ = _load(case)
        selector = Selector(text=html)
        page = PostPage(selector, meta["url"], meta.get("headers"))
        found[case] = {"kind": page.kind, "page_links": page_links(selector, meta["url"]),
                       **page.fields()}
    return found


@pytest.mark.parametrize(("case", "key"), _checks())
def test_case(results, case, key):
    expected = _load(case)[2][key]
    got = results[case]
    if key == "content_html_includes":
        assert [part for part in expected if part not in got["content_html"]] == []
    elif key == "content_html_excludes":
        assert [part for part in expected if part in got["content_html"]] == []
    else:
        assert got[key] == expected


@pytest.mark.parametrize("case", _cases())
def test_case_expects_every_field(case):
    """A case states every field, so a silently wrong one cannot hide behind a missing key."""
    assert [field for field in ("kind", *FIELDS) if field not in _load(case)[2]] == []


@pytest.mark.parametrize("case", _cases())
def test_word_count_is_words_of_the_text(results, case):
    assert results[case]["word_count"] == len(results[case]["content_text"].split())
