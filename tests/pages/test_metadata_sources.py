"""Authors, titles and site names, terms and front matter: the cases real pages showed."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.pages import PostPage, SiteProfile
from crawler.pages.authors import person_name
from crawler.pages.frontmatter import parse_block
from crawler.pages.sitename import SiteNames, host_key
from crawler.pages.titles import strip_site_name

from .minimal import fields

# authors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("By India Post News Weekly", "India Post News Weekly"),
        ("Posted by Ermando", "Ermando"),
        ("Por Ana Souza", "Ana Souza"),
        ("Автор: Вера", "Вера"),
        ("C. Aliens", "C. Aliens"),
        ("September 8, 2016", None),
        ("2016-09-08", None),
        ("https://www.facebook.com/someone", None),
        ("editor@example.org", None),
        ("", None),
    ],
)
def test_person_name(text, name):
    assert person_name(text) == name


def test_the_byline_date_link_is_not_the_author():
    body = ('<article class="post-7"><span class="byline"><a href="/2020/01/02/a-post/">'
            'January 2, 2020</a> <a href="/author/ann/">Ann Lee</a></span><p>x</p></article>')
    assert (fields(body)["author"], fields(body)["author_slug"]) == ("Ann Lee", "ann")


def test_the_designer_credit_in_meta_author_loses_to_the_page_s_author():
    head = ('<meta name="author" content="ThemeForest Studio"><script type="application/ld+json">'
            '{"@type": "BlogPosting", "author": {"@type": "Person", "name": "Ann Lee"}}</script>')
    assert fields("<article class='post-7'><p>x</p></article>", head)["author"] == "Ann Lee"
    assert fields("<article class='post-7'><p>x</p></article>",
                  '<meta name="author" content="Ann Lee">')["author"] == "Ann Lee"


@pytest.mark.parametrize("block", [
    # Twenty Twenty-Three (WordPress 6.1): the Post Author block without avatar or link
    '<div class="wp-block-post-author"><div class="wp-block-post-author__content">'
    '<p class="wp-block-post-author__name">Ann Lee</p></div></div>',
    # Post Author Name block (WordPress 6.2+), with or without a link
    '<div class="wp-block-post-author-name">Ann Lee</div>',
    '<div class="wp-block-post-author-name"><a href="https://b.example/author/ann/">Ann Lee</a>'
    '</div>',
])
def test_block_theme_author(block):
    body = (f'<main><h1 class="wp-block-post-title">A post</h1>{block}'
            '<div class="entry-content wp-block-post-content"><p>Text.</p></div></main>')
    assert fields(body)["author"] == "Ann Lee"


# titles and the site name ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("raw", "host", "expected"),
    [
        ("Twelve Traffickers Raided | Deep Dot Web", "deepdotweb", "Twelve Traffickers Raided"),
        ("Twelve Traffickers Raided - DeepDotWeb", "deepdotweb", "Twelve Traffickers Raided"),
        ("DeepDotWeb.com | Twelve Traffickers", "deepdotweb", "Twelve Traffickers"),
        ("The Reviews Are Here - Digg", "digg", "The Reviews Are Here"),
        ("Deep learning - an intro", "deepdotweb", "Deep learning - an intro"),
        ("Traffickers Raided | Deep Dot Web", "", "Traffickers Raided | Deep Dot Web"),
    ],
)
def test_site_name_from_the_host_when_the_page_declares_none(raw, host, expected):
    assert strip_site_name(raw, None, host) == expected


def test_host_key():
    assert host_key("https://www.deepdotweb.com/2017/11/18/x/") == "deepdotweb"
    assert host_key("http://127.0.0.1:8080/x") == "0"  # no name: matches nothing real


def test_site_names_learns_the_affix_most_titles_share():
    names = SiteNames()
    for title in ("One | My Blog", "Two | My Blog"):
        names.observe(title)
    assert names.name() is None  # two pages are not evidence yet
    for title in ("Three | My Blog", "No separator here", "Four - five | My Blog"):
        names.observe(title)
    assert names.name() == "My Blog"


def test_site_names_stays_small_on_titles_that_share_nothing():
    names = SiteNames()
    for n in range(5000):
        names.observe(f"Post {n} | Part {n}")
    assert names.name() is None and len(names._affixes) <= 2000


def test_a_crawl_strips_the_learned_name_from_stripped_copies():
    profile = SiteProfile()
    for n in range(4):
        html = (f"<html><head><title>Post {n} :: The Daily Thing</title></head><body>"
                f"<article class='post-{n} post'><p>Text {n}.</p></article></body></html>")
        found = PostPage(Selector(text=html), f"https://blog.example/{n}/", None, profile).fields()
    assert found["title"] == "Post 3"


def test_post_title_wrapper_holding_the_byline():
    body = ('<article class="post-7"><div class="post-title"><h2>The real title</h2>'
            '<span class="byline">By Ann, January 2, 2020</span></div><p>x</p></article>')
    assert fields(body)["title"] == "The real title"


def test_the_entry_s_one_h1_beats_og_title():
    head = '<meta property="og:title" content="A shorter social title">'
    body = "<article class='post-7'><h1>The headline as shown</h1><p>x</p></article>"
    assert fields(body, head)["title"] == "The headline as shown"


# terms -----------------------------------------------------------------------------------------

def test_term_list_inside_the_body_wrapper_counts_prose_tags_do_not():
    body = ('<article class="post-7"><div class="entry-content"><p>See <a rel="tag" '
            'href="https://technorati.com/tag/x">x</a>.</p><div class="tags-links">'
            '<a rel="tag" href="/tag/ev/">EV</a><a rel="tag" href="/tag/vw/">VW</a></div>'
            '</div></article>')
    assert fields(body)["tags"] == ["EV", "VW"]


def test_a_theme_taxonomy_class_is_not_a_taxonomy():
    body = ('<article class="post-7"><div class="entry-content"><p>x</p></div>'
            '<footer class="taxonomy-links"><a rel="tag" href="/tag/ev/">EV</a>'
            '<a rel="category tag" href="/category/news/">News</a></footer></article>')
    found = fields(body)
    assert (found["categories"], found["tags"]) == (["News"], ["EV"])


def test_block_terms_of_another_taxonomy_are_skipped():
    body = ('<main><div class="entry-content"><p>x</p></div>'
            '<div class="wp-block-post-terms taxonomy-series"><a rel="tag" href="/series/s/">S</a>'
            '</div><div class="wp-block-post-terms taxonomy-post_tag"><a rel="tag" '
            'href="/tag/t/">T</a></div></main>')
    assert fields(body)["tags"] == ["T"]


# front matter ----------------------------------------------------------------------------------

def test_front_matter_yaml():
    matter = parse_block('layout: post\ntitle: "Release notes: 2.0 & beyond"\n'
                         "date: 2018-04-02 10:00:00 +0200\nauthor: Sam\n"
                         "categories: [Releases, News]\ntags:\n  - cli\n  - 'python'\n")
    assert matter.title == "Release notes: 2.0 & beyond"
    assert matter.text("date") == "2018-04-02 10:00:00 +0200"
    assert (matter.names("categories"), matter.names("tags")) == (["Releases", "News"],
                                                                  ["cli", "python"])


def test_front_matter_bare_title_line_and_none():
    assert parse_block("Twelve Kazakhstan Traffickers Raided by Special Forces").title \
        == "Twelve Kazakhstan Traffickers Raided by Special Forces"
    assert parse_block("one\ntwo").title is None


def test_front_matter_is_evidence_for_every_field_the_article_lacks():
    html = ("---\ntitle: A copy\ndate: 2018-04-02 10:00:00\nauthor: Sam Oyelaran\n"
            "categories: [Releases]\ntags: cli, python\n---\n"
            "<article class='post-311 post'><p>Version 2.0 is out.</p></article>")
    found = PostPage(Selector(text=html), "https://tools.example/2018/04/02/a-copy/").fields()
    assert {key: found[key] for key in ("title", "published", "author", "categories", "tags")} \
        == {"title": "A copy", "published": "2018-04-02T10:00:00", "author": "Sam Oyelaran",
            "categories": ["Releases"], "tags": ["cli", "python"]}


def test_password_protected_post_title_without_the_protected_prefix():
    body = ('<main><h1 class="wp-block-post-title">Protected: Members’ Minutes</h1>'
            '<div class="entry-content"><form class="post-password-form" action="/wp-login.php">'
            '<p>This content is password protected.</p></form></div></main>')
    assert fields(body)["title"] == "Members’ Minutes"
    assert fields("<main><h1 class='entry-title'>Protected: a word</h1></main>")["title"] \
        == "Protected: a word"
