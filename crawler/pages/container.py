"""The post body's wrapper, known by the classes themes and page builders give it."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

from .dom import Element, ancestors_or_self
from .entry import is_other_post
from .noise import in_side_block


def _ranks(*tiers: Iterable[str]) -> MappingProxyType[str, float]:
    return MappingProxyType({name: float(rank) for rank, tier in enumerate(tiers) for name in tier})


# Priority order: a theme's or builder's dedicated body wrapper beats a generic one that may
# also hold the title and meta (``.post-content`` around ``.entry-content`` in some themes).
_RANKS = _ranks(
    ("entry-content",),
    ("wp-block-post-content",),
    # Page builders' "post content" modules: Elementor Pro, Divi and Beaver Themer single
    # templates, tagDiv (Newspaper) cloud templates, Bricks, Breakdance.
    ("elementor-widget-theme-post-content", "et_pb_post_content", "fl-post-content",
     "tdb_single_content", "brxe-post-content", "bde-post-content"),
    ("entry",),
    ("post-content",),
    (),  # [itemprop=articleBody]
    ("post-entry",), ("entry-body",), ("article-content",), ("td-post-content",),
    ("single-content",), ("post-body",),
)
_ARTICLE_BODY_RANK = 5.0
_ENTRY_RANK = _RANKS["entry"]
# From .post-content on, wrappers are generic: some themes print the title and meta in them.
_GENERIC_RANK = _RANKS["post-content"]
_TAGS = frozenset(("div", "section", "article", "main", "span", "td"))
_MEDIA = ("img", "video", "audio", "iframe")


def find_container(scope: Element, post_id: int | None = None,
                   elements: Iterable[Element] | None = None) -> Element | None:
    """The best known body wrapper in ``scope`` outside comments, widgets and other posts'
    cards (``.entry-content``, ``div.entry``, ``[itemprop=articleBody]``...), or None.
    ``elements``: the scope's candidate elements when they are known already (its
    :class:`~crawler.pages.select.Index`, the page's blocks), page order, the scope first."""
    best: tuple[float, Element] | None = None
    for el in scope.iter(*_TAGS) if elements is None else elements:
        if el.tag not in _TAGS:
            continue
        value = el.get("class")
        # Every known name has one of these words: most elements are ruled out unsplit.
        if not (value and ("entry" in value or "content" in value or "body" in value)
                or el.get("itemprop") == "articleBody"):
            continue
        rank = container_rank(el)
        if (rank is not None and (best is None or rank < best[0])
                and not in_side_block(el, scope) and not in_other_post(el, scope, post_id)
                and _holds_something(el)):
            best = (rank, el)
    return best[1] if best else None


def _holds_something(el: Element) -> bool:
    """Text or media: an empty wrapper (a placeholder a script fills) is no body."""
    # itertext stops at the first words; text_content() would join the whole body first.
    if any(text.strip() for text in el.itertext()):
        return True
    return next(el.iterdescendants(*_MEDIA), None) is not None


def container_rank(el: Element) -> float | None:
    """How good a body wrapper ``el`` is by its class (lower is better); None: not one."""
    tokens = (el.get("class") or "").split()
    ranks = [_RANKS[t] for t in tokens if t in _RANKS]
    if "entry" in tokens and el.tag != "div":
        ranks.remove(_ENTRY_RANK)  # Sahifa's `div.entry`; elsewhere "entry" is too common a word
    if el.get("itemprop") == "articleBody":
        ranks.append(_ARTICLE_BODY_RANK)
    return min(ranks) if ranks else None


def holds_chrome(el: Element) -> bool:
    """May ``el``, the body's container, hold the post's title and meta too (to be trimmed)?
    Yes when it is no known wrapper, or a generic one (``.post-content``, ``.article-content``)."""
    rank = container_rank(el)
    return rank is None or rank >= _GENERIC_RANK


def in_other_post(el: Element, scope: Element, post_id: int | None) -> bool:
    """Is ``el`` (below ``scope``) part of another post's card?"""
    return any(is_other_post(node, post_id) for node in ancestors_or_self(el, scope))
