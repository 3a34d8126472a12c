"""Pages far bigger than a page: refused at ``ARCHIVE_MAX_PAGE_BYTES``, in bounded memory and time.

Found by the hostile-input run (peak memory): a 5 KB ``.warc.gz`` whose payload is gzip of 2 GiB,
4.2 GB, and exported as a post; a 2 MB member expanding to 2 GiB, 5.5 GB; a 2 GiB mirror
``index.html``, 4.2 GB; four concurrent gzip bombs on a live site, 4.2 GB; a 50 MB page, 1 GB.
Each crawl here holds such inputs and runs with the default cap (32 MiB); its peak memory is
measured, and every refusal counted.
"""

from __future__ import annotations

import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler import settings as defaults
from crawler.sources.limits import PageTooLarge, decode_capped, gunzip_capped
from tests.archives.fakewayback import Script, fake_wayback
from tests.hostile.archive_kit import (
    crawl,
    gz,
    gzip_bomb,
    http_response,
    send,
    serve,
    warc_record,
)
from tests.sitegen import build_site
from tests.sitegen.mirror import relative_path

GIB = 1 << 30
MAX_RSS_MB = 400
"""Peak memory a crawl of these inputs may take: a crawl of the small site alone takes about
90 MB, the cap allows a few pages of 32 MiB in flight; the bombs would take gigabytes."""
DATE = "2018-01-01T00:00:00Z"


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=10, permalinks="postname", seed=6)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return gzip_bomb(2 * GIB)  # 2 MB


def test_the_cap_is_a_few_tens_of_megabytes_and_scrapys_limits_follow_it() -> None:
    assert 16 << 20 <= defaults.ARCHIVE_MAX_PAGE_BYTES <= 64 << 20
    assert defaults.DOWNLOAD_MAXSIZE == defaults.ARCHIVE_MAX_PAGE_BYTES
    assert defaults.DOWNLOAD_WARNSIZE < defaults.DOWNLOAD_MAXSIZE


def test_decoding_stops_at_the_cap(bomb: bytes) -> None:
    for encoding in ("gzip", "x-gzip"):
        with pytest.raises(PageTooLarge):
            decode_capped([bomb[i:i + 65536] for i in range(0, len(bomb), 65536)], encoding,
                          1 << 20)
    with pytest.raises(PageTooLarge):
        gunzip_capped(bomb, 1 << 20)
    small = gzip_bomb(1 << 20, b"<html>")
    assert gunzip_capped(small, 2 << 20).startswith(b"<html>\0")
    assert decode_capped([small[:100], small[100:]], "gzip", 2 << 20) == \
        gunzip_capped(small, 4 << 20)


def check(run, site, refused: list[str], too_large: int | None = None, *,
          source: str = "mirror") -> None:
    """*source*: ``live`` when only linked posts are found, else every post (enumerated)."""
    assert run.returncode == 0, run.log[-3000:]
    expected = sorted(p["post_id"] for p in site.expected(source) if p["url"] not in refused)
    assert sorted(r["post_id"] for r in run.rows) == expected
    assert run.stat("archive/too_large") == (too_large if too_large is not None else len(refused))
    assert run.max_rss_mb < MAX_RSS_MB, f"peak memory {run.max_rss_mb:.0f} MB"
    assert run.seconds < 60


