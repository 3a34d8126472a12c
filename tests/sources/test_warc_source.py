"""The WARC source on hand-written records: revisits, redirects, damage."""

import asyncio
from io import BytesIO

from scrapy import Request
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.sources.base import CAPTURE_META
from crawler.sources.captures import Window
from crawler.sources.warc import WarcSource
from crawler.sources.warcread import read_index
from crawler.urls import SiteUrls

SITE = SiteUrls("https://www.example.org")
A = "https://www.example.org/a/"


def write(path, records):
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for kind, url, date, status, headers, body in records:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            if kind == "revisit":
                record = writer.create_revisit_record(
                    url,
                    body,
                    url,
                    "2017-06-01T00:00:00Z",
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": date},
                )
            else:
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": date},
                )
            writer.write_record(record)
    return path


def fetch(source, url):
    request = Request(url)
    return asyncio.run(source.fetch(request)), request.meta[CAPTURE_META]


def warc(tmp_path):
    html = [("Content-Type", "text/html; charset=utf-8")]
    first = write(
        tmp_path / "a.warc.gz",
        [
            (
                "response",
                A,
                "2017-06-01T00:00:00Z",
                "200 OK",
                html,
                b"<html><body>one</body></html>",
            ),
            (
                "response",
                "https://www.example.org/old/",
                "2017-06-01T00:00:01Z",
                "301 Moved",
                [("Location", "/new/")],
                b"",
            ),
        ],
    )
    digest = next(r for r in read_index([first])[0] if r.url == A).digest
    write(tmp_path / "b.warc.gz", [("revisit", A, "2018-06-01T00:00:00Z", "200 OK", html, digest)])
    return tmp_path


def test_a_revisit_is_the_latest_capture_with_its_origin_payload(tmp_path):
    source = WarcSource(SITE, sorted(warc(tmp_path).glob("*.warc.gz")), Window())
    response, capture = fetch(source, A)
    assert b"one" in response.body and capture.captured_at == "2018-06-01T00:00:00Z"
    assert capture.archive_url.startswith((tmp_path / "b.warc.gz").as_uri() + "#offset=")


def test_the_window_picks_the_origin(tmp_path):
    source = WarcSource(
        SITE, sorted(warc(tmp_path).glob("*.warc.gz")), Window.from_args(None, "2017")
    )
    assert fetch(source, A)[1].captured_at == "2017-06-01T00:00:00Z"


def test_archived_redirects_point_to_the_original_target(tmp_path):
    source = WarcSource(SITE, sorted(warc(tmp_path).glob("*.warc.gz")), Window())
    response, _ = fetch(source, "https://www.example.org/old/")
    assert response.status == 301
    assert response.headers["Location"] == b"https://www.example.org/new/"
    assert fetch(source, "https://www.example.org/none/")[0].status == 404


def test_a_damaged_record_is_refused_and_the_next_one_read(tmp_path):
    good = warc(tmp_path) / "a.warc.gz"
    damaged = tmp_path / "c.warc.gz"
    data = bytearray(good.read_bytes())
    first = next(r for r in read_index([good])[0] if r.url == A).ref.offset + 20
    data[first : first + 40] = bytes(b ^ 0xFF for b in data[first : first + 40])
    damaged.write_bytes(bytes(data))
    records, counts = read_index([damaged])
    assert [r.url for r in records] == ["https://www.example.org/old/"]
    assert counts["damaged"] == 1 and not counts["unreadable_files"]


def test_a_relative_warc_path_gives_absolute_archive_urls(tmp_path, monkeypatch):
    """``-a archive=crawl.warc.gz`` from the folder holding it: ``archive_url`` is a file:// URI,
    which a relative path cannot be."""
    from crawler.sources import resolve_path

    (tmp_path / "crawl.warc.gz").write_bytes(b"")
    monkeypatch.chdir(tmp_path)
    path = resolve_path("crawl.warc.gz")
    assert path.is_absolute() and path == tmp_path / "crawl.warc.gz"
    assert path.as_uri().startswith("file:///")
