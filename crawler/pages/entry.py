"""Which element of a page is the post: the one carrying this post's own markers.

WordPress prints the post's ID in several places: the ``postid-N`` body class, the shortlink,
the REST link, the comment form, and ``post_class()``/``the_ID()`` on the element wrapping the
post (``<article id="post-N" class="post-N ...">``; page builders put ``post-N`` on their single
template's root: Elementor's ``elementor-location-single``, Divi's ``et_pb_post``...). With the
ID known, only an element marked with it is this post: an element marked with another ID is
another post's card (related posts, a grid, a slider), and an ``id`` that merely starts with
``post-`` (``#post-ratings-3``, ``#post-wrapper``) is no mark at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .document import Document
from .dom import Element, xpath
from .noise import is_main_region

# Enfold writes ``post-entry-N``; some themes ``postid-N`` on the article itself.
_MARK = re.compile(r"^(?:post|postid|post-entry)-(\d+)$")
_GENERIC = re.compile(r"^(?:hentry|type-(?:post|page|attachment))$")
_TAGS = frozenset(("article", "div", "section", "main"))
_CANDIDATES_BELOW = xpath(
    "descendant::*[self::article or self::div or self::section][contains(@class, 'post-')"
    " or starts-with(@id, 'post-')]"
)


def post_marks(el: Element) -> set[int]:
    """The post IDs ``el`` is marked with (``id="post-N"``, class ``post-N``...)."""
    names = [el.get("id") or "", *(el.get("class") or "").split()]
    return {int(found.group(1)) for name in names if (found := _MARK.match(name))}


def is_other_post(el: Element, post_id: int | None) -> bool:
    """Is ``el`` marked as a post that is not ``post_id`` (a card, a related post)?"""
    if post_id is None or not _maybe_marked(el):
        return False
    marks = post_marks(el)
    return bool(marks) and post_id not in marks


def _maybe_marked(el: Element) -> bool:
    return "post" in (el.get("class") or "") or (el.get("id") or "").startswith("post-")


def find_entry(doc: Document, post_id: int | None) -> Element | None:
    """This post's element: marked with ``post_id`` when it is known, else the one post-like
    element (``post-N``, ``hentry``, ``type-post``) with the most text. None when no element
    carries such markers: then the body is found by its text alone."""
    articles = _marked_articles(doc, post_id)
    own = [el for el in articles if not doc.in_side_block(el, None)]
    if own:
        return _largest(_outermost(own), post_id)
    # One walk of the page's blocks for both: elements marked with the ID (where post_class()
    # went on a <div>; not looked for when an <article> is marked), and generic post-like ones
    # in case none is.
    marker = _marker(post_id) if not articles else None
    marked: list[Element] = []
    generic: list[Element] = []
    for el in doc.blocks:
        if el.tag in _TAGS:
            if marker is not None and marker(el):
                marked.append(el)
            elif _is_generic_entry(el, post_id):
                generic.append(el)
    own = [el for el in marked if not doc.in_side_block(el, None)]
    if own:
        return _largest(_outermost(own), post_id)
    generic = [el for el in generic if not doc.in_side_block(el, None)]
    return _largest(_outermost(generic), post_id) if generic else None


def _marked_articles(doc: Document, post_id: int | None) -> list[Element]:
    """The ``<article>`` elements marked with ``post_id`` (indexed already, and where most
    themes put ``post_class()``)."""
    marker = _marker(post_id)
    return [el for el in doc.tags["article"] if marker(el)] if marker is not None else []


def _marker(post_id: int | None) -> Callable[[Element], bool] | None:
    """A test for the marks of ``post_id`` (a substring test first: several times faster than
    splitting every class attribute)."""
    if post_id is None:
        return None
    ident = f"post-{post_id}"
    names = {ident, f"postid-{post_id}", f"post-entry-{post_id}"}

    def marked(el: Element) -> bool:
        if el.get("id") == ident:
            return True
        value = el.get("class")
        return bool(value) and ident in value and not names.isdisjoint(value.split())

    return marked


def _is_generic_entry(el: Element, post_id: int | None) -> bool:
    """Post-like: ``hentry``, ``type-post``, or marked with some post ID (only when this post's
    ID is unknown: otherwise that is another post)."""
    value = el.get("class") or ""
    if ("post" not in value and "entry" not in value and "type-" not in value
            and not (el.get("id") or "").startswith("post-")):
        return False  # most elements: no need to split and match
    if post_marks(el):
        return post_id is None
    return any(_GENERIC.match(token) for token in value.split())


def _outermost(elements: list[Element]) -> list[Element]:
    """Drop the elements nested in another one of the list (document order kept)."""
    chosen = set(elements)
    return [el for el in elements if not any(a in chosen for a in el.iterancestors())]


def _largest(elements: list[Element], post_id: int | None) -> Element:
    """The element with the most text of its own (other posts' cards nested in it do not
    count): the post itself, not a teaser of it or a box of related posts."""
    if len(elements) == 1:
        return elements[0]
    return max(elements, key=lambda el: _own_text_length(el, post_id))


def _own_text_length(el: Element, post_id: int | None) -> int:
    others = [node for node in _CANDIDATES_BELOW(el) if is_other_post(node, post_id)]
    return len(el.text_content()) - sum(len(node.text_content()) for node in _outermost(others))


def region_of(container: Element | None) -> Element | None:
    """Where the post's header and meta live when no element is marked as the post: the
    ``<article>`` around its body, else the page's main region around it."""
    if container is None:
        return None
    main = None
    for node in container.iterancestors():
        if node.tag == "article":
            return node
        if main is None and is_main_region(node):
            main = node
    return main
