"""The body of a page no marker points to: the element its paragraphs crowd into.

Readability's scoring, read from text nodes: each block's prose outside links (a ``<p>``, a list
item, a ``<div>`` holding text between ``<br>``s), when long enough, scores by its length and
commas. A ``<p>`` gives its score to its parent and half to its grandparent (paragraphs wrapped
one by one still add up in the body); a ``<div>`` holding text of its own is a body itself.
Menus, link lists and teasers score little: their texts are short and mostly links.
"""

from __future__ import annotations

from .dom import Element, xpath
from .noise import in_side_block

_LINK_TEXT = xpath("descendant::a//text()")
_MIN_CHARS = 25
_TEXTS = xpath(
    "descendant::text()[string-length(normalize-space()) >= 10]"
    "[not(parent::script or parent::style or parent::noscript or parent::template)]",
    smart_strings=True,
)
_INLINE = frozenset(("a", "span", "em", "strong", "b", "i", "u", "font", "small", "big", "sup",
                     "sub", "mark", "cite", "q", "abbr", "time", "code", "label", "s", "strike"))
_HOLDERS = frozenset(("div", "section", "article", "main", "td", "body", "center"))
_CANDIDATES = 10  # best-scored elements whose link density and surroundings are checked


def densest(scope: Element) -> Element | None:
    """The element of ``scope`` (outside comments, sidebars and other noise) holding the most
    prose, or None when ``scope`` has no paragraph at all."""
    scores: dict[Element, float] = {}
    for block, (length, commas) in _paragraphs(scope).items():
        if length < _MIN_CHARS:
            continue
        score = 1 + commas + min(length / 100, 3)
        # A <p> is a paragraph of its parent; a <div> holding text of its own is a body itself.
        holder = block if block.tag in _HOLDERS else block.getparent()
        if holder is None:
            continue
        scores[holder] = scores.get(holder, 0) + score
        parent = holder.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + score / 2
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best: tuple[float, Element] | None = None
    for el in ranked[:_CANDIDATES]:
        if el.tag in ("html", "body") or in_side_block(el, scope):
            continue
        score = scores[el] * (1 - link_density(el))
        if best is None or score > best[0]:
            best = (score, el)
    return best[1] if best else None


def _paragraphs(scope: Element) -> dict[Element, tuple[int, int]]:
    """(characters, commas) of the text outside links of each block element, from its text
    nodes long enough to be prose (menus and link lists count for nothing)."""
    found: dict[Element, tuple[int, int]] = {}
    for text in _TEXTS(scope):
        node = text.getparent()
        if text.is_tail:
            node = node.getparent()
        while node is not None and node.tag in _INLINE and node.tag != "a":
            node = node.getparent()
        if node is None or node.tag == "a":
            continue  # link text: a menu or a list of other pages
        length, commas = found.get(node, (0, 0))
        found[node] = (length + len(text.strip()), commas + text.count(","))
    return found


def link_density(el: Element) -> float:
    """The share of ``el``'s text that is link text."""
    total = len(el.text_content())
    return sum(len(t) for t in _LINK_TEXT(el)) / total if total else 0.0
