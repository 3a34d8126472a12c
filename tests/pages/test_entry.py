"""Finding the post's element: the markers of this post, never a widget or another post's card.

Real pages with these shapes are tested in test_article_bodies.py; these minimal pages pin each
rule down alone.
"""

from __future__ import annotations

from tests.pages.minimal import page

PROSE = "<p>" + "A sentence of the post, long enough to read as prose, with commas. " * 3 + "</p>"


def test_an_id_starting_with_post_is_no_post_marker():
    found = page(
        '<div id="post-wrapper"><div id="post-ratings-7" class="post-ratings">Rated 4.5</div>'
        f'<h1>Title</h1><div class="content">{PROSE * 2}</div></div>'
    )
    assert found.marked_entry is None
    assert found.container.get("class") == "content"
    assert found.fields()["content_text"].startswith("A sentence of the post")


def test_another_posts_card_is_neither_the_entry_nor_part_of_the_body():
    card = ('<article class="post-9 post type-post hentry"><h2>Other post</h2>'
            "<p>Teaser of another post, which is not this one at all.</p></article>")
    found = page(
        f'<div class="grid">{card}</div>'
        f'<div class="layout post-7"><div class="text">{PROSE}{card}</div></div>'
    )
    assert found.entry.get("class") == "layout post-7"
    assert "Teaser" not in found.fields()["content_text"]
    assert found.fields()["content_text"].startswith("A sentence of the post")


def test_with_the_id_unknown_the_post_like_element_with_the_most_text_is_the_entry():
    found = page(
        '<article class="hentry teaser"><p>A short teaser, promoted.</p></article>'
        f'<article class="hentry type-post"><div class="entry-content">{PROSE * 3}</div></article>',
        body_class="",
    )
    assert found.entry.get("class") == "hentry type-post"


def test_without_markers_the_body_is_where_the_prose_is():
    found = page(
        '<div class="menu"><a href="/a">Home</a> <a href="/b">News</a></div>'
        f'<div class="story"><h1>Title</h1>{PROSE * 4}</div>'
        '<div class="footer"><p>Copyright 2020, all rights reserved by the owners.</p></div>',
        body_class="",
    )
    assert found.marked_entry is None
    assert found.container.get("class") == "story"
    text = found.fields()["content_text"]
    assert text.startswith("A sentence") and "Copyright" not in text and "Title" not in text


def test_layout_wrappers_named_like_noise_do_not_hide_the_main_region():
    found = page(
        f'<div class="page-ad-margins"><main><div class="story">{PROSE * 4}</div></main>'
        '<div class="ad-slot"><p>Buy things here, the best things, at the lowest prices.</p></div>'
        "</div>",
        body_class="",
    )
    assert found.container.get("class") == "story"


def test_a_column_named_sidebar_inside_the_post_is_its_meta_not_the_page_sidebar():
    found = page(
        '<div id="main"><article id="post-7" class="post-7 post type-post hentry">'
        '<h1 class="entry-title">Title</h1>'
        '<div id="sidebar" class="post-sidebar">'
        '<span class="byline"><a rel="author" href="/author/jane/">Jane Roe</a></span>'
        '<span class="cat-links"><a rel="category tag" href="/category/news/">News</a></span>'
        '</div><div class="entry-content">' + PROSE + "</div></article>"
        '<aside id="secondary" class="widget-area"><section class="widget">'
        '<a rel="author" href="/author/bob/">Bob</a>'
        '<a rel="category tag" href="/category/other/">Other</a></section></aside></div>'
    )
    fields = found.fields()
    assert (fields["author"], fields["author_slug"]) == ("Jane Roe", "jane")
    assert fields["categories"] == ["News"]
    assert fields["content_text"].startswith("A sentence of the post")


def test_outside_the_post_a_sidebar_is_still_the_pages():
    found = page(
        '<div id="main"><div class="story"><h1>Title</h1>' + PROSE * 3 + "</div>"
        '<div id="sidebar"><a rel="author" href="/author/bob/">Bob</a></div></div>',
        body_class="",
    )
    assert found.fields()["author_slug"] is None
