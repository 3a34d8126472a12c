"""Archived bytes as a response for the original URL, with type and charset repaired."""

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.sources.charsets import choose_encoding
from crawler.sources.replay import archived_response, original_headers

URL = "https://www.example.org/a/"
PAGE = "<!DOCTYPE html><html><head><title>Задержан</title></head><body>é</body></html>"


def respond(content_type, body, status=200):
    headers = {"content-type": content_type} if content_type is not None else {}
    fixes = []
    response = archived_response(Request(URL), status, headers, body, fixes=fixes)
    return response, fixes


def test_utf8_bytes_under_a_latin1_header_are_read_as_utf8():
    response, fixes = respond("text/html; charset=iso-8859-1", PAGE.encode())
    assert isinstance(response, HtmlResponse) and response.url == URL
    assert "Задержан" in response.text and fixes == ["charset"]


def test_pages_served_as_text_or_untyped_are_html():
    for content_type in ("text/plain", None, "application/octet-stream"):
        response, fixes = respond(content_type, PAGE.encode())
        assert isinstance(response, HtmlResponse) and "content_type" in fixes
        assert response.css("title::text").get() == "Задержан"


def test_the_page_meta_charset_when_the_header_gives_none():
    body = PAGE.replace("<head>", '<head><meta charset="windows-1251">').encode("cp1251", "replace")
    assert choose_encoding("text/html", body) == "cp1251"
    assert "Задержан" in respond("text/html", body)[0].text


def test_a_correct_header_is_kept_and_status_passes_through():
    response, fixes = respond("text/html; charset=utf-8", PAGE.encode(), status=404)
    assert response.status == 404 and fixes == []


def test_archived_redirects_carry_the_original_location():
    response = archived_response(Request(URL), 301, {}, b"", location="https://www.example.org/b/")
    assert response.status == 301 and response.headers["Location"] == b"https://www.example.org/b/"


def test_original_headers_win_and_replay_headers_are_dropped():
    headers = original_headers(
        [
            ("Content-Type", "text/html"),
            ("Content-Length", "9"),
            ("X-Archive-Orig-Link", "<https://www.example.org/?p=3>; rel=shortlink"),
            ("Set-Cookie", "a=b"),
            ("Memento-Datetime", "x"),
        ]
    )
    assert headers == {
        "content-type": "text/html",
        "link": "<https://www.example.org/?p=3>; rel=shortlink",
    }
