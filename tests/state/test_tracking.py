"""A post page's capture is recorded only once the page is parsed and its items are through."""

from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.items import Post
from crawler.sources.base import CAPTURE_META, Capture
from crawler.state.tracking import KNOWN_CAPTURE_META, PageTracker

URL = "https://www.example.org/2017/01/01/a/"


def response(route="POST", key="file:///m/a/index.html#10:1", **meta):
    request = Request(URL, meta={"route": route, CAPTURE_META: Capture("mirror", key=key), **meta})
    return HtmlResponse(URL, body=b"<html></html>", request=request)


def tracker():
    recorded = []
    return PageTracker(recorded.append), recorded


def test_recorded_after_the_page_and_its_item_are_done_with_its_links():
    pages, recorded = tracker()
    page = response()
    visit = pages.begin(page)
    item = Post(post_id=1)
    pages.output(visit, item, is_request=False)
    pages.output(visit, Request("https://www.example.org/b/"), is_request=True)
    assert pages.capture_key_of(item) == "file:///m/a/index.html#10:1"
    pages.parsed(visit)
    assert recorded == []  # the post is not committed yet
    pages.item_done(item, page, ok=True)
    assert [(v.capture_key, v.links) for v in recorded] == [
        ("file:///m/a/index.html#10:1", ["https://www.example.org/b/"])]
    pages.item_done(item, page, ok=True)  # a stray second signal changes nothing
    assert len(recorded) == 1


def test_an_item_that_failed_in_a_pipeline_keeps_the_capture_unknown():
    pages, recorded = tracker()
    page = response()
    visit = pages.begin(page)
    item = Post(post_id=1)
    pages.output(visit, item, is_request=False)
    pages.item_done(item, page, ok=False)
    pages.parsed(visit)
    assert recorded == []


def test_a_post_page_without_items_is_recorded_when_parsed():
    pages, recorded = tracker()
    visit = pages.begin(response())
    pages.parsed(visit)
    assert len(recorded) == 1


def test_only_routed_pages_with_a_capture_identity_are_tracked():
    pages, _ = tracker()
    # An unchanged listing capture lists the same posts: remembered like a post page.
    assert pages.begin(response(route="CATEGORY")) is not None
    assert pages.begin(response(route=None)) is None  # not a page of the routing table
    assert pages.begin(response(key=None)) is None  # live pages: nothing to know them by
    assert pages.begin(response(**{KNOWN_CAPTURE_META: []})) is None  # a stand-in
