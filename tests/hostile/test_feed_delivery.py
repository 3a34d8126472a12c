"""A feed that is not written whole is not delivered: the previous file stays, the posts stay
pending in the state store, the exit status is 1, and the next run delivers every post.

Each case makes its hostile filesystem for real (see ``tests/hostile/filesystems.py``) and runs
the real ``scrapy crawl archive`` / ``scrapy export`` commands.
"""

from __future__ import annotations

import json

import pytest

from tests.e2e.crawl import read_rows
from tests.hostile.filesystems import fill, read_only, tmpfs
from tests.hostile.site import SITE, post_ids, write_mirror
from tests.state.run import crawl, scrapy, stat

PREVIOUS = b"[previous feed]\n"
FAILED = "feedexport/failed_count/AtomicFileFeedStorage"


@pytest.fixture
def mirror(tmp_path):
    return write_mirror(tmp_path)


def assert_not_delivered(result, feed, mirror, state):
    """The failed run changed nothing a reader sees, and said so; the next run, with room,
    delivers every post (they stayed pending: none was marked delivered)."""
    assert feed.read_bytes() == PREVIOUS
    assert not list(feed.parent.glob(f".{feed.name}.partial-*"))
    assert "Task exception was never retrieved" not in result.stderr
    assert "exit status 1" in result.stderr
    retry = feed.parent.parent / "retry.jsonl"
    crawl(SITE, mirror, state, retry)
    assert sorted(r["post_id"] for r in read_rows(retry)) == post_ids()


def test_a_disk_that_fills_up_while_the_feed_is_written(tmp_path, mirror):
    state = tmp_path / "state.sqlite3"
    with tmpfs(tmp_path / "disk", "8k") as disk:  # one page for the previous feed, one free
        feed = disk / "posts.json"
        feed.write_bytes(PREVIOUS)
        result = crawl(SITE, mirror, state, feed, status=1)
        assert "cannot be written: [Errno 28] No space left on device" in result.stderr
        assert stat(result, FAILED) == 1
        assert "their posts stay pending in the state store" in result.stderr
        assert_not_delivered(result, feed, mirror, state)


def test_no_space_left_when_the_feed_is_closed(tmp_path, mirror):
    state = tmp_path / "state.sqlite3"
    with tmpfs(tmp_path / "disk", "8k") as disk:
        feed = disk / "posts.json"
        feed.write_bytes(PREVIOUS)
        fill(disk)
        # Two columns: the whole feed fits in the file's buffer, which is written on close.
        result = crawl(SITE, mirror, state, feed,
                       "-s", "FEED_EXPORT_FIELDS=post_id,url", status=1)
        assert "Error storing json feed (7 items)" in result.stderr
        assert "OSError: [Errno 28] No space left on device" in result.stderr
        assert stat(result, FAILED) == 1
        (disk / "filler").unlink()
        assert_not_delivered(result, feed, mirror, state)


def test_a_read_only_folder_stops_the_crawl_before_it_starts(tmp_path, mirror):
    state, folder = tmp_path / "state.sqlite3", tmp_path / "exports"
    folder.mkdir()
    feed = folder / "posts.json"
    feed.write_bytes(PREVIOUS)
    with read_only(folder):
        result = crawl(SITE, mirror, state, feed, status=1)
    assert "Not crawling: the json feed" in result.stderr
    assert "Read-only file system" in result.stderr or "Permission denied" in result.stderr
    assert "Crawled (" not in result.stderr
    assert_not_delivered(result, feed, mirror, state)


def test_a_folder_named_as_the_feed_stops_the_crawl_before_it_starts(tmp_path, mirror):
    (tmp_path / "posts.json").mkdir()
    result = crawl(SITE, mirror, tmp_path / "state.sqlite3",
                   tmp_path / "posts.json", status=1)
    assert "cannot be written: [Errno 21] a folder is in the way" in result.stderr
    assert "finish_reason': 'feed_unwritable'" in result.stderr
    assert "Crawled (" not in result.stderr
    assert list((tmp_path / "posts.json").iterdir()) == []


