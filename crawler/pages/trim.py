"""Trim an entry element down to its body when no body wrapper is known.

Used on stripped copies (an ``<article>`` whose title and ``post-meta`` wrapper were cut away,
leaving the meta ``<span>``s loose beside the paragraphs) and on unfamiliar themes.
"""

from __future__ import annotations

from .dates import DATE_TEXT
from .dom import Element, css, drop, xpath

_CHROME = css(
    "header, footer, h1, .entry-header, .entry-meta, .post-meta, .entry-footer, .entry-title,"
    " .post-title, .byline, .posted-on, .cat-links, .tags-links, .entry-utility, .postmetadata,"
    " .post-info, .vcard, .updated, .published, .entry-date"
)
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


def strip_entry_chrome(root: Element) -> None:
    """Remove title, header/footer, meta blocks, loose byline/date/term/comment-link bits."""
    for el in _CHROME(root):
        if el is not root:
            drop(el)
    for el in _META_LINKS(root):
        drop(_outermost_inline(el, root))
    for el in _SHORT_INLINES(root):
        if el is not root and DATE_TEXT.fullmatch(el.text_content().strip()):
            drop(el)


def _outermost_inline(el: Element, root: Element) -> Element:
    """``el`` widened to the largest inline element around it (``<span>Posted by <a>``)."""
    node = el
    parent = node.getparent()
    while parent is not None and parent is not root and parent.tag in _INLINE:
        node, parent = parent, parent.getparent()
    return node
