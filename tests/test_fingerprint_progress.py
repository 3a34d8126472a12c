from scrapy import Request

from crawler.fingerprint import CanonicalUrlFingerprinter
from crawler.progress import Counts


def test_spellings_of_one_page_share_a_fingerprint():
    fp = CanonicalUrlFingerprinter("https://www.example.org").fingerprint
    one = fp(Request("https://www.example.org/2017/11/18/a/"))
    assert fp(Request("http://example.org/2017/11/18/a")) == one
    assert fp(Request("https://www.example.org/2017/11/18/a/index.html?utm_source=x#c")) == one
    assert fp(Request("https://www.example.org/2017/11/18/a/amp/")) == one
    assert fp(Request("https://www.example.org/2017/11/18/b/")) != one
    assert fp(Request("https://www.example.org/2017/11/18/a/", method="POST")) != one


def test_progress_counts_read_at_a_glance():
    stats = {"response_received_count": 130, "item_scraped_count": 52,
             "archive/comments/scraped": 10, "archive/comments/replaced": 1,
             "archive/comments/found": 12,
             "archive/duplicates/replaced": 2, "archive/duplicates/merged": 3,
             "archive/state/skipped_known_capture": 10, "archive/state/unchanged": 5,
             "log_count/ERROR": 1, "archive/refused/feed": 5, "archive/refused/offsite": 7}
    counts = Counts.from_stats(stats)
    assert counts.line() == ("120 pages fetched, 40 posts and 9 comments exported (12 comments "
                             "found), 3 duplicates merged, "
                             "5 unchanged and 10 known captures skipped since the last run, "
                             "1 errors")
    assert counts.refused == 12


def test_pages_are_counted_once_whatever_the_archive_answered_besides():
    """pywb and the Wayback Machine answer an index query and a capture fetch for a page: two
    responses Scrapy counts (issue 14: "27005 pages fetched" for 13,502 pages)."""
    from scrapy.http import HtmlResponse
    from scrapy.statscollectors import MemoryStatsCollector
    from scrapy.utils.test import get_crawler

    from crawler.progress import ProgressLog
    from crawler.sources.base import RAW_META
    from crawler.state import KNOWN_CAPTURE_META

    stats = MemoryStatsCollector(get_crawler())
    log = ProgressLog(stats, 0)
    page = Request("https://www.example.org/2017/11/18/a/")
    raw = Request("http://127.0.0.1:8080/web/2017id_/https://www.example.org/", meta={RAW_META: 1})
    known = Request("https://www.example.org/2017/11/18/b/", meta={KNOWN_CAPTURE_META: []})
    for request in (raw, raw, page, known):
        stats.inc_value("response_received_count")
        log.response_received(HtmlResponse(request.url, request=request), request)
    stats.inc_value("archive/state/skipped_known_capture")
    assert Counts.from_stats(stats.get_stats()).pages == 1
    assert Counts.from_stats({"response_received_count": 4,
                              "archive/state/skipped_known_capture": 1}).pages == 3
