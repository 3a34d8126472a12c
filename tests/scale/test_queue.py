"""Requests wait on disk and seen fingerprints take 60 bits (``crawler.scheduler``, issue 14)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from scrapy import Request

from crawler.fingerprint import CanonicalUrlFingerprinter
from crawler.scheduler import CompactDupeFilter, remove_abandoned_queues
from tests.e2e.crawl import read_rows, scrapy_crawl

ROOT = "https://www.deepdotweb.com"


def stats(log: str) -> dict[str, int]:
    return {name: int(value) for name, value in re.findall(r"'(scheduler/[\w/]+)': (\d+)", log)}


def test_requests_past_the_memory_room_wait_on_disk_and_leave_no_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    result = scrapy_crawl(output=tmp_path / "posts.jsonl",
                          settings={"ARCHIVE_QUEUE_MEMORY": "1"})
    counts = stats(result.stderr)
    assert counts["scheduler/enqueued"] > 50
    assert counts["scheduler/enqueued/disk"] > 10
    assert counts["scheduler/dequeued/disk"] == counts["scheduler/enqueued/disk"]
    assert counts["scheduler/dequeued"] == counts["scheduler/enqueued"]
    assert "scheduler/unserializable" not in counts
    assert len(read_rows(tmp_path / "posts.jsonl")) == 23  # the sample archive, every post
    assert list(scratch.iterdir()) == []


@pytest.mark.parametrize("settings", [{}, {"ARCHIVE_QUEUE_ON_DISK": "False"}])
def test_a_small_frontier_stays_in_memory(tmp_path: Path, settings: dict[str, str]) -> None:
    result = scrapy_crawl(output=tmp_path / "posts.jsonl", settings=settings)
    counts = stats(result.stderr)
    assert counts["scheduler/enqueued/memory"] == counts["scheduler/enqueued"] > 50
    assert len(read_rows(tmp_path / "posts.jsonl")) == 23


def test_the_dupefilter_folds_spellings_and_resumes_from_jobdir(tmp_path: Path) -> None:
    fingerprinter = CanonicalUrlFingerprinter(ROOT)
    first = CompactDupeFilter(str(tmp_path), fingerprinter=fingerprinter)
    assert not first.request_seen(Request(f"{ROOT}/2019/05/a-post/"))
    assert first.request_seen(Request("http://deepdotweb.com/2019/05/a-post/#comments"))
    assert not first.request_seen(Request(f"{ROOT}/2019/05/another-post/"))
    first.close("shutdown")
    resumed = CompactDupeFilter(str(tmp_path), fingerprinter=fingerprinter)
    assert len(resumed) == 2
    assert resumed.request_seen(Request(f"{ROOT}/2019/05/another-post/"))
    assert not resumed.request_seen(Request(f"{ROOT}/2019/05/a-third-post/"))
    resumed.close("finished")


def test_a_killed_crawls_queue_folder_is_removed_by_the_next(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    for name, owner in (("dead", str(gone.pid)), ("live", str(os.getpid())), ("other", None)):
        folder = tmp_path / f"archive-queue-{name}"
        folder.mkdir()
        (folder / "queue").write_bytes(b"x" * 100)
        if owner is not None:
            (folder / "owner.pid").write_text(owner, encoding="ascii")
    remove_abandoned_queues()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive-queue-live",
                                                          "archive-queue-other"]
