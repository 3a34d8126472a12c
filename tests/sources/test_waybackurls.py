"""Original URL <-> capture URL, and capture times."""

import pytest

from crawler.sources.waybackurls import (
    WaybackUrls,
    iso_from_timestamp,
    pad_timestamp,
    repair_original,
    timestamp_from_http_date,
    timestamp_from_iso,
)

IA = WaybackUrls.from_archive("wayback")
PYWB = WaybackUrls.from_archive("http://127.0.0.1:8080/my-collection")


def test_wayback_means_the_internet_archive():
    assert IA.prefix == "https://web.archive.org/web/"
    assert IA.is_internet_archive and not PYWB.is_internet_archive
    assert PYWB.prefix == "http://127.0.0.1:8080/my-collection/"


@pytest.mark.parametrize("bad", ["ftp://x/", "web.archive.org/web/", "http://h/coll/?a=1"])
def test_refuses_what_is_not_a_replay_prefix(bad):
    with pytest.raises(ValueError, match="replay prefix"):
        WaybackUrls.from_archive(bad)


def test_capture_index_endpoints():
    assert IA.cdx_url() == "https://web.archive.org/cdx/search/cdx"
    assert PYWB.cdx_url() == "http://127.0.0.1:8080/my-collection/cdx"


@pytest.mark.parametrize("urls", [IA, PYWB])
@pytest.mark.parametrize(
    "original",
    [
        "https://www.example.org/2017/11/18/a-post/",
        "https://www.example.org/?p=12",
        "http://example.org/caf%C3%A9/?a=1&b=2",
    ],
)
def test_round_trip(urls, original):
    capture = urls.capture_url(original, "20171118123000")
    assert capture == f"{urls.prefix}20171118123000id_/{original}"
    ref = urls.parse(capture)
    assert (ref.timestamp, ref.modifier, ref.original) == ("20171118123000", "id_", original)


def test_parses_relative_locations_other_schemes_and_no_modifier():
    base = IA.capture_url("https://www.example.org/a/", "2017")
    ref = IA.parse("/web/20180101000000id_/https://www.example.org/b/", base=base)
    assert ref.original == "https://www.example.org/b/" and ref.timestamp == "20180101000000"
    ref = IA.parse("http://web.archive.org/web/2017/https://www.example.org/")
    assert (ref.timestamp, ref.modifier) == ("2017", "")


def test_repairs_collapsed_and_missing_schemes():
    assert (
        IA.parse("https://web.archive.org/web/2017id_/https:/www.example.org/a/").original
        == "https://www.example.org/a/"
    )
    assert repair_original("www.example.org/a/") == "http://www.example.org/a/"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.org/web/2017id_/https://x/",  # another host
        "https://web.archive.org/save/https://x/",  # not under the prefix
        "https://web.archive.org/web/*/https://x/*",  # a listing, not a capture
    ],
)
def test_other_urls_are_not_captures(url):
    assert IA.parse(url) is None


def test_timestamps():
    assert pad_timestamp("2016") == "20160101000000"
    assert pad_timestamp("2019", up=True) == "20191231235959"
    assert pad_timestamp("20190501", up=True) == "20190501235959"
    assert iso_from_timestamp("20170601123005") == "2017-06-01T12:30:05Z"
    assert timestamp_from_iso("2017-06-01T12:30:05.123Z") == "20170601123005"
    assert timestamp_from_iso("2017-06-01T14:30:05+02:00") == "20170601123005"
    assert timestamp_from_http_date("Thu, 01 Jun 2017 00:00:03 GMT") == "20170601000003"
    assert timestamp_from_http_date("yesterday") is None
    with pytest.raises(ValueError):
        pad_timestamp("17")
