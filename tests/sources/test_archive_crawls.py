"""``scrapy crawl archive`` over a two-capture history, through pywb and straight from the WARCs.

Both sources must export the same dataset for each capture window: version 1 alone; version 2
with the deleted posts from their last good (2017) capture; version 2 alone from 2018 on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.archives.history import History
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import read_rows, scrapy_crawl

# Each run is a first run (no state store), with no progress lines and, for the local pywb, no
# rate limits: the limiter has tests of its own.
SETTINGS = {
    "ARCHIVE_STATE": "",
    "ARCHIVE_PROGRESS_INTERVAL": "0",
    "ARCHIVE_INDEX_RATE": "0",
    "ARCHIVE_PAGE_RATE": "0",
}
WINDOWS = {
    # name: (spider arguments, expected dataset, day every non-deleted post was captured)
    "first capture": (["-a", "to=2017"], "expected_v1", "2017-06-01"),
    "up to the second": (["-a", "from=2017", "-a", "to=20180601"], "expected_v2", "2018-06-01"),
    "up to the latest": ([], "expected_v2", "2018-06-15"),
    "from the second on": (["-a", "from=2018"], "only_v2", "2018-06-15"),
}


@pytest.fixture(params=["wayback", "warc"])
def archive(request: pytest.FixtureRequest) -> tuple[str, str]:
    """``(source name, -a archive= value)``: real pywb's replay prefix, or the WARC folder."""
    if request.param == "wayback":
        return "wayback", request.getfixturevalue("pywb_prefix")
    return "warc", str(request.getfixturevalue("warc_dir"))


@pytest.mark.parametrize("window", list(WINDOWS))
def test_each_window_gives_the_dataset_of_its_captures(
    archive: tuple[str, str], window: str, history: History, tmp_path: Path
) -> None:
    source, where = archive
    args, expected_name, day = WINDOWS[window]
    out = tmp_path / "posts.jsonl"
    scrapy_crawl(
        "-a",
        "site=https://www.example.org",
        "-a",
        f"archive={where}",
        *args,
        output=out,
        settings=SETTINGS,
    )
    rows = read_rows(out)
    assert_same_dataset(rows, getattr(history, expected_name))
    for row in rows:
        assert row["source"] == source
        deleted = row["post_id"] in history.deleted and expected_name == "expected_v2"
        assert row["captured_at"].startswith("2017-06-01" if deleted else day), row["url"]
        assert row["archive_url"], row["url"]
        if source == "wayback":
            assert (
                row["archive_url"].startswith(where)
                and "id_/https://www.example.org/" in row["archive_url"]
            )
        else:
            assert row["archive_url"].startswith("file://") and "#offset=" in row["archive_url"]


def test_edited_renamed_and_new_posts_in_version_two(
    history: History, warc_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "posts.jsonl"
    scrapy_crawl(
        "-a",
        "site=https://www.example.org",
        "-a",
        f"archive={warc_dir}",
        output=out,
        settings=SETTINGS,
    )
    rows = {row["post_id"]: row for row in read_rows(out)}
    before = {row["post_id"]: row for row in history.expected_v1}
    for post_id in history.edited:
        assert rows[post_id]["modified"] > before[post_id]["modified"]
        assert rows[post_id]["title"] != before[post_id]["title"]
    assert rows[history.renamed]["url"] != before[history.renamed]["url"]
    assert set(history.new) <= set(rows) and not set(history.new) & set(before)
