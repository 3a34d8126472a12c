"""CDX queries for both dialects, and their answers."""

from urllib.parse import parse_qs, urlsplit

import pytest

from crawler.sources.cdx import INTERNET_ARCHIVE, PYWB, CdxQuery, dialect_for, parse_page


def params(url):
    return parse_qs(urlsplit(url).query)


def test_internet_archive_query():
    query = CdxQuery(
        "https://web.archive.org/cdx/search/cdx",
        INTERNET_ARCHIVE,
        "https://www.deepdotweb.com",
        since="20160101000000",
        until="20190501235959",
        page_size=5000,
    )
    got = params(query.url())
    assert got["url"] == ["https://www.deepdotweb.com/"] and got["matchType"] == ["host"]
    assert got["from"] == ["20160101000000"] and got["to"] == ["20190501235959"]
    assert got["filter"][0].startswith("mimetype:text/html")
    assert "statuscode" in got["fl"][0] and "mimetype" in got["fl"][0]
    assert got["limit"] == ["5000"] and got["showResumeKey"] == ["true"]
    assert params(query.url("com,deepdotweb)/x 2017"))["resumeKey"] == ["com,deepdotweb)/x 2017"]


def test_pywb_query_names_fields_its_way_and_asks_for_everything_at_once():
    query = CdxQuery(
        "http://127.0.0.1:8080/coll/cdx", PYWB, "https://www.example.org", match="prefix"
    )
    got = params(query.url())
    assert got["url"] == ["https://www.example.org/"] and got["matchType"] == ["prefix"]
    assert got["filter"][0].startswith("~mime:text/html")
    assert "status" in got["fl"][0].split(",") and "limit" not in got and "from" not in got


def test_a_host_with_a_port_is_sent_with_its_scheme():
    """pywb reads ``blog.example.net:8081`` as a URL whose scheme is ``blog.example.net`` and
    answers 0 rows; ``http://blog.example.net:8081/`` works on every CDX server."""
    query = CdxQuery("http://127.0.0.1:8080/coll/cdx", PYWB, "http://blog.example.net:8081")
    assert params(query.url())["url"] == ["http://blog.example.net:8081/"]


def test_collapse_in_each_dialect():
    assert params(CdxQuery("e", INTERNET_ARCHIVE, "h", collapse="digest").url())["collapse"] == [
        "digest"
    ]
    assert params(CdxQuery("e", PYWB, "h", collapse="timestamp:10").url())["collapseTime"] == ["10"]


@pytest.mark.parametrize(
    ("endpoint", "name", "dialect"),
    [
        ("https://web.archive.org/cdx/search/cdx", "auto", INTERNET_ARCHIVE),
        ("http://openwayback.example/cdx/search/cdx", "auto", INTERNET_ARCHIVE),
        ("http://127.0.0.1:8080/coll/cdx", "auto", PYWB),
        ("http://127.0.0.1:8080/coll/cdx", "ia", INTERNET_ARCHIVE),
    ],
)
def test_dialects(endpoint, name, dialect):
    assert dialect_for(endpoint, name) is dialect


def test_internet_archive_json_with_resume_key():
    page = parse_page(
        b'[["urlkey","timestamp","original","mimetype","statuscode","digest","length"],'
        b'["org,example)/a","20170601000000","https://www.example.org/a/","text/html","200","D1","9"],'
        b'["org,example)/a","20180601000000","https://www.example.org/a/","warc/revisit","-","D1","9"],'
        b'[],["org,example)/b 20170101"]]'
    )
    assert page.resume_key == "org,example)/b 20170101"
    first, revisit = page.rows
    assert (first.original, first.status, first.mime, first.digest) == (
        "https://www.example.org/a/",
        200,
        "text/html",
        "D1",
    )
    assert revisit.status is None and revisit.is_revisit


def test_pywb_json_lines():
    page = parse_page(
        b'{"urlkey": "org,example)/", "timestamp": "20170601000000", '
        b'"url": "https://www.example.org/", '
        b'"mime": "text/html", "status": "301", "digest": "X"}\n'
        b'{"urlkey": "org,example)/a", "timestamp": "20180601000001", '
        b'"url": "https://www.example.org/a/", '
        b'"mime": "warc/revisit", "digest": "Y"}\n'
    )
    assert [(r.original, r.status, r.is_revisit) for r in page.rows] == [
        ("https://www.example.org/", 301, False),
        ("https://www.example.org/a/", None, True),
    ]
    assert page.resume_key is None


def test_plain_text_and_empty_answers():
    page = parse_page(
        "org,example)/ 20170601000000 https://www.example.org/ text/html 200 D 1\n\nKEY\n"
    )
    assert page.rows[0].timestamp == "20170601000000" and page.resume_key == "KEY"
    assert parse_page(b"").rows == [] and parse_page(b"[]").rows == []
