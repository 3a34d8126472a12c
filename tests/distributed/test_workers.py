"""1, 2 and 3 workers of one run on a generated mirror and on a WARC of the same site: every post
exactly once, with the fields a single process gives, written by one writer while the others wrote
nothing, and every page fetched once by all of them together."""

from __future__ import annotations

import re

import pytest

from crawler.distributed.stats import OWN_PAGES
from tests.archives.history import FIRST
from tests.archives.server import SiteVersion, serve_version
from tests.archives.warcs import record_warc
from tests.distributed.workers import Run
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import read_rows, scrapy_crawl
from tests.sitegen import build_site

ROOT = "https://www.example.org"
POSTS = 120


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", root=ROOT, n_posts=POSTS, seed=13)


@pytest.fixture(scope="module")
def mirror(site, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mirror")
    site.write_mirror(folder, layout="wget")
    return folder


@pytest.fixture(scope="module")
def warc(site, tmp_path_factory):
    """The site recorded from a real HTTP server into a WARC file."""
    path = tmp_path_factory.mktemp("warc") / "site.warc.gz"
    version = SiteVersion(site.root, dict(site.pages), dict(site.redirects),
                          not_found=site.not_found)
    with serve_version(version) as url:
        record_warc(version, url, path, FIRST)
    return path


@pytest.fixture(scope="module", params=["mirror", "warc"])
def archive(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def single(archive, tmp_path_factory):
    """The single-process result the runs must equal."""
    output = tmp_path_factory.mktemp("single") / "posts.jsonl"
    result = scrapy_crawl("-a", f"site={ROOT}", "-a", f"archive={archive}", output=output)
    pages = int(re.search(r"'response_received_count': (\d+)", result.stderr).group(1))
    return by_id(read_rows(output)), pages


def by_id(rows: list[dict]) -> dict:
    return {row["post_id"]: row for row in rows}


def crawl(folder, url, archive, n, settings=None) -> Run:
    run = Run(folder, ["-a", f"site={ROOT}", "-a", f"archive={archive}"],
              {"ARCHIVE_REDIS_URL": url, **(settings or {})})
    for index in range(n):
        run.start(f"w{index}")
    run.wait()
    return run


@pytest.mark.parametrize("n", [1, 2, 3])
def test_workers_export_each_post_once(tmp_path, redis_url, site, archive, single, n):
    run = crawl(tmp_path, redis_url, archive, n)
    writer = run.writer()
    rows = run.rows()
    assert_same_dataset(rows, site.expected("mirror"))
    posts, pages = single
    assert by_id(rows) == posts
    for worker in run.workers:
        assert worker.process.returncode == 0, worker.text()[-3000:]
        assert worker is writer or not worker.output.exists(), "a worker wrote a feed"
    assert writer.stat("archive/distributed/workers") == n
    # Every page fetched once by all workers together.
    fetched = [w.stat(OWN_PAGES) for w in run.workers]
    assert writer.stat("response_received_count") == sum(fetched) == pages

