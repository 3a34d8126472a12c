"""The rate limiter against a misbehaving archive, judged by the archive's own request log.

Budgets and backoffs are made small (the real ones are minutes and hours), but the rules are the
real ones: every index query and page fetch waits for its budget, a 429 pauses everything for
``Retry-After`` or at least ``ARCHIVE_BACKOFF_429``, a 503 for ``ARCHIVE_BACKOFF_503``, a refused
connection from a public archive that answered before for ``ARCHIVE_BACKOFF_BLOCKED``; retries
never come faster than the budget.
"""

from __future__ import annotations

import re
import time

import pytest

from crawler import settings as defaults
from tests.archives.fakewayback import FakeWayback, Script, Trouble, fake_wayback
from tests.archives.resolver import SETTING as REMOTE_NAMES
from tests.e2e.crawl import read_rows, scrapy_crawl
from tests.sitegen import build_site

INDEX_INTERVAL, PAGE_INTERVAL = 0.5, 0.1
BACKOFF_429, BACKOFF_503, BACKOFF_BLOCKED = 1.0, 0.5, 2.0
SLACK = 0.05  # the limiter spaces its sends; arrivals at the server jitter a little
SETTINGS = {
    "ARCHIVE_INDEX_RATE": str(60 / INDEX_INTERVAL),
    "ARCHIVE_PAGE_RATE": str(60 / PAGE_INTERVAL),
    "ARCHIVE_BACKOFF_429": str(BACKOFF_429),
    "ARCHIVE_BACKOFF_503": str(BACKOFF_503),
    "ARCHIVE_BACKOFF_BLOCKED": str(BACKOFF_BLOCKED),
    "ARCHIVE_RETRY_TIMES": "4",
    "ARCHIVE_STATE": "",
    "ARCHIVE_PROGRESS_INTERVAL": "0",
    # The archive plays the Internet Archive: a public host (its refusals are an IP block), not
    # the user's own server on 127.0.0.1 (whose refusals mean it is not running).
    **REMOTE_NAMES,
}


def test_defaults_are_safe_for_the_internet_archive() -> None:
    assert defaults.ARCHIVE_INDEX_RATE <= 24  # IA: ~30/min for CDX and timemaps together
    assert defaults.ARCHIVE_PAGE_RATE / 60 <= 8  # IA: ~8 page fetches/s
    assert defaults.ARCHIVE_BACKOFF_429 == 60
    assert defaults.ARCHIVE_BACKOFF_BLOCKED >= 3600


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[FakeWayback, list[dict], str, float]:
    site = build_site(theme="sahifa", n_posts=3, permalinks="postname")
    posts = {p["url"]: p for p in site.posts}
    pages = {
        url: body for url, body in site.pages.items() if url in posts or url == site.root + "/"
    }
    script = Script(
        pages=pages,
        cdx_page_size=2,  # several index pages: resumeKey paging
        index_trouble=[Trouble(429), Trouble(429, "2"), Trouble(503)],
        page_trouble={2: Trouble(429, "1"), 4: Trouble(503)},
        dark_after_page=6,
        dark_for=BACKOFF_BLOCKED / 2,
    )
    out = tmp_path_factory.mktemp("politeness") / "posts.jsonl"
    with fake_wayback(script, host="wayback.test") as archive:
        started = time.monotonic()
        result = scrapy_crawl(
            "-a",
            f"site={site.root}",
            "-a",
            f"archive={archive.prefix}",
            output=out,
            settings={**SETTINGS, "ARCHIVE_CDX_URL": archive.cdx_url},
        )
        elapsed = time.monotonic() - started
    return archive, read_rows(out), result.stderr, elapsed


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_the_crawl_gets_every_post_through_the_trouble(crawl) -> None:
    archive, rows, log, elapsed = crawl
    assert len(rows) == 3
    assert elapsed < 40


def test_index_queries_keep_their_budget_and_backoffs(crawl) -> None:
    archive, _, _, _ = crawl
    index = [e for e in archive.log if e.kind == "index"]
    assert [e.status for e in index[:4]] == [429, 429, 503, 200] and len(index) == 5  # 2 pages
    waits = gaps([e.at for e in index])
    assert all(w >= INDEX_INTERVAL - SLACK for w in waits)
    assert waits[0] >= BACKOFF_429 - SLACK  # 429 without Retry-After: the minimum backoff
    assert waits[1] >= 2 - SLACK  # Retry-After: 2
    assert waits[2] >= BACKOFF_503 - SLACK


def test_page_fetches_keep_their_budget_and_backoffs(crawl) -> None:
    archive, _, _, _ = crawl
    pages = [e for e in archive.log if e.kind == "page"]
    waits = gaps([e.at for e in pages])
    assert all(w >= PAGE_INTERVAL - SLACK for w in waits), waits
    assert pages[1].status == 429 and waits[1] >= 1 - SLACK  # Retry-After: 1, for every request
    assert pages[3].status == 503 and waits[3] >= BACKOFF_503 - SLACK
    # Request 6 was the last answered before the port closed: the next one came only after the
    # block backoff, although the archive was back after half of it.
    assert waits[5] >= BACKOFF_BLOCKED - SLACK


def test_all_of_it_is_counted_and_explained(crawl) -> None:
    _, _, log, _ = crawl
    stats = {
        name: float(value)
        for name, value in re.findall(r"'(archive/ratelimit/[\w/]+)': ([\d.]+)", log)
    }
    assert stats["archive/ratelimit/429"] == 3
    assert stats["archive/ratelimit/503"] == 2
    assert stats["archive/ratelimit/refused"] >= 1
    assert stats["archive/ratelimit/blocked"] == 1
    assert stats["archive/ratelimit/index/waits"] >= 4
    assert stats["archive/ratelimit/page/waits"] >= 3
    assert "refused the connection" in log and "blocked this IP" in log
    assert re.search(r"'archive/cdx/queries': 2\b", log) and re.search(
        r"'archive/cdx/rows': 4\b", log
    )


def test_what_failed_was_asked_again_not_dropped(crawl) -> None:
    archive, _, _, _ = crawl
    for i, entry in enumerate(archive.log):
        if entry.status in (429, 503):
            assert any(e.path == entry.path and e.status == 200 for e in archive.log[i + 1 :]), (
                entry.path
            )
