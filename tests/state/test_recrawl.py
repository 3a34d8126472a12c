"""Incremental recrawls of an archive that gains captures, then the whole dataset exported."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import read_rows
from tests.sitegen import serve_site
from tests.state.archive import REVISION_NOTE, two_capture_archive
from tests.state.compare import assert_once_each, assert_same_posts, ids
from tests.state.run import crawl, export, responses, stat


@pytest.fixture(scope="module")
def archive():
    return two_capture_archive()


def retrieved(result, urls):
    """Which of *urls* the crawl actually read from the archive (not stood in for)."""
    seen = responses(result)
    return sorted(url for url in urls if url in seen and not seen[url])


def test_two_captures_recrawl_then_export(tmp_path, archive):
    site, state = archive.site, tmp_path / "state.sqlite3"
    mirror = archive.write(tmp_path / "mirror", version=1)
    post_pages = {p["post_id"]: p["url"] for p in site.posts}
    v1_pages = [url for post_id, url in post_pages.items() if post_id not in archive.new_ids]

    first = crawl(site.root, mirror, state, tmp_path / "run1.jsonl")
    assert_once_each(read_rows(tmp_path / "run1.jsonl"), ids(archive.expected(1)))
    assert retrieved(first, v1_pages) == sorted(v1_pages)

    # Same captures again: none is read (an unchanged listing capture lists the same posts; its
    # stored links are walked), nothing is exported.
    second = crawl(site.root, mirror, state, tmp_path / "run2.jsonl")
    assert read_rows(tmp_path / "run2.jsonl") == []
    assert retrieved(second, v1_pages) == []
    assert stat(second, "archive/state/skipped_known_capture") >= len(v1_pages)
    assert retrieved(second, [site.root + "/"]) == []
    # The mirror's files are looked up in batches from the start: a known one costs no request,
    # not even a stand-in response (crawler.state.shortcut).
    stood_in = [url for url, known in responses(second).items() if known]
    assert stood_in == []
    assert stat(second, "response_received_count") < len(v1_pages) // 4

    # The archive gains captures: exactly the new and the changed posts are exported.
    archive.write(mirror, version=2)
    third = crawl(site.root, mirror, state, tmp_path / "run3.jsonl")
    rows = {row["post_id"]: row for row in read_rows(tmp_path / "run3.jsonl")}
    assert sorted(rows) == sorted(archive.new_ids + archive.changed_ids)
    assert all(REVISION_NOTE in rows[i]["content_text"] for i in archive.changed_ids)
    touched = [post_pages[i] for i in archive.new_ids + archive.changed_ids]
    assert retrieved(third, list(post_pages.values())) == sorted(touched)
    assert stat(third, "archive/state/new") == len(archive.new_ids)
    assert stat(third, "archive/state/changed") == len(archive.changed_ids)

    # The whole dataset: every post once, newest version, as one crawl of version 2 sees it.
    exported = export(tmp_path / "all.jsonl", state)
    crawl(site.root, mirror, tmp_path / "unused.sqlite3", tmp_path / "fresh.jsonl",
          "-s", "ARCHIVE_STATE=")
    assert_same_posts(exported, read_rows(tmp_path / "fresh.jsonl"))
    assert_once_each(exported, ids(archive.expected(2)))
    assert not (tmp_path / "unused.sqlite3").exists()


def test_full_recrawl_refetches_and_exports_everything(tmp_path, archive):
    site, state = archive.site, tmp_path / "state.sqlite3"
    mirror = archive.write(tmp_path / "mirror", version=1)
    crawl(site.root, mirror, state)
    result = crawl(site.root, mirror, state, tmp_path / "full.jsonl", "-a", "full_recrawl=1")
    assert_once_each(read_rows(tmp_path / "full.jsonl"), ids(archive.expected(1)))
    assert stat(result, "archive/state/skipped_known_capture") == 0
    assert stat(result, "archive/state/unchanged") == len(archive.expected(1))


def test_live_recrawl_exports_nothing_new(tmp_path):
    """A live site has no capture identity: every page is fetched again, and the state
    pipeline alone keeps unchanged posts out of the feed."""
    state = tmp_path / "state.sqlite3"
    with serve_site(theme="classic", n_posts=12, seed=5) as (site, server):
        crawl(site.root, "live", state, tmp_path / "run1.json")
        first = read_rows(tmp_path / "run1.json")
        server.requests.clear()
        crawl(site.root, "live", state, tmp_path / "run2.json")
        assert read_rows(tmp_path / "run2.json") == []
        post_paths = {p["url"].removeprefix(site.root) for p in site.expected("live")}
        assert post_paths <= set(server.requests)
    assert_same_posts(export(tmp_path / "all.json", state), first)