def test_warc_bombs_are_refused(site, bomb: bytes, tmp_path: Path) -> None:
    """A payload that is gzip of 2 GiB (5 KB in the ``.warc.gz``), a record of 2 GiB in a 2 MB
    member, and a 'header' of 2 GiB without a line break."""
    posts = [p["url"] for p in site.expected("live")]
    encoded, huge, header = posts[:3]
    parts = []
    for i, (url, body) in enumerate(sorted(site.pages.items())):
        if url.endswith("/amp/") and url.removesuffix("amp/") in posts[:3]:
            continue  # no AMP copy to fall back on
        if url == encoded:
            block = http_response(bomb, {"Content-Encoding": "gzip"})
            parts.append(gz(warc_record(url, block, DATE, number=i)))
        elif url == huge:
            head = warc_record(url, http_response(b""), DATE, number=i, digest=False,
                               length=len(http_response(b"")) + 2 * GIB).removesuffix(b"\r\n\r\n")
            parts.append(gzip_bomb(2 * GIB, head))
        elif url == header:
            parts.append(gzip_bomb(2 * GIB, b"WARC/1.0\r\nWARC-Type: response\r\nX: ", b"a"))
        else:
            parts.append(gz(warc_record(url, http_response(body), DATE, number=i)))
    warcs = tmp_path / "warcs"
    warcs.mkdir()
    (warcs / "site.warc.gz").write_bytes(b"".join(parts))
    run = crawl("-a", f"site={site.root}", "-a", f"archive={warcs}", output=tmp_path / "p.jsonl")
    check(run, site, posts[:3], too_large=1)  # the payload bomb: found when read
    assert run.stat("archive/warc/too_large") == 1  # the 2 GiB record: refused unread
    assert run.stat("archive/warc/damaged") == 1  # the endless header
    assert re.search(r"Not reading record .* more than 33554432 bytes", run.log)


def test_mirror_giants_are_refused(site, bomb: bytes, tmp_path: Path) -> None:
    """A 2 GiB ``index.html`` (sparse: it takes no disk) and one saved as gzip of 2 GiB."""
    host = site.write_mirror(tmp_path / "mirror")
    posts = [p["url"] for p in site.expected("live")]
    with (host / relative_path(posts[0])).open("r+b") as giant:
        giant.truncate(2 * GIB)
    (host / relative_path(posts[1])).write_bytes(bomb)
    run = crawl("-a", f"site={site.root}", "-a", f"archive={tmp_path / 'mirror'}",
                output=tmp_path / "p.jsonl")
    check(run, site, posts[:2])
    assert "(ARCHIVE_MAX_PAGE_BYTES)" in run.log


def test_live_bombs_and_a_50_mb_page_are_refused(site, bomb: bytes, tmp_path: Path) -> None:
    """Four gzip bombs fetched at once, and a 50 MB page."""
    posts = [p["url"] for p in site.expected("live")]
    bombs, big = {urlsplit(u).path for u in posts[:4]}, urlsplit(posts[4]).path
    pages = {urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""): body
             for url, body in site.pages.items()}

    def answer(path: str, handler: BaseHTTPRequestHandler) -> None:
        if path in bombs:
            send(handler, 200, bomb, {"Content-Encoding": "gzip"})
        elif path == big:
            send(handler, 200, b"<html><body>" + b"x" * (50 << 20))
        elif path in pages:
            send(handler, 200, pages[path])
        else:
            send(handler, 404, b"")

    with serve(answer) as url:
        live = build_site(theme="sahifa", root=url, n_posts=10, permalinks="postname", seed=6)
        pages = {urlsplit(u).path: body for u, body in live.pages.items()}
        run = crawl("-a", f"site={url}", "-a", "archive=live", output=tmp_path / "p.jsonl",
                    settings={"CONCURRENT_REQUESTS_PER_DOMAIN": "16"})
    check(run, live, [u.replace(site.root, url) for u in posts[:5]], source="live")


def test_a_replayed_bomb_is_refused(site, bomb: bytes, tmp_path: Path) -> None:
    posts = [p["url"] for p in site.expected("live")]
    pages = {url: body for url, body in site.pages.items() if url != posts[0] + "amp/"}
    script = Script(pages={**pages, posts[0]: bomb},
                    page_headers={posts[0]: [("Content-Encoding", "gzip")]})
    with fake_wayback(script) as archive:
        run = crawl("-a", f"site={site.root}", "-a", f"archive={archive.prefix}",
                    output=tmp_path / "p.jsonl", settings={"ARCHIVE_CDX_URL": archive.cdx_url})
    check(run, site, posts[:1])
