"""Trim a body's container down to the body when it may hold the post's title and meta.

Used on stripped copies (an ``<article>`` whose title and ``post-meta`` wrapper were cut away,
leaving the meta ``<span>``s loose beside the paragraphs), on generic wrappers
(``.post-content``) and on containers found by their text alone.
"""

from __future__ import annotations

from .dates import DATE_TEXT
from .dom import Element, drop_all, xpath

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
    "descendant::a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' tag ')"
    " or contains(concat(' ', normalize-space(@rel), ' '), ' category ')"
    " or contains(@href, '/author/') or substring(@href, string-length(@href) - 7) = '#respond'"
    " or substring(@href, string-length(@href) - 8) = '#comments'] | descendant::time"
)
_SHORT_INLINES = xpath(
    "descendant::*[self::span or self::small or self::em or self::strong or self::b or self::div"
    " or self::p][string-length(normalize-space()) < 60]"
)
_INLINE = frozenset(("span", "small", "em", "strong", "b", "i", "u", "a", "time", "abbr", "font",
                     "label", "sup", "sub", "cite", "mark"))


def is_chrome(el: Element) -> bool:
    """Title, header/footer and meta blocks (checked during the body's one cleaning walk)."""
    if el.tag in _CHROME_TAGS or el.get("itemprop") in _CHROME_ITEMPROPS:
        return True
    names = el.get("class")
    return bool(names) and not _CHROME_CLASSES.isdisjoint(names.split())


def is_meta_line(el: Element) -> bool:
    """A post meta line (``.entry-meta``, ``.tags-links``...), cut from any body."""
    names = el.get("class")
    return bool(names) and not _META_CLASSES.isdisjoint(names.split())


def strip_loose_meta(root: Element) -> None:
    """Remove what is left of the meta once its blocks are gone: byline, date, term and
    comment-link bits loose among the paragraphs."""
    drop_all(_outermost_inline(el, root) for el in _META_LINKS(root))
    drop_all(el for el in _SHORT_INLINES(root)
             if el is not root and DATE_TEXT.fullmatch(el.text_content().strip()))


def _outermost_inline(el: Element, root: Element) -> Element:
    """``el`` widened to the largest inline element around it (``<span>Posted by <a>``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent is not root and parent.tag in _INLINE:
        node, parent = parent, parent.getparent()
    return node
