"""Files the crawler creates beside the user's (the feed's temporary file, the lock file,
``datapackage.json``) never follow a link someone planted there to another file."""

from __future__ import annotations

import os
import threading

import pytest

from crawler import feedstorage
from crawler.state.lock import StateLock, lock_path
from tests.hostile.site import SITE, write_mirror
from tests.state.run import crawl, export

VICTIM = b"a file the user can write, and wants to keep\n"


@pytest.fixture
def victim(tmp_path):
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM)
    return path


def test_the_temporary_name_is_not_predictable(tmp_path):
    names = {feedstorage.create_partial(tmp_path / "posts.json")[1].name for _ in range(20)}
    assert len(names) == 20
    assert all(name.startswith(".posts.json.partial-") for name in names)
    assert not any(name.endswith(f"-{os.getpid()}") for name in names)


def test_a_link_planted_at_the_temporary_name_is_not_followed(tmp_path, victim, monkeypatch):
    target = tmp_path / "posts.json"
    planted = tmp_path / ".posts.json.partial-guessed"
    planted.symlink_to(victim)
    draws = iter(["guessed", "another"])
    monkeypatch.setattr(feedstorage.secrets, "token_hex", lambda n: next(draws))
    file, partial = feedstorage.create_partial(target)
    assert partial.name == ".posts.json.partial-another"
    file.write(b"[]")
    feedstorage.replace_atomically(file, partial, target)
    assert victim.read_bytes() == VICTIM
    assert planted.is_symlink()


def test_a_crawl_replaces_a_link_at_the_feeds_name_and_not_what_it_points_to(
        tmp_path, victim):
    mirror = write_mirror(tmp_path)
    feed = tmp_path / "posts.json"
    feed.symlink_to(victim)
    crawl(SITE, mirror, tmp_path / "state.sqlite3", feed)
    assert victim.read_bytes() == VICTIM
    assert not feed.is_symlink() and feed.read_text().startswith("[")


def test_a_link_planted_as_the_lock_file_is_refused(tmp_path, victim):
    mirror = write_mirror(tmp_path)
    state, feed = tmp_path / "state.sqlite3", tmp_path / "feed.json"
    lock_path(state, SITE).symlink_to(victim)
    feed.write_text("[previous]")
    result = crawl(SITE, mirror, state, feed, status=1)
    assert "the lock file is a symbolic link: refusing to follow it" in result.stderr
    assert "Crawled (" not in result.stderr
    assert victim.read_bytes() == VICTIM
    assert feed.read_text() == "[previous]"


def test_a_hard_link_planted_as_the_lock_file_is_refused(tmp_path, victim):
    lock = tmp_path / "s.sqlite3.example.org.lock"
    os.link(victim, lock)
    with pytest.raises(OSError, match="not a plain file of its own"):
        StateLock(lock).acquire()
    assert victim.read_bytes() == VICTIM


def test_a_fifo_planted_as_the_lock_file_is_refused_at_once(tmp_path):
    lock = tmp_path / "s.sqlite3.example.org.lock"
    os.mkfifo(lock)
    outcome: list[BaseException] = []

    def acquire():
        try:
            StateLock(lock).acquire()
        except OSError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=acquire, daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "opening the lock blocked on a FIFO"
    assert outcome and "not a plain file of its own" in str(outcome[0])


def test_export_replaces_links_at_its_names_and_not_what_they_point_to(
        tmp_path, victim):
    mirror = write_mirror(tmp_path)
    state = tmp_path / "state.sqlite3"
    crawl(SITE, mirror, state, None)
    out = tmp_path / "out"
    out.mkdir()
    (out / "posts.csv").symlink_to(victim)
    (out / "datapackage.json").symlink_to(victim)
    assert export(out / "posts.csv", state)
    assert victim.read_bytes() == VICTIM
    assert not (out / "posts.csv").is_symlink() and not (out / "datapackage.json").is_symlink()
