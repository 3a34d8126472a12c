"""Capture index answers that are no capture list: a WARNING naming the query, and link walking.

Found by the hostile-input run: truncated JSON, JSON of another shape, rows without ``timestamp``
or an HTML page answered with status 200 aborted the crawl (0 posts) or emptied the index
without a word.
"""

from __future__ import annotations

import pytest

from crawler.sources.cdx import CdxError, parse_page
from tests.archives.fakewayback import Script, fake_wayback
from tests.hostile.archive_kit import crawl
from tests.sitegen import build_site

HEADER = b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
ROW = b'["org,example)/a","20180101000000","https://www.example.org/a/","text/html","200","D","9"]'
ANSWERS = {
    "truncated JSON": ("application/json", HEADER + ROW[:40]),
    "JSON of another shape": ("application/json", b'{"error": "Rate limited", "rows": 0}'),
    "a JSON list of strings": ("application/json", b'["org,example)/a", "20180101000000"]'),
    "a header without timestamp": ("application/json",
                                   b'[["urlkey","original"],["org,example)/a","https://x.org/"]]'),
    "rows without timestamp": ("application/json",
                               HEADER + b'["org,example)/a","","https://www.example.org/a/"]]'),
    "JSON lines without timestamp": ("text/x-ndjson", b'{"url": "https://www.example.org/a/"}\n'),
    "an HTML page": ("text/html", b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1>"),
}


@pytest.mark.parametrize("answer", list(ANSWERS))
def test_an_answer_that_is_no_capture_list_is_an_error_to_report(answer: str) -> None:
    with pytest.raises(CdxError):
        parse_page(ANSWERS[answer][1])


def test_unusable_rows_among_good_ones_are_left_out_and_counted() -> None:
    page = parse_page(HEADER + ROW + b',["org,example)/b","yesterday","https://www.example.org/b/"],'
                      b'["org,example)/c"],' + ROW.replace(b"/a", b"/d") + b"]")
    assert [row.original for row in page.rows] == ["https://www.example.org/a/",
                                                   "https://www.example.org/d/"]
    assert page.bad_rows == 2
    text = parse_page("org,example)/ 20170601000000 https://www.example.org/ text/html 200 D 1\n"
                      "garbage\n")
    assert len(text.rows) == 1 and text.bad_rows == 1


@pytest.fixture(scope="module")
def site():
    return build_site(theme="sahifa", n_posts=6, permalinks="postname", seed=4)


@pytest.mark.parametrize("answer", ["truncated JSON", "JSON of another shape",
                                    "rows without timestamp", "an HTML page"])
def test_the_crawl_warns_and_walks_the_links(site, tmp_path, answer: str) -> None:
    script = Script(pages=dict(site.pages), cdx_answer=ANSWERS[answer])
    with fake_wayback(script) as archive:
        run = crawl("-a", f"site={site.root}", "-a", f"archive={archive.prefix}",
                    output=tmp_path / "posts.jsonl",
                    settings={"ARCHIVE_CDX_URL": archive.cdx_url}, timeout=60)
    assert run.returncode == 0, run.log[-3000:]
    assert sorted(r["post_id"] for r in run.rows) == [p["post_id"] for p in site.expected("live")]
    warning = next(line for line in run.log.splitlines() if "gave no usable answer" in line)
    assert "WARNING" in warning and archive.cdx_url in warning  # the query, and what came back
    assert run.stat("archive/cdx/failed") == 1
