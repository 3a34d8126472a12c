"""One site, one lock and one store key; a store the crawl cannot use is refused before it
crawls; ``scrapy export`` reads a store on read-only media."""

from __future__ import annotations

import sqlite3

import pytest

from crawler.state.lock import StateLock, lock_path
from crawler.state.store import StateStore
from tests.e2e.crawl import read_rows
from tests.hostile.filesystems import immutable, read_only
from tests.hostile.site import SITE, post_ids, write_mirror
from tests.state.run import crawl, export, scrapy

PREVIOUS = "[previous feed]\n"


@pytest.fixture
def mirror(tmp_path):
    return write_mirror(tmp_path)


def assert_refused(result, feed):
    assert "Not crawling http" in result.stderr
    assert "Crawled (" not in result.stderr
    assert feed.read_text() == PREVIOUS


def test_one_site_spelled_two_ways_is_one_lock(tmp_path, mirror):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "feed.json"
    feed.write_text(PREVIOUS)
    running = StateLock(lock_path(state, SITE))  # https://www.example.org
    running.acquire()  # as a crawl of the site in progress holds it
    try:
        result = crawl("http://example.org", mirror, state, feed, status=75)
    finally:
        running.release()
    assert "another crawl holds" in result.stderr
    assert_refused(result, feed)


def test_one_site_spelled_two_ways_is_one_store_key(tmp_path, mirror):
    state = tmp_path / "state.sqlite3"
    crawl("https://www.example.org", mirror, state, tmp_path / "first.jsonl")
    second = crawl("http://example.org", mirror, state, tmp_path / "second.jsonl")
    assert "The state store knows this site as https://www.example.org" in second.stderr
    rows = export(tmp_path / "all.jsonl", state)
    assert sorted(r["post_id"] for r in rows) == post_ids()
    assert export(tmp_path / "one.jsonl", state, "--site", "example.org") == rows
    with sqlite3.connect(state) as db:
        assert db.execute("SELECT DISTINCT site FROM posts").fetchall() == [
            ("https://www.example.org",)]


def test_a_store_keyed_twice_by_an_older_version_exports_each_post_once(tmp_path):
    state = StateStore(tmp_path / "state.sqlite3").open()
    for site, title, seen in (("https://www.example.org", "old", "2024-01-01T00:00:00+00:00"),
                              ("http://example.org", "new", "2024-02-01T00:00:00+00:00")):
        with state.transaction():
            state.put_post(site, "id:7", {"post_id": 7, "site": site, "title": title},
                           "print", capture_key=None, pending_run=None, seen=seen)
    with state.transaction():
        state.put_post("http://example.org", "id:8", {"post_id": 8, "title": "only"},
                       "print", capture_key=None, pending_run=None, seen="2024-02-01")
    assert len(state.sites()) == 1
    assert [(r["post_id"], r["title"]) for r in state.iter_records()] == [(7, "new"),
                                                                          (8, "only")]
    state.close()


def test_an_immutable_store_is_refused_before_crawling(tmp_path, mirror):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "feed.json"
    crawl(SITE, mirror, state, None)
    feed.write_text(PREVIOUS)
    with immutable(state):
        result = crawl(SITE, mirror, state, feed, status=1)
    assert "is not a usable state store: attempt to write a readonly database" in result.stderr
    assert "give ARCHIVE_STATE another path" in result.stderr
    assert_refused(result, feed)


def test_a_store_in_a_read_only_folder_is_refused_before_crawling(tmp_path, mirror):
    folder, feed = tmp_path / "state", tmp_path / "feed.json"
    folder.mkdir()
    crawl(SITE, mirror, folder / "state.sqlite3", None)
    feed.write_text(PREVIOUS)
    with read_only(folder):
        result = crawl(SITE, mirror, folder / "state.sqlite3", feed, status=1)
    assert "cannot take the lock" in result.stderr or "not a usable state store" in result.stderr
    assert_refused(result, feed)


def test_another_applications_database_is_refused_and_left_alone(tmp_path, mirror):
    state, feed = tmp_path / "contacts.sqlite3", tmp_path / "feed.json"
    with sqlite3.connect(state) as db:
        db.execute("CREATE TABLE contacts (name TEXT, email TEXT)")
        db.execute("INSERT INTO contacts VALUES ('Ann', 'ann@example.org')")
    db.close()
    before = state.read_bytes()
    feed.write_text(PREVIOUS)
    result = crawl(SITE, mirror, state, feed, status=1)
    assert "is another application's SQLite database (tables: contacts)" in result.stderr
    assert_refused(result, feed)
    assert state.read_bytes() == before
    exported = scrapy("export", str(tmp_path / "all.json"), "-s", f"ARCHIVE_STATE={state}")
    assert exported.returncode == 1
    assert "another application's SQLite database" in exported.stderr


def test_scrapy_export_reads_a_store_on_read_only_media(tmp_path, mirror):
    folder = tmp_path / "media"
    folder.mkdir()
    crawl(SITE, mirror, folder / "state.sqlite3", None)
    assert not (folder / "state.sqlite3-wal").exists()  # a closed store: nothing to recover
    with read_only(folder):
        rows = export(tmp_path / "all.jsonl", folder / "state.sqlite3")
        assert sorted(p.name for p in folder.iterdir()) == [
            "state.sqlite3", "state.sqlite3.example.org.lock"]
    assert sorted(r["post_id"] for r in rows) == post_ids()
    assert read_rows(tmp_path / "all.jsonl") == rows


def test_a_killed_crawls_store_on_read_only_media(tmp_path, mirror):
    """A kill leaves the -wal file (transactions not yet in the store) and its -shm index:
    read-only, SQLite still reads both. Without the index it cannot, and the store must not be
    read as if the -wal file were not there: the export says what to do instead."""
    media = tmp_path / "media"
    media.mkdir()
    crawl(SITE, mirror, media / "state.sqlite3", None, kill_at="capture:3", status=-9)
    assert (media / "state.sqlite3-wal").stat().st_size > 0
    with read_only(media):
        rows = export(tmp_path / "all.jsonl", media / "state.sqlite3")
    assert rows and set(r["post_id"] for r in rows) <= set(post_ids())
    (media / "state.sqlite3-shm").unlink()
    with read_only(media):
        result = scrapy("export", str(tmp_path / "again.jsonl"), "-s",
                        f"ARCHIVE_STATE={media / 'state.sqlite3'}")
    assert result.returncode == 1
    assert "its -wal file holds transactions" in result.stderr
    assert "copy the store and its -wal file to a writable folder" in result.stderr
