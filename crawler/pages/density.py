"""The body of a page no marker points to: the element its paragraphs crowd into.

The classic readability scoring: each paragraph (a ``<p>``, ``<pre>``, or a ``<div>`` holding
text of its own) long enough to be prose scores by its length and commas; its parent earns the
score, its grandparent half of it (paragraphs wrapped one by one still add up in the body).
Menus, link lists and teasers score little: their texts are short and mostly links.
"""

from __future__ import annotations

from .dom import Element, xpath
from .noise import in_meta_noise

_LINK_TEXT = xpath("descendant::a//text()")
_MIN_CHARS = 25
_CANDIDATES = 5  # best-scored elements whose link density is checked


def densest(scope: Element) -> Element | None:
    """The element of ``scope`` (outside comments, sidebars and other noise) holding the most
    prose, or None when ``scope`` has no paragraph at all."""
    scores: dict[Element, float] = {}
    for paragraph in scope.iter("p", "pre", "div"):
        if paragraph.tag == "div" and len((paragraph.text or "").strip()) < _MIN_CHARS:
            continue  # a div is a paragraph only when it holds text of its own
        text = paragraph.text_content()
        length = len(text.strip())
        if length < _MIN_CHARS:
            continue
        score = 1 + text.count(",") + min(length / 100, 3)
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] = scores.get(grandparent, 0) + score / 2
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)
    best: tuple[float, Element] | None = None
    for el in ranked[:_CANDIDATES * 2]:
        if el.tag in ("html", "body") or in_meta_noise(el, scope):
            continue
        score = scores[el] * (1 - link_density(el))
        if best is None or score > best[0]:
            best = (score, el)
    return best[1] if best else None


def link_density(el: Element) -> float:
    """The share of ``el``'s text that is link text."""
    total = len(el.text_content())
    return sum(len(t) for t in _LINK_TEXT(el)) / total if total else 0.0
