"""Older captures are asked for when a post's newest capture hides a field every post has."""

import asyncio

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.history import GIVE_UP_AFTER, OlderCapturesMiddleware
from crawler.items import Post
from crawler.sources.base import CAPTURE_META, OLDER_META, SEEN_META, ArchiveSource, Capture
from crawler.urls import SiteUrls

URL = "https://www.example.org/2017/01/01/a/"
COMPLETE = {"author": "Anna", "author_slug": "anna", "published": "2017-01-01",
            "categories": ["News"]}


class History(ArchiveSource):
    history = True

    def __init__(self, older=True):
        super().__init__(SiteUrls("https://www.example.org"))
        self.older = older

    async def has_older(self, request):
        return self.older


def run(middleware, response, outputs):
    async def result():
        for output in outputs:
            yield output

    async def collect():
        return [o async for o in middleware.process_spider_output(response, result())]

    return asyncio.run(collect())


def page(meta=None, digest="D2"):
    capture = Capture("warc", "file:///a.warc.gz#offset=9", "2020-03-01T00:00:00Z", "k2", digest)
    request = Request(URL, meta={"route": "POST", CAPTURE_META: capture, **(meta or {})})
    return HtmlResponse(URL, body=b"<html></html>", request=request)


def middleware(depth=2, older=True):
    return OlderCapturesMiddleware(History(older), depth, MemoryStatsCollector(get_crawler()))


def test_a_post_hiding_its_author_slug_asks_for_an_older_capture():
    item = Post(url=URL, **{**COMPLETE, "author_slug": None})
    out = run(middleware(), page(), [item, Request(URL + "x/")])
    asked = [o for o in out if isinstance(o, Request) and OLDER_META in o.meta]
    assert len(asked) == 1 and asked[0].url == URL and asked[0].dont_filter
    assert asked[0].meta[OLDER_META].captured_at == "2020-03-01T00:00:00Z"
    assert asked[0].meta[SEEN_META] == ["D2"] and asked[0].meta["route"] == "POST"


def test_a_complete_post_or_no_older_capture_asks_nothing():
    assert run(middleware(), page(), [Post(url=URL, **COMPLETE)]) == [Post(url=URL, **COMPLETE)]
    lacking = Post(url=URL, **{**COMPLETE, "author": None})
    assert run(middleware(older=False), page(), [lacking]) == [lacking]


def test_an_older_capture_gives_its_item_but_not_its_links_and_the_depth_is_bounded():
    meta = {OLDER_META: Capture("warc"), SEEN_META: ["D3"], "archive_history_depth": 2,
            "archive_history_missing": ["author_slug"]}
    item = Post(url=URL, **{**COMPLETE, "author_slug": None})
    assert run(middleware(depth=2), page(meta), [item, Request(URL + "x/")]) == [item]


def test_a_field_older_captures_never_hold_stops_calling_for_them():
    mw = middleware(depth=5)
    meta = {OLDER_META: Capture("warc"), SEEN_META: [], "archive_history_depth": 1,
            "archive_history_missing": ["author_slug"]}
    lacking = {**COMPLETE, "author_slug": None}
    for _ in range(GIVE_UP_AFTER):
        run(mw, page(meta), [Post(url=URL, **lacking)])
    assert run(mw, page(), [Post(url=URL, **lacking)]) == [Post(url=URL, **lacking)]
