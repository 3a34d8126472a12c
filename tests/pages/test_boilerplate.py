"""Interface bits inside a post's wrapper: labels standing alone and share links go; the same
words inside the post's sentences stay."""

from __future__ import annotations

import pytest

from tests.pages.minimal import fields


def _text(inner: str) -> str:
    return fields(f'<article id="post-7" class="post-7 post"><div class="entry-content">{inner}'
                  "</div></article>")["content_text"]


@pytest.mark.parametrize(
    "label",
    ["<h3>Comments</h3>", "<p><strong>Read More</strong></p>", "<p>Share this:</p>",
     '<div class="x"><center><span>Advert</span><br></center></div>', "<p>Related articles</p>"],
)
def test_a_label_alone_in_its_block_is_cut(label):
    assert _text(f"<p>The post itself.</p>{label}<p>More of it.</p>") == (
        "The post itself.\n\nMore of it.")


@pytest.mark.parametrize(
    ("prose", "text"),
    [
        ("<p>Watch the <em>video</em> before you vote.</p>", "Watch the video before you vote."),
        ("<p><b>Updated</b> on Monday.</p>", "Updated on Monday."),
        ("<h2>Comments from readers, edited</h2>", "Comments from readers, edited"),
        ("<p>Share <a href='/x'>it</a></p>", "Share it"),
    ],
)
def test_the_same_words_in_the_posts_sentences_stay(prose, text):
    assert _text(prose) == text


def test_share_links_go_and_their_block_with_them():
    text = _text(
        "<p>Body text.</p><div class='wabtn_container'>"
        "<a href='whatsapp://send?text=x'>Share this on WhatsApp</a></div>"
        "<p><a href='https://www.facebook.com/sharer/sharer.php?u=x'>Facebook</a> "
        "<a href='https://twitter.com/intent/tweet?url=x'>Twitter</a></p>"
        "<p>See <a href='https://example.org/report'>the report</a>.</p>"
    )
    assert text == "Body text.\n\nSee the report."


def test_meta_lines_inside_a_known_wrapper_are_cut_hcards_stay():
    text = _text(
        "<p>Body text.</p>"
        '<footer class="entry-footer"><span class="cat-links">Filed under: '
        '<a rel="category tag" href="/category/news/">News</a> |</span></footer>'
        '<p class="tags-links">Tags: <a rel="tag" href="/tag/x/">x</a></p>'
        '<div class="vcard"><span class="fn">City Library</span>, 1 Main Street</div>'
    )
    assert text == "Body text.\n\nCity Library, 1 Main Street"
