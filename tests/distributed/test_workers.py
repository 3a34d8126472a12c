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



def test_comments_and_the_state_store_as_in_one_process(tmp_path, redis_url, mirror):
    """Workers read comments (comment pages too) for the writer's store and comments feed, as
    one process would; the store that ``scrapy export`` reads is the writer's."""
    args = ["-a", f"site={ROOT}", "-a", f"archive={mirror}"]
    single_posts, single_comments = tmp_path / "single.jsonl", tmp_path / "single-comments.jsonl"
    scrapy_crawl(*args, "-a", f"comments={single_comments}", output=single_posts,
                 settings={"ARCHIVE_STATE": str(tmp_path / "single.sqlite3")})
    comments = tmp_path / "comments.jsonl"
    run = Run(tmp_path, [*args, "-a", f"comments={comments}"],
              {"ARCHIVE_REDIS_URL": redis_url, "ARCHIVE_STATE": str(tmp_path / "run.sqlite3")})
    for index in range(3):
        run.start(f"w{index}")
    run.wait()
    assert by_id(run.rows()) == by_id(read_rows(single_posts))
    got = {c["comment_id"]: c for c in read_rows(comments)}
    want = {c["comment_id"]: c for c in read_rows(single_comments)}
    assert len(want) > 100 and got == want
    assert run.writer().stat("archive/distributed/workers") == 3
