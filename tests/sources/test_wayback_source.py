"""The Wayback source against scripted replay answers (the Internet Archive's quirks included)."""

import asyncio

from scrapy import Request
from scrapy.http import HtmlResponse, Response

from crawler.sources.archiveclient import ArchiveClient
from crawler.sources.base import CAPTURE_META
from crawler.sources.captures import CaptureRecord, Window
from crawler.sources.cdx import INTERNET_ARCHIVE, CdxQuery
from crawler.sources.ratelimit import RateLimiter
from crawler.sources.wayback import WaybackSource
from crawler.sources.waybackurls import WaybackUrls
from crawler.urls import SiteUrls

SITE = SiteUrls("https://www.example.org")
W = "https://web.archive.org/web/"
PAGE = b'<html><body class="single postid-7">%s<img src="/wp-content/a.png"></body></html>'
"""A page with WordPress markers: the site's own (see crawler.sources.afterlife)."""
MEMENTO = {"Memento-Datetime": "Fri, 01 Jun 2018 00:00:00 GMT", "Content-Type": "text/html"}
CDX = (
    b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
    b'["k","20170601000000","https://www.example.org/a/","text/html","200","A1","1"],'
    b'["k","20180601000000","https://www.example.org/a/","text/html","200","A2","1"],'
    b'["k","20180601000000","https://www.example.org/old/","text/html","301","R","1"],'
    b'["k","20180601000000","https://www.example.org/moved/","text/html","302","R","1"],'
    b'["k","20180601000000","https://www.example.org/img.jpg","image/jpeg","200","I","1"]]'
)


def source(answers, window=Window()):  # noqa: B008 (Window is frozen)
    sent = []

    async def download(request):
        sent.append(request.url)
        status, headers, body = answers.get(request.url, (404, {}, b"Hrm. not archived"))
        return HtmlResponse(request.url, status=status, headers=headers, body=body, request=request)

    client = ArchiveClient(RateLimiter({"index": 0, "page": 0}), download, retries=0)
    query = CdxQuery("https://web.archive.org/cdx/search/cdx", INTERNET_ARCHIVE, SITE.root)
    answers.setdefault(query.url(), (200, {}, CDX))
    return WaybackSource(SITE, WaybackUrls.from_archive("wayback"), query, window, client), sent


def fetch(src, url):
    request = Request(url)
    return asyncio.run(src.fetch(request)), request.meta[CAPTURE_META]


def test_enumerates_html_urls_in_the_window():
    src, _ = source({})

    async def seeds():
        return [u async for u in src.seed_urls()]

    assert asyncio.run(seeds()) == [
        "https://www.example.org/",
        "https://www.example.org/a/",
        "https://www.example.org/moved/",
        "https://www.example.org/old/",
    ]  # no image


def test_latest_capture_fetched_raw_with_provenance():
    url = W + "20180601000000id_/https://www.example.org/a/"
    src, sent = source({url: (200, MEMENTO, PAGE % b"v2")})
    response, capture = fetch(src, "https://www.example.org/a/")
    assert response.url == "https://www.example.org/a/" and b"v2" in response.body
    assert sent[-1] == url
    assert (capture.source, capture.archive_url, capture.captured_at) == (
        "wayback",
        url,
        "2018-06-01T00:00:00Z",
    )
    assert capture.key == "https://www.example.org/a/@20180601000000"


def test_not_archived_after_all_falls_back_to_the_next_capture():
    older = W + "20170601000000id_/https://www.example.org/a/"
    src, sent = source(
        {
            older: (
                200,
                {**MEMENTO, "Memento-Datetime": "Thu, 01 Jun 2017 00:00:00 GMT"},
                b"<html>v1</html>",
            )
        }
    )
    response, capture = fetch(src, "https://www.example.org/a/")
    assert b"v1" in response.body and capture.captured_at == "2017-06-01T00:00:00Z"
    assert len(sent) == 3  # the index, the missing capture, the older one


