"""A post holding U+2028, U+2029 or U+0085 keeps a JSON Lines file at one record per line, for
readers that split with ``str.splitlines()`` too."""

from __future__ import annotations

import json

import pytest

from tests.e2e.crawl import read_rows
from tests.hostile.site import SITE, post_ids, write_mirror
from tests.state.run import crawl, export

PLAIN = "Officers seized cash worth"
SEPARATED = "Officers\u2028seized\u2029cash\x85worth"


@pytest.fixture
def mirror(tmp_path):
    """The generated mirror, with line separators in the body of one post (its page and its
    AMP page)."""
    mirror = write_mirror(tmp_path)
    changed = 0
    for path in mirror.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        if PLAIN in page:
            path.write_text(page.replace(PLAIN, SEPARATED), encoding="utf-8")
            changed += 1
    assert changed
    return mirror


def assert_one_record_per_line(path, count):
    text = path.read_text(encoding="utf-8")
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    lines = text.splitlines()
    assert len(lines) == count
    records = [json.loads(line) for line in lines]
    (post,) = [r for r in records if SEPARATED in r["content_html"]]
    assert post == next(r for r in read_rows(path) if r["post_id"] == post["post_id"])


def test_crawl_and_export_escape_line_separators(tmp_path, mirror):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "posts.jsonl"
    crawl(SITE, mirror, state, feed)
    count = len(post_ids())
    assert_one_record_per_line(feed, count)
    export(tmp_path / "all.jsonl", state)
    assert_one_record_per_line(tmp_path / "all.jsonl", count)
    crawl(SITE, mirror, tmp_path / "other.sqlite3", tmp_path / "posts.json")
    (post,) = [r for r in read_rows(tmp_path / "posts.json") if SEPARATED in r["content_html"]]
    assert "\\u2028" in (tmp_path / "posts.json").read_text(encoding="utf-8")


def test_the_test_helper_splits_records_at_newlines_only(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text('{"a": "x\u2028y"}\n{"a": "z\x85"}\n', encoding="utf-8")
    assert read_rows(path) == [{"a": "x\u2028y"}, {"a": "z\x85"}]
