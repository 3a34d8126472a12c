"""The two-capture archive of ``tests/archives`` served by a real pywb: a first run on the 2017
capture, a recrawl of it, a run that sees the 2018 captures, then ``scrapy export``.

What was refetched is read from pywb's own request log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.state.records import CONTENT_FIELDS
from tests.archives.history import ROOT, History, build_history, write_warcs
from tests.archives.pywb import pywb_tool, run_pywb
from tests.e2e.crawl import read_rows
from tests.state.compare import assert_once_each, assert_same_posts, ids
from tests.state.run import crawl, export

NO_LIMITS = ("-s", "ARCHIVE_INDEX_RATE=0", "-s", "ARCHIVE_PAGE_RATE=0")
_FETCH = re.compile(r'"GET /coll/\d+id_/(\S+) HTTP')


class Pywb:
    def __init__(self, prefix: str, log: Path) -> None:
        self.prefix, self.log = prefix, log
        self.mark = 0

    def fetched_since_mark(self) -> list[str]:
        """Original URLs of the captures fetched since the last call."""
        lines = self.log.read_text(errors="replace").splitlines()
        new, self.mark = lines[self.mark:], len(lines)
        return [m.group(1) for line in new if (m := _FETCH.search(line))]


@pytest.fixture(scope="module")
def history() -> History:
    return build_history()


@pytest.fixture(scope="module")
def pywb(history: History, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pywb]:
    if pywb_tool("wayback") is None:
        pytest.skip("pywb is not installed (pip install -e '.[test]')")
    warcs = write_warcs(history, tmp_path_factory.mktemp("warcs"))
    workdir = tmp_path_factory.mktemp("pywb")
    with run_pywb(warcs, workdir) as prefix:
        yield Pywb(prefix, workdir / "wayback.log")


def content(row: dict) -> tuple:
    return tuple(str(row[name]) for name in CONTENT_FIELDS)


def test_two_capture_archive_through_pywb(tmp_path: Path, history: History, pywb: Pywb) -> None:
    state = tmp_path / "state.sqlite3"

    def run(name: str, *args: str, state_path: Path = state) -> list[dict]:
        crawl(ROOT, pywb.prefix, state_path, tmp_path / name, *NO_LIMITS, *args)
        return read_rows(tmp_path / name)

    first = {row["post_id"]: row for row in run("run1.jsonl", "-a", "to=2017")}
    assert_once_each(list(first.values()), ids(history.expected_v1))
    post_urls = {row["url"] for row in history.expected_v1}
    assert post_urls <= set(pywb.fetched_since_mark())

    # The same capture again: index and listings only, no post capture, nothing exported.
    assert run("run2.jsonl", "-a", "to=2017") == []
    fetched = pywb.fetched_since_mark()
    assert fetched, "listings are always read"
    assert not post_urls & set(fetched), sorted(post_urls & set(fetched))

    # The 2018 captures: exactly the new posts and the posts whose content the crawler reads
    # differently. (With the page parsers right, that is the edited and the renamed posts.)
    latest = run("latest.jsonl", "-s", "ARCHIVE_STATE=", state_path=tmp_path / "unused")
    third = {row["post_id"]: row for row in run("run3.jsonl")}
    now = {row["post_id"]: row for row in latest}
    changed = {i for i, row in now.items() if i not in first or content(row) != content(first[i])}
    assert set(third) == changed
    assert set(history.new) | set(history.edited) | {history.renamed} <= set(third)
    assert not set(history.deleted) & set(third)

    # The whole current dataset: version 2, plus the deleted posts as last captured in 2017.
    exported = export(tmp_path / "all.jsonl", state)
    assert_once_each(exported, ids(history.expected_v2))
    assert_same_posts(exported, latest)
