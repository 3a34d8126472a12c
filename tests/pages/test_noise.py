"""What counts as noise around a post body, and what must not."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.pages import PostPage
from crawler.pages.noise import _EXACT, _WORDS, _may_be_noise, classify


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("sharedaddy", "share"),
        ("share-post", "share"),
        ("social-share", "share"),
        ("addtoany_share_save_container", "share"),
        ("jp-relatedposts", "related"),
        ("crp_related", "related"),
        ("yarpp-related", "related"),
        ("related-posts", "related"),
        ("adsbygoogle", "ads"),
        ("e3lan-post", "ads"),
        ("div-gpt-ad-1650000000000-0", "ads"),
        ("ads-top", "ads"),
        ("author-box", "author_box"),
        ("saboxplugin-wrap", "author_box"),
        ("comment-respond", "comments"),
        ("post-navigation", "nav"),
        ("widget_tag_cloud", "chrome"),
    ],
)
def test_noise_names(name, kind):
    assert classify(name) == kind


@pytest.mark.parametrize(
    "name",
    ["shareholder-letter", "download", "headline", "loader", "badge", "thread", "address",
     "tag-ads", "category-social", "tag-share", "has-social-icons", "is-style-related",
     "wp-block-quote", "entry-content", "author-admin", "comment", "token", "reading-time",
     "elementor-widget-text-editor",
     # block themes print the Post Author block as the byline (authors.py reads it as such)
     "wp-block-post-author"],
)
def test_content_names_are_not_noise(name):
    assert classify(name) is None


def _body(inner: str) -> str:
    html = (
        '<html><body class="single single-post postid-1"><article id="post-1" class="post-1 post '
        f'type-post tag-ads category-social"><div class="entry-content">{inner}</div></article>'
        "</body></html>"
    )
    return PostPage(Selector(text=html), "https://example.org/p/").fields()["content_text"]


def test_content_with_lookalike_classes_is_kept():
    inner = ('<p class="shareholder-letter">Dear shareholders.</p>'
             '<div class="download-box"><p>Get the PDF.</p></div>'
             '<pre class="language-js"><span class="token comment">// keep me</span></pre>')
    assert _body(inner) == "Dear shareholders.\n\nGet the PDF.\n\n// keep me"


def test_share_related_ads_author_box_and_hidden_are_cut():
    inner = ('<p>Body.</p>'
             '<div class="share-buttons"><a href="https://x.example/share">Share</a></div>'
             '<div class="yarpp-related"><h3>Related posts</h3></div>'
             '<div class="e3lan e3lan-in-post1">Ad text</div>'
             '<div class="author-bio"><p>About the author.</p></div>'
             '<span style="display: none">hidden</span>'
             '<iframe src="https://googleads.g.doubleclick.net/pagead/ads"></iframe>'
             '<noscript><p>Enable JS</p></noscript><style>p{}</style>')
    assert _body(inner) == "Body."


def test_video_iframes_stay_in_the_html():
    html = ('<html><body class="single postid-1"><article class="post-1">'
            '<div class="entry-content"><p>Watch.</p>'
            '<iframe src="https://www.youtube.com/embed/x"></iframe></div></article>'
            "</body></html>")
    fields = PostPage(Selector(text=html), "https://example.org/p/").fields()
    assert "youtube.com/embed/x" in fields["content_html"]


def test_layout_wrappers_named_after_the_sidebar_do_not_hide_the_post():
    html = ('<html><body class="sidebar-right ast-right-sidebar single postid-3">'
            '<div class="container sidebar-right"><article id="post-3" class="post-3 post">'
            '<h1 class="entry-title">Kept</h1><div class="entry-content"><p>Body.</p></div>'
            '<a href="/tag/x/" rel="tag">x</a></article><div id="sidebar-1"><a href="/tag/y/"'
            ' rel="tag">y</a></div></div></body></html>')
    fields = PostPage(Selector(text=html), "https://example.org/p/").fields()
    assert (fields["title"], fields["content_text"], fields["tags"]) == ("Kept", "Body.", ["x"])


def test_the_quick_prefilter_lets_every_noise_name_through():
    names = [*_EXACT, *(f"x-{word}" for word in _WORDS), "author-bio", "widget_text", "sidebar-2"]
    assert [name for name in names if not _may_be_noise(name)] == []
