"""The crawl policy, tested on hand-made URLs (extraction is tested elsewhere)."""

import pytest

from crawler.routing import Bounds, PageKind, classify

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
