"""What a scheduler relies on: the lock, exit statuses, settings from the environment, logs."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import pytest

from crawler.state.lock import StateLock, lock_path
from tests.e2e.crawl import REPO, read_rows
from tests.state.archive import two_capture_archive
from tests.state.run import crawl, scrapy


@pytest.fixture(scope="module")
def archive():
    return two_capture_archive(n_posts=8, seed=2, n_new=1, n_changed=1)


def test_a_second_crawl_stops_at_once_while_one_holds_the_lock(tmp_path, archive):
    state, feed = tmp_path / "state.sqlite3", tmp_path / "feed.json"
    mirror = archive.write(tmp_path / "mirror", version=1)
    feed.write_text("[previous]")
    running = StateLock(lock_path(state, archive.site.root))
    running.acquire()  # as a crawl in progress holds it
    try:
        started = time.monotonic()
        refused = crawl(archive.site.root, mirror, state, feed, status=75)
        assert time.monotonic() - started < 30
    finally:
        running.release()
    assert "Not crawling https://www.example.org: another crawl holds" in refused.stderr
    assert f"PID {os.getpid()}" in refused.stderr
    assert "Crawled (" not in refused.stderr
    assert feed.read_text() == "[previous]"
    assert not list(tmp_path.glob(".feed.json.partial-*"))
    crawl(archive.site.root, mirror, state, feed)  # once the lock is free, it runs
    assert read_rows(feed)


def test_another_site_on_the_same_store_is_not_blocked(tmp_path, archive):
    state = tmp_path / "state.sqlite3"
    mirror = archive.write(tmp_path / "mirror", version=1)
    other = StateLock(lock_path(state, "https://other.example.net"))
    other.acquire()
    try:
        crawl(archive.site.root, mirror, state, tmp_path / "feed.json")
    finally:
        other.release()


def test_bad_arguments_exit_non_zero(tmp_path, archive):
    result = crawl(archive.site.root, tmp_path, tmp_path / "s.sqlite3", None,
                   "-a", "from=yesterday", status=None)
    assert result.returncode != 0
    assert "expected a date or timestamp" in result.stderr


def test_a_crawl_that_logged_errors_exits_1(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = crawl(f"http://127.0.0.1:{port}", "live", tmp_path / "s.sqlite3", None,
                   "-s", "RETRY_TIMES=0", status=1)
    assert re.search(r"Crawl failed \(finished, \d+ errors logged\): exit status 1", result.stderr)


def test_settings_from_the_environment_and_logs_to_a_file(tmp_path, archive):
    mirror = archive.write(tmp_path / "mirror", version=1)
    state, log = tmp_path / "env-state.sqlite3", tmp_path / "logs" / "crawl.log"
    log.parent.mkdir()
    env = {"ARCHIVE_SITE": archive.site.root, "ARCHIVE": str(mirror),
           "ARCHIVE_STATE": str(state), "ARCHIVE_PROGRESS_INTERVAL": "0"}
    result = scrapy("crawl", "archive", "-O", str(tmp_path / "feed.jsonl"), "--logfile", str(log),
                    env=env)
    assert result.returncode == 0, log.read_text()[-3000:]
    assert state.exists()
    assert len(read_rows(tmp_path / "feed.jsonl")) == len(archive.expected(1))
    assert "Spider closed (finished)" in log.read_text()
    # the command line still wins over the environment
    off = scrapy("crawl", "archive", "-s", "ARCHIVE_STATE=", "-O", str(tmp_path / "f2.jsonl"),
                 env=env)
    assert off.returncode == 0 and "State store" not in off.stderr


def test_an_unusable_store_stops_the_crawl_with_a_message(tmp_path, archive):
    mirror = archive.write(tmp_path / "mirror", version=1)
    (tmp_path / "feed.json").write_text("[previous]")
    result = crawl(archive.site.root, mirror, tmp_path, tmp_path / "feed.json", status=1)
    assert "is not a usable state store" in result.stderr
    assert (tmp_path / "feed.json").read_text() == "[previous]"


def test_the_scheduled_run_wrapper(tmp_path, archive):
    """deploy/run-crawl.sh as cron and systemd run it: settings from the environment."""
    mirror = archive.write(tmp_path / "mirror", version=1)
    env = {**os.environ, "ARCHIVE_SITE": archive.site.root, "ARCHIVE": str(mirror),
           "ARCHIVE_STATE": str(tmp_path / "state.sqlite3"), "ARCHIVE_PROGRESS_INTERVAL": "0",
           "CRAWL_PROJECT_DIR": str(REPO), "CRAWL_PYTHON": sys.executable,
           "CRAWL_LOG_DIR": str(tmp_path / "logs"), "CRAWL_EXPORT_DIR": str(tmp_path / "out")}
    wrapper = [str(REPO / "deploy" / "run-crawl.sh")]
    done = subprocess.run(wrapper, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (new,) = (tmp_path / "out" / "new").glob("posts-*.jsonl")
    assert len(read_rows(new)) == len(read_rows(tmp_path / "out" / "posts.jsonl")) > 0
    (comments,) = (tmp_path / "out" / "new").glob("comments-*.jsonl")
    by_id = {row["comment_id"]: row for row in read_rows(tmp_path / "out" / "comments.jsonl")}
    assert {row["comment_id"]: row for row in read_rows(comments)} == by_id != {}
    (log,) = (tmp_path / "logs").glob("crawl-*.log")
    assert "Spider closed (finished)" in log.read_text()
    assert "Exported" in log.read_text()

    env["ARCHIVE"] = str(tmp_path / "no-such-mirror")
    failed = subprocess.run(wrapper, env=env, capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2  # a usage error, found before the crawl starts
    assert "archive crawl failed with status 2" in failed.stderr
    assert "error: archive folder" in failed.stderr and "does not exist" in failed.stderr
