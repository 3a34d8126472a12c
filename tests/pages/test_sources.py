"""Single sources of single fields, on minimal pages: which source wins, what is refused.
(Post ID, kind, title, author, dates; terms and comments are in test_terms_comments.py.)"""

from __future__ import annotations

import pytest

from crawler.pages.ids import header_links
from crawler.pages.titles import strip_site_name

from .minimal import fields, page

# post_id ---------------------------------------------------------------------------------------

def test_post_id_from_article_id_when_body_has_no_class():
    assert fields('<article id="post-31" class="post">x</article>', body_class="")["post_id"] == 31


def test_post_id_from_shortlink():
    head = "<link rel='shortlink' href='https://example.org/?p=55' />"
    assert fields("<main>x</main>", head, body_class="")["post_id"] == 55


def test_post_id_from_scrapy_style_bytes_link_header():
    headers = {b"Link": [b"<https://example.org/wp-json/>; rel=\"https://api.w.org/\"",
                         b"<https://example.org/?p=88>; rel=shortlink"]}
    assert fields("<main>x</main>", body_class="", headers=headers)["post_id"] == 88


def test_post_id_from_comment_form_as_last_resort():
    body = ("<main><form action='/wp-comments-post.php'>"
            "<input name='comment_post_ID' value='61'></form></main>")
    assert fields(body, body_class="")["post_id"] == 61


def test_header_links_reads_quoted_and_bare_rels():
    header = ('<https://e.org/wp-json/wp/v2/posts/9>; rel="alternate"; type="application/json", '
              "<https://e.org/?p=9>; rel=shortlink")
    assert header_links(header, "shortlink") == ["https://e.org/?p=9"]
    assert header_links(header, "alternate") == ["https://e.org/wp-json/wp/v2/posts/9"]


# kind ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("body_class", "kind"),
    [
        ("post-template-default single single-post postid-7", "post"),
        ("single single-product postid-7", "post"),
        ("page-template-default page page-id-2", "page"),
        ("home page-template-default page page-id-2", "page"),
        ("attachment single single-attachment postid-9 attachmentid-9", "attachment"),
        ("home blog", "listing"),
        ("archive tag tag-boats tag-4", "listing"),
        ("search search-results", "listing"),
        ("archive author author-marta author-2", "listing"),
        ("error404", "error"),
    ],
)
def test_kind_from_body_classes(body_class, kind):
    assert page("<main></main>", body_class=body_class).kind == kind


def test_kind_without_body_class_two_articles_is_a_listing():
    body = ('<article class="post-1 post type-post">a</article>'
            '<article class="post-2 post type-post">b</article>')
    assert page(body, body_class="").kind == "listing"


@pytest.mark.parametrize(("query", "kind"), [("p=3", "post"), ("page_id=3", "page"),
                                             ("attachment_id=3", "attachment")])
def test_kind_from_shortlink_header(query, kind):
    headers = {"Link": f"<https://example.org/?{query}>; rel=shortlink"}
    assert page("<div>x</div>", body_class="x", headers=headers).kind == kind


def test_kind_unknown_without_any_signal():
    assert page("<div>x</div>", body_class="").kind == "unknown"


# title -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "site", "expected"),
    [
        ("A post | Site", "Site", "A post"),
        ("A post – Site", "Site", "A post"),
        ("A post - Site", "Site", "A post"),
        ("A post » Site", "Site", "A post"),
        ("Site | A post", "Site", "A post"),
        ("A post - Site", None, "A post - Site"),
        ("Site", "Site", "Site"),
        ("Co-op - the A-Z - Site", "Site", "Co-op - the A-Z"),
    ],
)
def test_strip_site_name(raw, site, expected):
    assert strip_site_name(raw, site) == expected


def test_title_from_document_title_with_site_name_from_feed_link():
    head = ('<title>Чому ми п&#8217;ємо чай &amp; каву &#8211; Кава &amp; Чай</title>'
            '<link rel="alternate" type="application/rss+xml"'
            ' title="Кава &amp; Чай &raquo; Стрічка"'
            ' href="https://kava.example/feed/" />')
    assert fields("<main><p>x</p></main>", head)["title"] == "Чому ми п’ємо чай & каву"


def test_og_title_beats_document_title():
    head = ('<meta property="og:title" content="From OG | Site"><meta property="og:site_name" '
            'content="Site"><title>From title | Site</title>')
    assert fields("<main></main>", head)["title"] == "From OG"


def test_title_heading_line_breaks_read_as_spaces():
    body = '<article class="post-7"><h1 class="entry-title">Line<br>Next &amp; last</h1></article>'
    assert fields(body)["title"] == "Line Next & last"


# author ----------------------------------------------------------------------------------------

def test_author_slug_from_json_ld_person_when_the_name_is_unlinked():
    head = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":['
            '{"@type":"BlogPosting","author":{"@id":"#p1"}},'
            '{"@type":"Person","@id":"#p1","name":"Ana",'
            '"url":"https://example.org/author/ana-b/"}]}'
            "</script>")
    body = '<main><div class="wp-block-post-author-name">Ana B.</div></main>'
    found = fields(body, head)
    assert (found["author"], found["author_slug"]) == ("Ana B.", "ana-b")


def test_author_links_in_comments_and_sidebar_are_ignored():
    body = ('<article class="post-7 post type-post">'
            '<div class="entry-content"><p>x</p></div></article>'
            '<div id="comments">'
            '<a href="https://example.org/author/commenter/" rel="author">C</a></div>'
            '<aside class="widget-area"><a href="https://example.org/author/other/">O</a></aside>')
    found = fields(body)
    assert (found["author"], found["author_slug"]) == (None, None)


def test_author_from_meta_name():
    found = fields("<main></main>", '<meta name="author" content="Jo Doe">')
    assert (found["author"], found["author_slug"]) == ("Jo Doe", None)


# dates -----------------------------------------------------------------------------------------

def test_one_published_updated_time_is_not_a_modification_date():
    body = ('<article class="post-7"><time class="entry-date published updated" '
            'datetime="2021-01-01T10:00:00+00:00">Jan 1</time>'
            '<div class="entry-content">x</div></article>')
    found = fields(body)
    assert (found["published"], found["modified"]) == ("2021-01-01T10:00:00+00:00", None)


def test_open_graph_dates_come_first():
    head = ('<meta property="article:published_time" content="2020-01-02T03:04:05+01:00">'
            '<meta property="og:updated_time" content="2020-02-02T03:04:05+01:00">')
    body = ('<article class="post-7">'
            '<time class="published" datetime="1999-01-01">x</time></article>')
    found = fields(body, head)
    assert (found["published"], found["modified"]) == ("2020-01-02T03:04:05+01:00",
                                                      "2020-02-02T03:04:05+01:00")


def test_visible_date_is_the_last_resort_and_comment_dates_never_count():
    body = ('<article class="post-7"><p class="post-meta"><span>March 3, 2015</span></p>'
            '<div class="entry-content"><p>On April 1, 2014 we met.</p></div></article>'
            '<ol class="commentlist"><li id="comment-1">May 5, 2016 at 5:00 pm</li></ol>')
    assert fields(body)["published"] == "2015-03-03"


def test_dates_in_the_body_are_not_the_post_date():
    body = ('<article class="post-7"><div class="entry-content"><p>On April 1, 2014 we met.</p>'
            '<p><time datetime="2014-04-01">then</time></p></div></article>')
    assert fields(body)["published"] is None