@pytest.mark.parametrize("queue", ["disk", "memory"])
def test_a_full_tmpdir_keeps_the_previous_feed(tmp_path, mirror, queue):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "out" / "posts.json"
    feed.parent.mkdir()
    feed.write_bytes(PREVIOUS)
    settings = ["-s", f"ARCHIVE_QUEUE_ON_DISK={queue == 'disk'}", "-s", "ARCHIVE_QUEUE_MEMORY=0"]
    with tmpfs(tmp_path / "tmp", "8k") as small:  # the spools need ~60 KB
        result = crawl(SITE, mirror, state, feed, *settings, env={"TMPDIR": str(small)},
                       status=1)
        assert not list(small.iterdir()), "a spool or a queue was left behind"
    assert f"cannot create the spool in {small}" in result.stderr
    assert "(TMPDIR): database or disk is full" in result.stderr
    # The first to find TMPDIR full stops the crawl, instead of failing every request or post:
    # the request queue (on disk by default), else the merge pipeline's spool.
    if queue == "disk":
        assert result.stderr.count(f"Requests cannot wait in {small}") == 1
        assert "(TMPDIR): [Errno 28] No space left on device; stopping" in result.stderr
        assert "'finish_reason': 'queue_failed'" in result.stderr
        assert "Traceback" not in result.stderr
    else:
        assert result.stderr.count("Posts cannot be merged") == 1
        assert "'finish_reason': 'spool_failed'" in result.stderr
    assert_not_delivered(result, feed, mirror, state)


def test_a_spool_that_fills_up_mid_crawl_stops_it(tmp_path, mirror):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "out" / "posts.jsonl"
    feed.parent.mkdir()
    feed.write_bytes(PREVIOUS)
    exporters = json.dumps({"jsonl": "tests.hostile.faults.SpoolFullAtThirdPost"})
    result = crawl(SITE, mirror, state, feed, "-s", f"FEED_EXPORTERS={exporters}",
                   status=1)
    assert "database or disk is full; stopping the crawl" in result.stderr
    assert "'finish_reason': 'feed_failed'" in result.stderr
    assert stat(result, FAILED) == 1
    assert_not_delivered(result, feed, mirror, state)


def test_without_a_state_store_a_failed_feed_still_exits_1(tmp_path, mirror):
    with tmpfs(tmp_path / "disk", "8k") as disk:
        feed = disk / "posts.json"
        feed.write_bytes(PREVIOUS)
        result = crawl(SITE, mirror, tmp_path / "unused", feed,
                       "-s", "ARCHIVE_STATE=", status=1)
        assert feed.read_bytes() == PREVIOUS
    assert "without a state store (ARCHIVE_STATE), run the crawl again" in result.stderr
    assert "Crawl failed (finished, 1 feeds not written, 0 errors logged)" in result.stderr


@pytest.fixture
def store(tmp_path, mirror):
    state = tmp_path / "state.sqlite3"
    crawl(SITE, mirror, state, None)
    return state


def test_scrapy_export_on_a_full_disk(tmp_path, store):
    with tmpfs(tmp_path / "disk", "8k") as disk:
        output = disk / "all.jsonl"
        output.write_bytes(PREVIOUS)
        result = scrapy("export", str(output), "-s", f"ARCHIVE_STATE={store}")
        assert result.returncode == 1, result.stderr
        assert output.read_bytes() == PREVIOUS
        assert sorted(p.name for p in disk.iterdir()) == ["all.jsonl"]
    assert f"scrapy export: error: cannot write {output}: [Errno 28]" in result.stderr
    assert "the previous file is kept" in result.stderr
    assert "Traceback" not in result.stderr


def test_scrapy_export_to_a_folder(tmp_path, store):
    (tmp_path / "all.csv").mkdir()
    result = scrapy("export", str(tmp_path / "all.csv"), "-s", f"ARCHIVE_STATE={store}")
    assert result.returncode == 1
    assert "a folder is in the way" in result.stderr and "Traceback" not in result.stderr
