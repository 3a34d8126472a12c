"""The crawl policy, tested on hand-made URLs (extraction is tested elsewhere)."""

import pytest

from crawler.routing import Bounds, PageKind, Route, classify, comment_page

ROOT = "https://www.example.org"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", PageKind.HOME),
        ("/page/2/", PageKind.PAGINATION),
        ("/?paged=3", PageKind.PAGINATION),
        ("/category/news/", PageKind.CATEGORY),
        ("/category/news/local/", PageKind.CATEGORY),
        ("/category/news/page/2/", PageKind.PAGINATION),
        ("/?cat=4", PageKind.CATEGORY),
        ("/tag/dark-web/", PageKind.TAG),
        ("/?tag=dark-web", PageKind.TAG),
        ("/author/caliens/", PageKind.AUTHOR),
        ("/?author=2", PageKind.AUTHOR),
        ("/2017/", PageKind.DATE),
        ("/2017/11/", PageKind.DATE),
        ("/2017/11/18/", PageKind.DATE),
        ("/?m=201711", PageKind.DATE),
        ("/2017/11/18/twelve-traffickers/", PageKind.POST),
        ("/2017/11/twelve-traffickers/", PageKind.POST),
        ("/twelve-traffickers/", PageKind.POST),
        ("/archives/123/", PageKind.POST),
        ("/?p=123", PageKind.POST),
    ],
)
def test_followed(path, kind):
    assert classify(ROOT + path).kind is kind


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/feed/", "feed"),
        ("/category/news/feed/", "feed"),
        ("/twelve/feed/", "feed"),
        ("/comments/feed/", "feed"),
        ("/?feed=rss2", "feed"),
        ("/wp-json/wp/v2/posts/", "wp-json"),
        ("/?rest_route=/wp/v2/posts", "wp-json"),
        ("/wp-admin/", "wp-admin"),
        ("/wp-login.php", "wp-login"),
        ("/xmlrpc.php", "api"),
        ("/twelve/?replytocom=12", "replytocom"),
        ("/twelve/?share=twitter", "share"),
        ("/?s=market", "search"),
        ("/search/market/", "search"),
        ("/twelve/comment-page-2/", "comment-page"),
        ("/?attachment_id=9", "attachment"),
        ("/2017/11/18/twelve/attachment/photo-1/", "attachment"),
        ("/wp-content/uploads/2017/11/a.jpg", "asset"),
        ("/files/report.pdf", "asset"),
        ("/?page_id=2", "static-page"),
        ("/page/999999/", "page-bound"),
        ("/?paged=999999", "page-bound"),
        ("/1890/01/", "date-bound"),
        ("/2017/13/", "date-bound"),
        ("/2017/11/45/", "date-bound"),
        ("/?m=185001", "date-bound"),
        ("/2017/11/18/twelve/photo-1/", "unknown"),
    ],
)
def test_refused_with_reason(path, reason):
    route = classify(ROOT + path)
    assert not route
    assert route.reason == reason


def test_bounds_are_settings():
    assert classify(ROOT + "/page/11/", Bounds(max_page=10)).reason == "page-bound"
    assert classify(ROOT + "/page/10/", Bounds(max_page=10)).kind is PageKind.PAGINATION


def test_next_pages_before_posts_before_archives():
    assert PageKind.PAGINATION.priority > PageKind.POST.priority > PageKind.CATEGORY.priority


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/category/a/a/", "repeated-segment"),
        ("/category/a/b/c/d/e/f/g/", "taxonomy-depth"),
        ("/slug/slug/slug/", "repeated-segment"),
        ("/" + "x" * 300 + "/", "bad-path"),
        ("/a%00b/", "bad-path"),
        ("/?m=2017" + "0" * 200, "query-bound"),
        ("/?m=2017013", "date-bound"),
        ("/?m=201713", "date-bound"),
        ("/?p=abc", "bad-query"),
    ],
)
def test_traps_that_grow_urls(path, reason):
    assert classify(ROOT + path) == Route(None, reason)


@pytest.mark.parametrize("path", ["/2017/11/11/slug/", "/category/a/b/c/d/e/f/", "/news/news/",
                                  "/?m=20171111"])
def test_what_looks_repeated_but_is_not_a_trap(path):
    assert classify(ROOT + path).kind is not None


def test_every_kind_has_its_own_member():
    """Equal enum values would alias TAG and AUTHOR to CATEGORY."""
    assert len(PageKind) == 8 and PageKind.TAG.name == "TAG" and PageKind.AUTHOR.name == "AUTHOR"
    assert PageKind.TAG.priority == PageKind.CATEGORY.priority


@pytest.mark.parametrize(("url", "post"), [
    ("https://e.org/2016/03/04/slug/comment-page-2/", "https://e.org/2016/03/04/slug/"),
    ("https://e.org/slug/comment-page-12/", "https://e.org/slug/"),
    ("https://e.org/?cpage=3&p=12", "https://e.org/?p=12"),
    ("https://e.org/slug/?cpage=2", "https://e.org/slug/"),
    ("https://e.org/category/news/comment-page-2/", None),  # not a post
    ("https://e.org/slug/comment-page-0/", None),
    ("https://e.org/slug/comment-page-99999/", None),       # past ARCHIVE_MAX_PAGE
    ("https://e.org/slug/comment-page-2/?cpage=3", None),   # a page number spelled twice
    ("https://e.org/slug/", None),
])
def test_comment_pages_name_their_post(url, post):
    assert comment_page(url) == post
    if "comment-page" in url or "cpage" in url:
        assert not classify(url)  # never followed for what the URL alone says
