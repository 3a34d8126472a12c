"""``kill -9`` at several points of a crawl, then a re-run: nothing lost, nothing twice.

The kill points are counted, not timed (see ``tests/state/killer.py``), so every run of this
test kills the crawl at the same place.
"""

from __future__ import annotations

import sqlite3

import pytest

from tests.e2e.crawl import read_rows
from tests.state.archive import two_capture_archive
from tests.state.compare import assert_once_each, assert_same_posts, ids
from tests.state.run import crawl, export

KILL_POINTS = [
    "item:1",        # the first post just passed to the feed
    "committed:6",   # a post committed, its capture not yet recorded
    "capture:12",    # half-way, between two captures
    "feed:1",        # everything crawled, the feed complete but not yet renamed into place
]


@pytest.fixture(scope="module")
def archive():
    return two_capture_archive(n_posts=16, seed=11)


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory):
    """What one uninterrupted crawl, with no state, exports."""
    folder = tmp_path_factory.mktemp("reference")
    mirror = archive.write(folder / "mirror", version=1)
    crawl(archive.site.root, mirror, folder / "unused", folder / "posts.jsonl",
          "-s", "ARCHIVE_STATE=")
    return read_rows(folder / "posts.jsonl")


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_kill_then_rerun(tmp_path, archive, reference, kill_at):
    site, state = archive.site, tmp_path / "state.sqlite3"
    mirror = archive.write(tmp_path / "mirror", version=1)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("the previous run's feed\n")

    killed = crawl(site.root, mirror, state, feed, status=-9, kill_at=kill_at)
    assert feed.read_text() == "the previous run's feed\n", "a killed run tore the feed"
    assert list(tmp_path.glob(".feed.jsonl.partial-*")), killed.stderr[-2000:]

    with sqlite3.connect(state) as db:  # the transactions the kill cut short left no trace
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rerun = crawl(site.root, mirror, state, feed)
    assert "Taking over the lock" in rerun.stderr  # the killed run's lock does not block
    # The dataset: every post once, as an uninterrupted crawl has it.
    assert_same_posts(export(tmp_path / "all.jsonl", state), reference)
    # The feeds too: the killed run's feed was never stored, so the re-run delivers every
    # post, including those the killed run had already committed.
    assert_once_each(read_rows(feed), ids(reference))


def test_jobdir_pause_and_resume(tmp_path, archive, reference):
    site, state, jobdir = archive.site, tmp_path / "state.sqlite3", tmp_path / "job"
    mirror = archive.write(tmp_path / "mirror", version=1)
    paused = crawl(site.root, mirror, state, tmp_path / "part1.jsonl", "-s", f"JOBDIR={jobdir}",
                   "-s", "CLOSESPIDER_ITEMCOUNT=3", "-s", "CONCURRENT_REQUESTS=1", status=1)
    assert "closespider_itemcount" in paused.stderr
    crawl(site.root, mirror, state, tmp_path / "part2.jsonl", "-s", f"JOBDIR={jobdir}")
    parts = read_rows(tmp_path / "part1.jsonl") + read_rows(tmp_path / "part2.jsonl")
    assert_once_each(parts, ids(reference))
    assert_same_posts(export(tmp_path / "all.jsonl", state), reference)
