"""kill -9 mid-crawl loses nothing: a worker's leased requests go back to the queue; a killed
coordinator's run is taken over by the next process started, which writes the whole dataset
(its feed, and the state store that ``scrapy export`` reads)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from redis import Redis

from tests.distributed.workers import Run, leases_of, stream_length, wait_for
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import REPO, read_rows
from tests.sitegen import build_site

ROOT = "https://www.example.org"
LEASE = "2"
"""ARCHIVE_REDIS_LEASE_TIMEOUT: seconds of silence before a worker counts as dead."""


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", root=ROOT, n_posts=300, seed=21)


@pytest.fixture(scope="module")
def mirror(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mirror")
    site.write_mirror(folder, layout="wget")
    return folder


def new_run(tmp_path, redis_url, mirror, **settings: str) -> Run:
    return Run(tmp_path, ["-a", f"site={ROOT}", "-a", f"archive={mirror}"],
               {"ARCHIVE_REDIS_URL": redis_url, "ARCHIVE_REDIS_LEASE_TIMEOUT": LEASE,
                **settings})


def test_a_killed_worker_loses_nothing(tmp_path, redis_url, site, mirror):
    run = new_run(tmp_path, redis_url, mirror)
    writer = run.start("writer")
    wait_for(lambda: writer.is_writer)
    victim = run.start("victim")
    wait_for(lambda: leases_of(redis_url, victim.process.pid) > 0)
    victim.kill()
    run.wait()
    assert_same_dataset(read_rows(writer.output), site.expected("mirror"))
    assert writer.stat("archive/distributed/requeued") >= 1
    assert writer.stat("archive/distributed/workers_lost") == 1
    assert writer.stat("archive/distributed/workers") == 2
    late = run.start("late")  # a worker started just after the end does not crawl it again
    assert late.wait(timeout=60) == 0
    assert "finished moments ago" in late.text() and late.stat("response_received_count") == 0
    assert not late.output.exists()


def test_a_killed_coordinator_is_taken_over(tmp_path, redis_url, site, mirror):
    state = tmp_path / "state.sqlite3"
    run = new_run(tmp_path, redis_url, mirror, ARCHIVE_STATE=str(state))
    first = run.start("first")
    wait_for(lambda: first.is_writer)
    run.start("worker")
    wait_for(lambda: stream_length(redis_url) >= 100)
    first.kill()
    assert not first.output.exists(), "a killed writer's feed must not be delivered"
    server = Redis.from_url(redis_url)
    wait_for(lambda: not any(server.scan_iter("archive-crawler:*:writer")), timeout=10)
    successor = run.start("successor")
    run.wait()
    assert successor.is_writer
    rows = read_rows(successor.output)
    assert_same_dataset(rows, site.expected("mirror"))
    exported = tmp_path / "export.jsonl"
    subprocess.run([sys.executable, "-m", "scrapy", "export", str(exported), "--site", ROOT,
                    "-s", f"ARCHIVE_STATE={state}"], cwd=REPO, check=True, capture_output=True)
    assert_same_dataset(read_rows(exported), site.expected("mirror"))
