"""``scrapy crawl archive`` over a dead site's archive: the real history, then its afterlife
(soft-404s, a seizure banner, empty answers, per-URL challenges, a parking page; see
:mod:`tests.archives.afterlife`), from the WARC files and through a real pywb, with no ``to=``.

Every post must come out exactly once with the fields of its last real capture, as if the
afterlife had never been captured.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.archives.afterlife import ERAS, LAST_REAL
from tests.archives.history import History
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import REPO, read_rows, scrapy_crawl

SETTINGS = {
    "ARCHIVE_STATE": "",
    "ARCHIVE_PROGRESS_INTERVAL": "0",
    "ARCHIVE_INDEX_RATE": "0",
    "ARCHIVE_PAGE_RATE": "0",
}


@pytest.fixture(params=["wayback", "warc"])
def dead_archive(request: pytest.FixtureRequest) -> tuple[str, str]:
    if request.param == "wayback":
        return "wayback", request.getfixturevalue("dead_pywb_prefix")
    return "warc", str(request.getfixturevalue("dead_warc_dir"))


def test_every_post_once_from_its_last_real_capture(
    dead_archive: tuple[str, str], history: History, tmp_path: Path
) -> None:
    source, where = dead_archive
    out = tmp_path / "posts.jsonl"
    result = scrapy_crawl("-a", "site=https://www.example.org", "-a", f"archive={where}",
                          output=out, settings=SETTINGS)
    rows = read_rows(out)
    assert_same_dataset(rows, history.expected_v2)
    for row in rows:
        deleted = row["post_id"] in history.deleted
        assert row["captured_at"].startswith("2017-06-01" if deleted else LAST_REAL), row["url"]
    log = result.stderr
    assert f"Site life: last real capture {LAST_REAL}" in log
    for kind in ("seized", "parked", "challenge"):
        assert f"({kind})" in log or "(catch-all)" in log, kind
    assert "THIS WEBSITE HAS BEEN SEIZED" in log
    assert "'archive/afterlife/" in log and "found no post" not in log


def test_the_afterlife_alone_exports_nothing_and_fails_saying_why(
    dead_warc_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "posts.jsonl"
    since = f"{ERAS['seized']:%Y%m%d}"
    command = [sys.executable, "-m", "scrapy", "crawl", "archive", "-a",
               "site=https://www.example.org", "-a", f"archive={dead_warc_dir}",
               "-a", f"from={since}", "-O", str(out)]
    for name, value in SETTINGS.items():
        command += ["-s", f"{name}={value}"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "found no post" in result.stderr and "WARNING" in result.stderr
    assert read_rows(out) == []
