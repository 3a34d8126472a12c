"""The real ``scrapy crawl archive`` against generated WordPress sites, served and mirrored.

Each site carries its ground truth; the crawl must export every post exactly once with every
field right, and nothing else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.archives.afterlife import BANNER, PARKING
from tests.e2e.compare import assert_same_dataset
from tests.e2e.crawl import read_rows, scrapy_crawl
from tests.sitegen import build_site, serve_site
from tests.sitegen.urls import Urls

# (theme, permalink structure): each markup family once, each permalink structure once.
SITES = [("classic", "date"), ("block", "postname"), ("sahifa", "date"), ("classic", "plain"),
         ("block", "archives")]
TRAPS = ("/feed/", "/wp-json", "/wp-admin", "/wp-login", "replytocom=", "share=", "?s=", "&s=",
         "/comment-page-", "attachment", "/xmlrpc.php", "/wp-content/", "/amp/")


def crawl(tmp_path, site: str, archive: str, suffix: str = ".jsonl") -> list[dict]:
    output = tmp_path / f"posts{suffix}"
    scrapy_crawl("-a", f"site={site}", "-a", f"archive={archive}", output=output,
                 settings={"ARCHIVE_STATE": str(tmp_path / "state.sqlite3")})
    return read_rows(output)


@pytest.mark.parametrize(("theme", "permalinks"), SITES)
def test_live_site(tmp_path, theme, permalinks):
    with serve_site(theme=theme, n_posts=24, permalinks=permalinks, seed=3) as (site, server):
        rows = crawl(tmp_path, server.url, "live")
        requested = list(server.requests)
    expected = [{**post, "source": "live"} for post in site.expected("live")]
    assert_same_dataset(rows, expected)
    assert all(row["source"] == "live" and row["archive_url"] is None for row in rows)
    # A post's own comment pages are the one comment-page link followed (issue 10).
    urls = Urls(site.model.root, site.model.permalinks)
    own_pages = {_path(urls.comment_page(p.url, 2)) for p in site.model.posts if p.comment_pages}
    trapped = [path for path in requested if any(trap in path for trap in TRAPS)
               and path not in own_pages]
    assert not trapped, f"followed trap URLs: {trapped[:10]}"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.parametrize("layout", ["wget", "wbm"])
@pytest.mark.parametrize(("theme", "permalinks"), SITES[:3])
def test_mirror(tmp_path, theme, permalinks, layout):
    site = build_site(theme=theme, root="https://www.example.org", n_posts=24,
                      permalinks=permalinks, seed=5)
    site.write_mirror(tmp_path / "mirror", layout=layout)
    rows = crawl(tmp_path, site.root, str(tmp_path / "mirror"))
    assert_same_dataset(rows, site.expected("mirror"))
    assert all(row["source"] == "mirror" for row in rows)
    assert all(row["archive_url"].startswith("file://") for row in rows)


def test_unlinked_posts_are_found_only_by_enumeration():
    site = build_site(theme="sahifa", root="https://www.example.org", n_posts=24,
                      permalinks="date", seed=5)
    unlinked = {p["post_id"] for p in site.posts if not p["linked"]}
    assert unlinked, "the fixture must hold posts no page links to"
    assert unlinked.isdisjoint(p["post_id"] for p in site.expected("live"))
    assert unlinked <= {p["post_id"] for p in site.expected("mirror")}


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_formats_hold_the_same_dataset(tmp_path, suffix):
    site = build_site(theme="classic", root="https://www.example.org", n_posts=12,
                      permalinks="date", seed=7)
    site.write_mirror(tmp_path / "mirror", layout="wbm")
    rows = crawl(tmp_path, site.root, str(tmp_path / "mirror"), suffix)
    if suffix == ".csv":
        rows = [_from_csv(row) for row in rows]
    assert_same_dataset(rows, site.expected("mirror"))


def _from_csv(row: dict) -> dict:
    """CSV cells back to typed values (lists joined by |, formula-neutralized text)."""
    typed = dict(row)
    for name in ("categories", "tags", "images", "links"):
        typed[name] = row[name].split("|") if row[name] else []
    for name in ("post_id", "word_count", "comment_count"):
        typed[name] = int(row[name]) if row[name] else None
    for name in ("author", "author_slug", "modified", "published", "archive_url", "captured_at"):
        typed[name] = row[name] or None
    for name, value in typed.items():
        if isinstance(value, str) and value.startswith("'") and value[1:2] in "=+-@\t\r":
            typed[name] = value[1:]
    return typed


def test_a_dead_sites_mirror_exports_no_banner(tmp_path):
    """wayback_machine_downloader takes each URL's latest capture: on a dead site, banners and
    parking pages. They are no posts; every real page still gives its post."""
    site = build_site(theme="sahifa", root="https://www.example.org", n_posts=24,
                      permalinks="date", seed=5)
    mirror = tmp_path / "mirror"
    site.write_mirror(mirror, layout="wbm")
    host = mirror / "www.example.org"
    posts = sorted(p for p in host.rglob("index.html") if len(p.relative_to(host).parts) == 5)
    dead = {str(p.parent.relative_to(host)): p for p in posts[:5]}
    for path in list(dead.values())[:3]:
        path.write_bytes(BANNER)
    for path in list(dead.values())[3:]:
        path.write_bytes(PARKING)
    output = tmp_path / "posts.jsonl"
    result = scrapy_crawl("-a", f"site={site.root}", "-a", f"archive={mirror}", output=output)
    rows = read_rows(output)
    urls = {f"{site.root}/{path}/" for path in dead}
    lost = {p["post_id"] for p in site.expected("mirror") if p["url"] in urls}
    # A post whose other copy (an old slug, ?p=N) survived is still exported, from that copy.
    assert_same_dataset([r for r in rows if r["post_id"] not in lost],
                        [p for p in site.expected("mirror") if p["post_id"] not in lost])
    assert not {r["title"] for r in rows} & {"THIS WEBSITE HAS BEEN SEIZED", "example.org"}
    assert "'THIS WEBSITE HAS BEEN SEIZED' (seized), 3 files" in result.stderr
    assert "'example.org' (parked), 2 files" in result.stderr
