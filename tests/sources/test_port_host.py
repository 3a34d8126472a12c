"""A site whose host has a port, replayed by a real pywb: the capture index must list it.

pywb read a bare ``host:port`` CDX query as a URL with the scheme ``host``, answered 0 rows, and
the crawl went on walking links only: posts no page links to were lost.
"""

from __future__ import annotations

from pathlib import Path

from tests.archives.history import FIRST
from tests.archives.pywb import run_pywb
from tests.archives.server import SiteVersion, serve_version
from tests.archives.warcs import record_warc
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import read_rows, scrapy_crawl
from tests.sitegen.build import build_model
from tests.sitegen.site import Site
from tests.sitegen.truth import post_truth

ROOT = "http://blog.example.net:8081"
SETTINGS = {"ARCHIVE_PROGRESS_INTERVAL": "0", "ARCHIVE_INDEX_RATE": "0", "ARCHIVE_PAGE_RATE": "0"}


def test_pywb_finds_the_unlinked_posts_of_a_site_with_a_port(tmp_path: Path) -> None:
    model = build_model("classic", ROOT, 12, "date", seed=3)
    unlinked = [p.id for p in model.posts if not p.linked]
    assert unlinked, "the fixture must hold posts no page links to"
    site = Site(model)
    version = SiteVersion(site.root, dict(site.pages), dict(site.redirects),
                          not_found=site.not_found)
    warc = tmp_path / "port.warc.gz"
    with serve_version(version) as url:
        record_warc(version, url, warc, FIRST)
    out = tmp_path / "posts.jsonl"
    with run_pywb([warc], tmp_path) as prefix:
        result = scrapy_crawl("-a", f"site={ROOT}", "-a", f"archive={prefix}", output=out,
                              settings=SETTINGS)
    expected = [{k: v for k, v in post_truth(model, p).items() if k != "linked"}
                for p in model.posts]
    assert_same_dataset(read_rows(out), expected)
    assert "returned no captures" not in result.stderr
