"""Terms, comment counts and the page object's purity, on minimal pages."""

from __future__ import annotations

import lxml.etree
import pytest
from parsel import Selector

from crawler.pages import PostPage
from crawler.pages.comments import parse_count

from .minimal import URL, fields

# taxonomy --------------------------------------------------------------------------------------

def test_block_theme_terms_split_by_container_then_by_url():
    body = ('<main><div class="taxonomy-category wp-block-post-terms">'
            '<a href="/category/a/" rel="tag">A</a></div>'
            '<div class="taxonomy-post_tag wp-block-post-terms">'
            '<a href="/tag/b/" rel="tag">B</a></div>'
            '<div class="taxonomy-genre wp-block-post-terms">'
            '<a href="/genre/g/" rel="tag">G</a></div>'
            '<p><a href="/?cat=4" rel="tag">C</a> <a href="/?tag=d" rel="tag">D</a> '
            '<a href="/category/a/" rel="category tag">A</a></p></main>')
    found = fields(body)
    assert (found["categories"], found["tags"]) == (["A", "C"], ["B", "D"])


def test_rel_tag_and_author_links_inside_the_body_are_not_the_posts():
    body = ('<article class="post-7"><div class="entry-content"><p>See '
            '<a href="https://technorati.com/tag/music" rel="tag">music</a> by '
            '<a href="https://example.org/author/guest/">a guest</a>.</p></div>'
            '<footer><a href="/tag/jazz/" rel="tag">jazz</a></footer></article>')
    found = fields(body)
    assert (found["tags"], found["author"], found["author_slug"]) == (["jazz"], None, None)


def test_article_tag_metas_when_the_page_lists_no_tags():
    head = '<meta property="article:tag" content="x"><meta property="article:tag" content="y">'
    assert fields("<main></main>", head)["tags"] == ["x", "y"]


# comments --------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("8 Comments", 8),
        ("8 comments", 8),
        ("One thought on “Top 10 tips”", 1),
        ("One response to “2017 in review”", 1),
        ("3 thoughts on “2017”", 3),
        ("No Comments", 0),
        ("Leave a comment", 0),
        ("Leave a Reply", 0),
        ("Comments (12)", 12),
        ("UserComments:5", 5),
        ("1,024 comments", 1024),
        ("Comments Off", None),
        ("Comments", None),
    ],
)
def test_parse_count(text, count):
    assert parse_count(text) == count


def test_comment_count_is_none_when_the_page_says_nothing():
    body = '<article class="post-7"><div class="entry-content">x</div></article>'
    assert fields(body)["comment_count"] is None


def test_comment_count_from_json_ld():
    head = '<script type="application/ld+json">{"@type":"BlogPosting","commentCount":"6"}</script>'
    assert fields("<main></main>", head)["comment_count"] == 6


def test_broken_json_ld_is_skipped():
    head = ('<script type="application/ld+json">{"@type": "BlogPosting",,}</script>'
            '<script type="application/ld+json">{"@type":"BlogPosting","commentCount":2}</script>')
    assert fields("<main></main>", head)["comment_count"] == 2


def test_sidebar_comment_links_of_other_posts_do_not_count():
    body = ('<article class="post-7"><div class="entry-content">x</div></article>'
            '<aside><a href="https://example.org/other/#comments">12 Comments</a></aside>')
    assert fields(body)["comment_count"] is None


# purity ----------------------------------------------------------------------------------------

def test_fields_leave_the_selector_tree_untouched_and_are_repeatable():
    html = ('<html><body class="single postid-7"><article class="post-7">'
            '<div class="entry-content"><p>Keep</p><div class="sharedaddy">Share</div>'
            '<script>x()</script></div></article>'
            "</body></html>")
    selector = Selector(text=html)
    before = lxml.etree.tostring(selector.root)
    post = PostPage(selector, URL)
    first = post.fields()
    assert lxml.etree.tostring(selector.root) == before
    assert PostPage(selector, URL).fields() == first
    assert first["content_text"] == "Keep"


def test_fields_keys_are_the_interface():
    assert list(fields("<main></main>")) == [
        "post_id", "title", "author", "author_slug", "published", "modified", "categories",
        "tags", "content_html", "content_text", "word_count", "images", "links",
        "comment_count", "published_raw", "modified_raw", "canonical"]
