"""Which capture serves a URL: window, latest good, fallbacks, redirects, revisits."""

import pytest

from crawler.sources.captures import CaptureIndex, CaptureRecord, Window
from crawler.urls import SiteUrls

SITE = SiteUrls("https://www.example.org")
A = "https://www.example.org/a/"


def index(*records, window=Window()):  # noqa: B008 (Window is frozen)
    idx = CaptureIndex(SITE, window)
    for record in records:
        idx.add(record)
    idx.finish()
    return idx


def cap(ts, status, url=A, digest="", revisit=False, mime="text/html"):
    return CaptureRecord(url, ts, status, mime, digest, revisit)


def test_window_from_arguments():
    window = Window.from_args("2016", "20190501")
    assert (window.since, window.until) == ("20160101000000", "20190501235959")
    assert "20190501120000" in window and "20190502000000" not in window and "2015" not in window
    assert "2030" in Window.from_args(None, None)


def test_latest_good_capture_wins():
    choice = index(cap("20170101000000", 200), cap("20180101000000", 200)).choose(A)
    assert choice.capture.timestamp == "20180101000000" and choice.fallback is None


@pytest.mark.parametrize("bad", [404, 410, 500, 301])
def test_falls_back_to_the_latest_good_capture(bad):
    choice = index(cap("20170101000000", 200), cap("20180101000000", bad)).choose(A)
    assert choice.capture.timestamp == "20170101000000"
    assert str(bad) in choice.fallback
    assert [c.status for c in choice.alternatives] == [bad]


def test_redirect_beats_errors_and_errors_are_last():
    idx = index(cap("2017", 301), cap("2018", 404))
    assert idx.choose(A).capture.status == 301
    assert index(cap("2017", 500), cap("2018", 404)).choose(A).capture.status == 404


def test_window_limits_the_choice():
    idx = index(
        cap("20170101000000", 200),
        cap("20180101000000", 200),
        window=Window.from_args(None, "2017"),
    )
    assert idx.choose(A).capture.timestamp == "20170101000000"
    assert idx.dropped["outside_window"] == 1
    assert index(cap("2019", 200), window=Window.from_args(None, "2017")).choose(A) is None
    assert index().choose(A) is None


def test_spellings_of_one_page_share_captures_but_amp_is_a_last_resort():
    idx = index(
        cap("20170101000000", 200, "http://example.org/a"),
        cap("20180101000000", 200, "https://www.example.org/a/amp/"),
        cap("20170101000001", 200, "https://www.example.org/a/index.html?utm_source=x"),
    )
    assert idx.urls() == [A]
    assert idx.choose(A).capture.url.endswith("?utm_source=x")
    assert index(cap("2018", 200, A + "amp/")).choose(A).capture.url.endswith("/amp/")


def test_revisit_takes_status_and_payload_from_its_origin_even_outside_the_window():
    origin = cap("20170101000000", 200, digest="D")
    revisit = cap("20180101000000", None, digest="D", revisit=True, mime="warc/revisit")
    choice = index(origin, revisit, window=Window.from_args("2018", None)).choose(A)
    assert choice.capture.timestamp == "20180101000000" and choice.capture.status == 200
    assert choice.capture.origin == origin and choice.capture.mime == "text/html"


def test_unresolvable_revisits_and_offsite_captures_are_dropped_and_counted():
    idx = index(
        cap("2018", None, digest="NOPE", revisit=True), cap("2018", 200, "https://other.org/")
    )
    assert idx.urls() == []
    assert idx.dropped == {"revisit_unresolved": 1, "offsite": 1}


def test_capture_key_is_url_and_timestamp():
    assert cap("20170101000000", 200).key == f"{A}@20170101000000"


def test_a_payload_many_urls_share_is_a_catch_all_chosen_last():
    banner = [cap("20200101000000", 200, url=f"https://www.example.org/{p}/", digest="BANNER")
              for p in ("a", "b", "c")]
    idx = index(cap("20170101000000", 200, digest="POST-A"), *banner)
    assert list(idx.catch_all) == ["BANNER"] and idx.catch_all["BANNER"].urls == 3
    choice = idx.choose(A)
    assert choice.capture.digest == "POST-A" and "afterlife" in choice.fallback
    assert choice.latest is not None and choice.latest.digest == "BANNER"
    assert [c.digest for c in choice.alternatives] == ["BANNER"]


def test_two_urls_sharing_a_payload_or_redirects_sharing_one_are_no_catch_all():
    idx = index(cap("2017", 200, digest="D"), cap("2017", 200, url=SITE.root + "/b/", digest="D"),
                *[cap("2018", 301, url=f"{SITE.root}/{p}/", digest="R") for p in "cdef"])
    assert idx.catch_all == {}


def test_suspect_captures_come_after_the_others_but_before_redirects():
    idx = index(cap("2017", 301), cap("2018", 200, digest="OLD"), cap("2020", 200, digest="NEW"))
    choice = idx.choose(A, suspect=lambda record: record.digest == "NEW")
    assert [choice.capture.digest, *(c.digest for c in choice.alternatives)] == ["OLD", "NEW", ""]
