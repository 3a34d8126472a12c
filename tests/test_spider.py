"""Routing, tested with hand-made responses: what the spider follows and what it yields."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_reactor_settings

from crawler import settings as project_settings
from crawler.items import Post
from crawler.spiders.archive import ArchiveSpider

ROOT = "https://www.example.org"
SETTINGS = {k: getattr(project_settings, k) for k in dir(project_settings) if k.isupper()}


def make_spider(**kwargs) -> ArchiveSpider:
    """A spider built the way ``scrapy crawl`` builds it: arguments first, then settings frozen."""
    settings = Settings({**SETTINGS, "ARCHIVE_STATE": "", **get_reactor_settings()})
    crawler = Crawler(ArchiveSpider, settings)
    kwargs.setdefault("archive", "live")
    kwargs.setdefault("site", ROOT)
    crawler.spider = ArchiveSpider.from_crawler(crawler, **kwargs)
    crawler._apply_settings()
    return crawler.spider


def respond(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url, body=body.encode(), encoding="utf-8", request=Request(url))


LISTING = f"""<html><body class="home blog">
<a href="{ROOT}/2017/11/18/a-post/">A post</a>
<a href="http://example.org/2017/11/18/a-post/#comments">same post, other spelling</a>
<a href="/page/2/">Next</a>
<a href="{ROOT}/category/news/">News</a>
<a href="{ROOT}/feed/">RSS</a>
<a href="{ROOT}/wp-admin/">admin</a>
<a href="{ROOT}/2017/11/18/a-post/?replytocom=3">reply</a>
<a href="https://twitter.com/x">elsewhere</a>
</body></html>"""


def test_listing_yields_routed_requests_and_counts_refusals():
    spider = make_spider()
    out = list(spider.parse(respond(ROOT + "/", LISTING)))
    assert not [o for o in out if isinstance(o, Post)]
    requests = {r.url: r for r in out if isinstance(r, Request)}
    assert set(requests) == {
        f"{ROOT}/2017/11/18/a-post/", f"{ROOT}/page/2/", f"{ROOT}/category/news/",
    }
    assert requests[f"{ROOT}/page/2/"].priority > requests[f"{ROOT}/2017/11/18/a-post/"].priority
    stats = spider.crawler.stats
    assert stats.get_value("archive/refused/feed") == 1
    assert stats.get_value("archive/refused/wp-admin") == 1
    assert stats.get_value("archive/refused/replytocom") == 1
    assert stats.get_value("archive/refused/offsite") == 1


POST = f"""<html><head><link rel="canonical" href="{ROOT}/2017/11/18/a-post/"></head>
<body class="single single-post postid-42"><article id="post-42" class="post-42 post type-post">
<h1 class="entry-title">A post</h1><div class="entry-content"><p>Hello world.</p>
<p><a href="{ROOT}/2017/11/17/older/">older</a></p></div></article></body></html>"""


def test_post_page_yields_a_post_with_canonical_url_and_its_links():
    spider = make_spider()
    out = list(spider.parse(respond(f"{ROOT}/?p=42", POST)))
    (post,) = [o for o in out if isinstance(o, Post)]
    assert post.post_id == 42
    assert post.url == f"{ROOT}/2017/11/18/a-post/"  # the page's canonical link, not ?p=42
    assert post.slug == "a-post"
    assert post.site == ROOT
    assert post.source == "live" and post.archive_url is None
    assert f"{ROOT}/2017/11/17/older/" in {r.url for r in out if isinstance(r, Request)}


def test_attachment_and_error_pages_are_dead_ends():
    spider = make_spider()
    link = f'<a href="{ROOT}/2017/11/18/x/">x</a>'
    page = f'<html><body class="attachment single">{link}</body></html>'
    assert list(spider.parse(respond(f"{ROOT}/x/photo/", page))) == []
    error = f'<html><body class="error404">{link}</body></html>'
    assert list(spider.parse(respond(f"{ROOT}/nope/", error))) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"site": "example.org"}, "site must be an http"),
     ({"archive": "/no/such/folder"}, "does not exist"),
     ({"archive": ""}, "no archive given"),
     ({"from": "last year"}, "expected a date or timestamp")],
)
def test_bad_arguments_stop_the_crawl_with_a_clear_message(kwargs, message):
    with pytest.raises(UsageError, match=message):
        make_spider(**kwargs)


def test_links_repeated_across_pages_are_requested_once():
    spider = make_spider()
    first = [r.url for r in spider.parse(respond(ROOT + "/", LISTING)) if isinstance(r, Request)]
    again = [r.url for r in spider.parse(respond(ROOT + "/page/2/", LISTING))
             if isinstance(r, Request)]
    assert len(first) == 3
    assert again == []  # same menus and sidebars on every page: no flood of duplicates
    assert spider.crawler.stats.get_value("archive/refused/feed") == 1  # counted once per link


POST_WITH_COMMENT_PAGES = f"""<html><head>
<link rel="canonical" href="{ROOT}/2017/11/18/a-post/"></head>
<body class="single postid-7"><article id="post-7" class="post-7 post hentry">
<h1 class="entry-title">A post</h1>
<time class="entry-date published" datetime="2017-11-18T10:00:00+02:00">Nov 18</time>
<div class="entry-content"><p>Body text of the post, long enough to be a body.</p></div>
</article>
<div id="comments"><ol class="comment-list">
<li id="comment-5" class="comment depth-1"><article id="div-comment-5" class="comment-body">
<b class="fn">Ana</b><div class="comment-metadata"><a href="{ROOT}/2017/11/18/a-post/#comment-5">
<time datetime="2017-11-19T08:00:00+02:00">Nov 19</time></a></div>
<div class="comment-content"><p>First!</p></div></article>
<ol class="children"><li id="comment-6" class="comment depth-2">
<article id="div-comment-6"><b class="fn"><a class="url" href="https://bo.example">Bo</a></b>
<div class="comment-content"><p>Second.</p></div></article></li></ol></li>
<li id="comment-7" class="pingback"><div class="comment-body">Pingback: elsewhere</div></li>
</ol>
<nav class="comment-navigation"><a href="{ROOT}/2017/11/18/a-post/comment-page-2/#comments">
Older</a></nav></div>
<aside class="widget"><a href="{ROOT}/2016/01/01/other/comment-page-3/#comment-9">other</a>
<a href="{ROOT}/2017/11/18/a-post/comment-page-1/">this post's first page</a></aside>
</body></html>"""


def test_a_post_page_yields_its_comments_and_follows_its_own_comment_pages_only(tmp_path):
    spider = make_spider(comments=str(tmp_path / "comments.jsonl"))
    out = list(spider.parse(respond(f"{ROOT}/2017/11/18/a-post/", POST_WITH_COMMENT_PAGES)))
    comments = [o for o in out if not isinstance(o, (Post, Request))]
    assert [(c.comment_id, c.parent_id, c.author, c.author_url) for c in comments] == [
        (5, None, "Ana", None), (6, 5, "Bo", "https://bo.example")]
    assert {c.post_id for c in comments} == {7}
    assert {c.post_url for c in comments} == {f"{ROOT}/2017/11/18/a-post/"}
    pages = [r for r in out if isinstance(r, Request) and r.meta["route"] == "COMMENTS"]
    assert sorted(r.url for r in pages) == [f"{ROOT}/2017/11/18/a-post/comment-page-1/",
                                            f"{ROOT}/2017/11/18/a-post/comment-page-2/"]
    assert not [r for r in out if isinstance(r, Request) and "other/comment-page" in r.url]
    # A comment page yields its comments (for the post's URL) and no post.
    second = f"{ROOT}/2017/11/18/a-post/comment-page-2/"
    body = POST_WITH_COMMENT_PAGES.replace(f'href="{ROOT}/2017/11/18/a-post/"></head>',
                                           f'href="{second}"></head>')
    page2 = list(spider.parse(respond_as(pages[1], body)))
    assert not [o for o in page2 if isinstance(o, Post)]
    assert {o.post_url for o in page2 if not isinstance(o, Request)} == {
        f"{ROOT}/2017/11/18/a-post/"}


def respond_as(request: Request, body: str) -> HtmlResponse:
    return HtmlResponse(request.url, body=body.encode(), encoding="utf-8", request=request)


def test_comments_are_not_read_when_nothing_takes_them():
    spider = make_spider()  # no state store, no comments feed
    assert not spider.read_comments
    out = list(spider.parse(respond(f"{ROOT}/2017/11/18/a-post/", POST_WITH_COMMENT_PAGES)))
    assert [type(o).__name__ for o in out if not isinstance(o, Request)] == ["Post"]
    assert not [r for r in out if isinstance(r, Request) and r.meta["route"] == "COMMENTS"]
