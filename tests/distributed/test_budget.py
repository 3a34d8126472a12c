"""Three workers against a Wayback-style archive keep one budget between them, judged by the
archive's own request log: never more page fetches in any second than the budget allows, a 429
pauses every worker, and the capture index is queried once for the whole run."""

from __future__ import annotations

import pytest

from tests.archives.fakewayback import Script, Trouble, fake_wayback
from tests.archives.resolver import SETTING as REMOTE_NAMES
from tests.distributed.workers import Run
from tests.e2e.compare import assert_same_dataset
from tests.sitegen import build_site

PAGE_RATE = 10.0
"""Page fetches per second for the whole run (a small budget: the test takes seconds)."""
RETRY_AFTER = 1.0
TROUBLE_AT = 25
"""The page request answered 429 with ``Retry-After``."""
SLACK = 0.05
"""Arrivals at the server jitter around the limiter's sends (a worker busy parsing a page sends
late; up to tens of ms on a loaded 2-core machine): as in ``tests/sources/test_politeness.py``."""


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=40, permalinks="postname", seed=3)


@pytest.fixture
def archive_run(tmp_path, redis_url, site):
    posts = {p["url"] for p in site.posts}
    pages = {u: b for u, b in site.pages.items() if u in posts or u == site.root + "/"}
    script = Script(pages=pages, page_trouble={TROUBLE_AT: Trouble(429, str(int(RETRY_AFTER)))})
    with fake_wayback(script, host="wayback.test") as archive:
        run = Run(tmp_path, ["-a", f"site={site.root}", "-a", f"archive={archive.prefix}"],
                  {"ARCHIVE_REDIS_URL": redis_url, "ARCHIVE_CDX_URL": archive.cdx_url,
                   "ARCHIVE_PAGE_RATE": str(PAGE_RATE * 60), "ARCHIVE_INDEX_RATE": "60",
                   "ARCHIVE_BACKOFF_429": "1", **REMOTE_NAMES})
        for index in range(3):
            run.start(f"w{index}")
        run.wait()
    return run, archive


def most_in_any_second(times: list[float]) -> int:
    """The most requests that arrived within one second of each other (less the jitter of the
    first and the last)."""
    return max(sum(1 for t in times[i:] if t < start + 1 - 2 * SLACK)
               for i, start in enumerate(times))


def test_three_workers_keep_one_budget(archive_run, site):
    run, archive = archive_run
    assert_same_dataset(run.rows(), site.expected("mirror"))
    pages = archive.times("page")
    assert most_in_any_second(pages) <= PAGE_RATE  # 3 budgets of their own would send 30
    assert len(archive.times("index")) == 1, "workers repeated the capture index query"
    assert run.writer().stat("archive/distributed/workers") == 3
    assert sum(w.stat("archive/distributed/pages_here") > 0 for w in run.workers) == 3


def test_a_429_pauses_every_worker(archive_run):
    _, archive = archive_run
    pages = [entry for entry in archive.log if entry.kind == "page"]
    assert pages[TROUBLE_AT - 1].status == 429
    assert pages[TROUBLE_AT].at - pages[TROUBLE_AT - 1].at >= RETRY_AFTER - SLACK
