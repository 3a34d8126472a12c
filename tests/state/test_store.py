"""The SQLite state store on its own: schema, posts, captures, cursors, runs."""

import sqlite3
from pathlib import Path

import pytest

from crawler.state.schema import SCHEMA_VERSION
from crawler.state.store import StateError, StateStore, resolve_state_path

SITE = "https://www.example.org"


@pytest.fixture
def store(tmp_path):
    store = StateStore(tmp_path / "state" / "s.sqlite3").open()
    yield store
    store.close()


def put(store, key="id:1", run=1, capture="c1", **record):
    record = {"post_id": 1, "url": f"{SITE}/a/", "title": "A", **record}
    with store.transaction():
        store.put_post(SITE, key, record, "fp", capture_key=capture, pending_run=run, seen="t")


def test_open_creates_the_folder_the_file_and_the_schema_version(tmp_path):
    path = tmp_path / "deep" / "s.sqlite3"
    StateStore(path).open().close()
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    StateStore(path).open().close()
    sqlite3.connect(path, isolation_level=None).execute("UPDATE schema_version SET version = 99")
    with pytest.raises(StateError, match="schema version 99"):
        StateStore(path).open()


def test_readonly_open_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(StateError, match="no state store"):
        StateStore(tmp_path / "missing.sqlite3", readonly=True).open()
    assert not (tmp_path / "missing.sqlite3").exists()


def test_not_a_database_is_a_state_error(tmp_path):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StateError, match="not a usable state store"):
        StateStore(path).open()


def test_a_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.put_post(SITE, "id:1", {"post_id": 1}, "fp", capture_key=None, pending_run=1,
                       seen="t")
        raise RuntimeError("killed half-way")
    assert store.get_post(SITE, "id:1") is None


def test_put_replaces_the_record_and_keeps_first_seen(store):
    put(store, title="A")
    with store.transaction():
        store.put_post(SITE, "id:1", {"post_id": 1, "title": "B"}, "fp2", capture_key="c2",
                       pending_run=None, seen="later")
    stored = store.get_post(SITE, "id:1")
    assert (stored.record["title"], stored.fingerprint, stored.pending_run) == ("B", "fp2", None)
    first, last = store.db.execute("SELECT first_seen, last_seen FROM posts").fetchone()
    assert (first, last) == ("t", "later")


def test_urls_are_kept_once_each(store):
    put(store)
    with store.transaction():
        for url in (f"{SITE}/a/", f"{SITE}/?p=1", f"{SITE}/a/"):
            store.add_url(SITE, "id:1", url, seen="t")
    assert store.db.execute("SELECT count(*) FROM post_urls").fetchone() == (2,)


def test_a_capture_is_known_with_its_links_once_its_post_is_delivered(store):
    assert store.known_links(SITE, "c1") is None
    put(store, run=1, capture="c1")
    store.record_capture(SITE, "c1", f"{SITE}/a/", [f"{SITE}/b/"], run=1)
    assert store.known_links(SITE, "c1") is None  # post 1 still pending: fetch it again
    store.finish_run(1, "finished", delivered=True)
    assert store.known_links(SITE, "c1") == [f"{SITE}/b/"]
    assert store.known_links("https://other.example", "c1") is None


def test_a_run_whose_feeds_failed_leaves_its_posts_pending(store):
    put(store, run=1)
    store.finish_run(1, "finished", delivered=False)
    assert store.get_post(SITE, "id:1").pending_run == 1


def test_cursors_are_per_site_and_source_and_can_be_forgotten(store):
    store.set_cursor(SITE, "wayback", "cdx", "resume-1")
    store.set_cursor(SITE, "wayback", "cdx", "resume-2")
    assert store.get_cursor(SITE, "wayback", "cdx") == "resume-2"
    assert store.get_cursor(SITE, "warc", "cdx") is None
    store.set_cursor(SITE, "wayback", "cdx", None)
    assert store.get_cursor(SITE, "wayback", "cdx") is None


def test_records_come_back_by_site_then_post_id_without_ids_last(store):
    for key, post_id in (("url:x", None), ("id:20", 20), ("id:3", 3)):
        with store.transaction():
            store.put_post(SITE, key, {"post_id": post_id}, "fp", capture_key=None,
                           pending_run=None, seen="t")
    assert [r["post_id"] for r in store.iter_records()] == [3, 20, None]
    assert store.sites() == [SITE]
    assert list(store.iter_records("https://other.example")) == []


def test_relative_paths_start_at_the_project_folder(tmp_path, monkeypatch):
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = crawler.settings\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert resolve_state_path(".state/s.sqlite3") == tmp_path / ".state" / "s.sqlite3"
    assert resolve_state_path("/abs/s.sqlite3") == Path("/abs/s.sqlite3")


def test_a_folder_is_not_a_store(tmp_path):
    with pytest.raises(StateError, match="not a usable state store"):
        StateStore(tmp_path).open()