def test_archived_redirect_comes_back_in_original_url_space():
    url = W + "20180601000000id_/https://www.example.org/old/"
    target = W + "20180601000000id_/https://www.example.org/new/"
    src, _ = source({url: (301, {**MEMENTO, "Location": target}, b"")})
    response, _ = fetch(src, "https://www.example.org/old/")
    assert (
        response.status == 301 and response.headers["Location"] == b"https://www.example.org/new/"
    )


def test_got_an_http_302_response_at_crawl_time_page():
    url = W + "20180601000000id_/https://www.example.org/moved/"
    page = (
        b'<html><body><p class="code">Got an HTTP 302 response at crawl time</p>'
        b'<p>Redirecting to...'
        b'</p><p class="impatient"><a href="https://web.archive.org/web/20180601000000/'
        b'https://www.example.org/b/">Impatient?</a></p></body></html>'
    )
    src, _ = source({url: (200, MEMENTO, page)})
    response, _ = fetch(src, "https://www.example.org/moved/")
    assert response.status == 302 and response.headers["Location"] == b"https://www.example.org/b/"


def test_replay_redirect_to_a_nearby_timestamp_is_followed():
    asked = W + "20180601000000id_/https://www.example.org/a/"
    nearby = W + "20180602000000id_/http://example.org/a"
    src, sent = source(
        {
            asked: (302, {"Location": nearby}, b""),
            nearby: (
                200,
                {**MEMENTO, "Memento-Datetime": "Sat, 02 Jun 2018 00:00:00 GMT"},
                b"<html>x</html>",
            ),
        }
    )
    response, capture = fetch(src, "https://www.example.org/a/")
    assert response.status == 200 and capture.captured_at == "2018-06-02T00:00:00Z"
    assert capture.archive_url == nearby


def test_unindexed_urls_are_asked_at_the_window_end_and_kept_only_inside_it():
    window = Window.from_args(None, "2017")
    asked = W + "20171231235959id_/https://www.example.org/b/"
    src, sent = source({asked: (200, MEMENTO, b"<html>2018</html>")}, window)  # nearest: 2018
    response, _ = fetch(src, "https://www.example.org/b/")
    assert response.status == 404 and asked in sent


def test_archived_error_pages_keep_their_status_and_replay_links_are_dropped():
    url = W + "20180601000000id_/https://www.example.org/a/"
    headers = {
        **MEMENTO,
        "Link": '<https://www.example.org/a/>; rel="original", '
        "<https://web.archive.org/web/20180601000000mp_/https://www.example.org/a/>; "
        'rel="memento"; '
        'datetime="Fri, 01 Jun 2018 00:00:00 GMT"',
        "X-Archive-Orig-Link": "<https://www.example.org/?p=7>; rel=shortlink",
    }
    src, _ = source({url: (500, headers, b"<html>oops</html>")})
    response, _ = fetch(src, "https://www.example.org/a/")
    assert response.status == 500 and isinstance(response, Response)
    assert response.headers.getlist("Link") == [b"<https://www.example.org/?p=7>; rel=shortlink"]


def test_an_empty_index_is_a_warning_that_shows_the_query(caplog):
    src, _ = source({})
    query = src.query.url()
    src.client.download = _answering({query: (200, {}, b"[]")})
    with caplog.at_level("WARNING"):
        asyncio.run(src.index())
    warning = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warning) == 1 and query in warning[0].getMessage()
    assert "ARCHIVE_CDX_URL" in warning[0].getMessage()


def test_after_the_death_unindexed_urls_are_asked_just_before_it():
    src, sent = source({})
    for day in ("01", "02", "03"):
        src.life.afterlife(CaptureRecord(SITE.root + "/x/", f"201906{day}000000", 200),
                           "seized", "Seized")
    fetch(src, "https://www.example.org/b/")
    assert sent[-1] == W + "20190531235959id_/https://www.example.org/b/"


def _answering(answers):
    async def download(request):
        status, headers, body = answers.get(request.url, (404, {}, b""))
        return HtmlResponse(request.url, status=status, headers=headers, body=body, request=request)

    return download
