"""Trim a body's container down to the body when it may hold the post's title and meta.

Used on stripped copies (an ``<article>`` whose title and ``post-meta`` wrapper were cut away,
leaving the meta ``<span>``s loose beside the paragraphs), on generic wrappers
(``.post-content``) and on containers found by their text alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .dom import Element, drop_all, xpath
from .shown import SHOWN_DATE, is_date_line

_CHROME_TAGS = frozenset(("header", "footer", "h1"))
# The post meta lines themes print: never the post's text, wherever they sit (some themes
# print the term links' footer inside .entry-content).
_META_CLASSES = frozenset((
    "entry-meta", "post-meta", "entry-footer", "entry-utility", "postmetadata", "byline",
    "posted-on", "cat-links", "tags-links", "post-categories", "post-tags", "entry-categories",
    "entry-tags",
))
# Besides the meta, in a container that may hold the whole entry: its header and title, and
# hCard/date classes (in the body's own text they may mark an address or an event).
_CHROME_CLASSES = _META_CLASSES | frozenset((
    "entry-header", "entry-title", "post-title", "post-info", "vcard", "updated", "published",
    "entry-date",
))
# Microdata of the post itself, wherever a theme prints it.
_CHROME_ITEMPROPS = frozenset(("headline", "datePublished", "dateModified", "author"))
_META_LINKS = xpath(
    "descendant::*[self::time"
    " or self::a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' tag ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' category ')"
    " or contains(@href, '/author/') or substring(@href, string-length(@href) - 7) = '#respond'"
    " or substring(@href, string-length(@href) - 8) = '#comments']]"
)
# One step, not a union of one per tag: libxml2 sorts a union's nodes with comparisons that walk
# the siblings, quadratic on a body of 50,000 loose spans (minutes), where this stays linear.
_SHORT_INLINES = xpath(
    "descendant::*[self::span or self::small or self::em or self::strong or self::b or self::div"
    " or self::p][string-length(normalize-space()) < 60]"
)
_MAX_GUESSES = 10
_INLINE = frozenset(("span", "small", "em", "strong", "b", "i", "u", "a", "time", "abbr", "font",
                     "label", "sup", "sub", "cite", "mark"))


@lru_cache(maxsize=4096)
def is_chrome(tag: str, names: str | None, itemprop: str | None) -> bool:
    """Title, header/footer and meta blocks, by an element's tag and attributes (checked
    during the body's one cleaning walk)."""
    if tag in _CHROME_TAGS or itemprop in _CHROME_ITEMPROPS:
        return True
    return names is not None and not _CHROME_CLASSES.isdisjoint(names.split())


@lru_cache(maxsize=4096)
def is_meta_line(names: str | None) -> bool:
    """A post meta line (``.entry-meta``, ``.tags-links``...), cut from any body, by its
    ``class``."""
    return names is not None and not _META_CLASSES.isdisjoint(names.split())


def strip_loose_meta(root: Element) -> None:
    """Remove what is left of the meta once its blocks are gone: byline, date, term and
    comment-link bits loose among the paragraphs."""
    drop_all(_outermost_inline(el, root) for el in _META_LINKS(root))
    drop_all(_date_lines(root))


def _date_lines(root: Element) -> Iterator[Element]:
    """The short inline elements of ``root`` whose whole text is a date, in any language (the
    dateparser guesses a non-English one takes are bounded: a page of a thousand "Chapter 12,
    2019" spans must not cost seconds)."""
    guesses = _MAX_GUESSES
    for el in _SHORT_INLINES(root):
        text = el.text_content().strip()
        if el is not root and is_date_line(text, guess=guesses > 0):
            yield el
        elif el is not root and SHOWN_DATE.fullmatch(text):
            guesses -= 1


def _outermost_inline(el: Element, root: Element) -> Element:
    """``el`` widened to the largest inline element around it (``<span>Posted by <a>``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent is not root and parent.tag in _INLINE:
        node, parent = parent, parent.getparent()
    return node
