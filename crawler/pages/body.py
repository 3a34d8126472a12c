"""The post body: a cleaned copy of its container, and what the copy holds."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TypeAlias

from lxml.html import tostring

from .boilerplate import is_interface
from .dom import Element, absolute, classes, dedupe, drop_all, without_fragment, xpath
from .entry import is_other_post
from .furniture import Furniture, block_key
from .noise import is_ad_frame, is_noise_markup
from .text import BLOCKS, content_text
from .trim import is_chrome, is_meta_line, strip_loose_meta

_IMAGES = xpath("descendant::img")
_HREFS = xpath("descendant::a/@href")
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-orig-file", "data-original")
_LAZY_CLASSES = frozenset(("lazy", "lazyload", "lazy-hidden", "lazyloaded", "jetpack-lazy-image"))


@dataclass(frozen=True)
class Body:
    """The cleaned body: inner HTML, contract text, absolute image and link URLs."""

    html: str = ""
    text: str = ""
    images: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Cleaning:
    """What to cut from a body's container besides the usual noise (share bars, ads...)."""

    post_id: int | None = None
    """This post's ID: elements marked as another post are cards, cut."""
    trim: bool = False
    """The container may hold the title and meta: cut them (:mod:`crawler.pages.trim`)."""
    furniture: Furniture | None = None
    """The site's repeated blocks: cut them, and count this page's."""
    page: str = ""
    """This page's key for the furniture counts (its post ID or URL)."""


_NO_CLEANING = Cleaning()
Blocks: TypeAlias = list[tuple[Element, int]]


def extract_body(container: Element | None, base_url: str,
                 cleaning: Cleaning = _NO_CLEANING) -> Body:
    """Read the body from ``container``. The page's tree is never modified: when there is
    something to cut a copy is cleaned instead; a clean body is read in place."""
    if container is None:
        return Body()
    doomed, blocks = _cuts(container, cleaning)
    furniture = cleaning.furniture
    if furniture is not None:
        # This page counts too: a block on min_pages pages is furniture on each of them.
        furniture.observe(cleaning.page, [key for _, key in blocks])
        doomed += [el for el, key in blocks if furniture.is_furniture(key)]
    root = container
    if doomed or cleaning.trim:
        root = _copy_without(container, doomed)
        if cleaning.trim:
            strip_loose_meta(root)
    images = (absolute(base_url, image_source(img)) for img in _IMAGES(root))
    links = (_link(base_url, href) for href in _HREFS(root))
    return Body(html=inner_html(root), text=content_text(root),
                images=dedupe(filter(None, images)), links=dedupe(filter(None, links)))


def _cuts(container: Element, cleaning: Cleaning) -> tuple[list[Element], Blocks]:
    """The outermost elements to cut, and (when the site's furniture is learned) the leaf
    blocks kept with their keys, in one walk of the container (most of a body's cost is
    visiting its elements)."""
    doomed: list[Element] = []
    blocks: Blocks = []
    learn = cleaning.furniture is not None
    stack = list(container)
    while stack:
        el = stack.pop()
        if _is_cut(el, cleaning):
            doomed.append(el)
            continue
        if learn and el.tag in BLOCKS and _is_leaf_block(el):
            key = block_key(el)
            if key is not None:
                blocks.append((el, key))
        stack.extend(el)
    return doomed, blocks


def _is_cut(el: Element, cleaning: Cleaning) -> bool:
    """Noise, another post's card, the site's interface or (per ``cleaning``) title and meta.
    Most of it is judged by the tag and attributes alone, through memoized functions."""
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    get = el.get
    names = get("class")
    if tag == "iframe":
        if is_ad_frame(el):
            return True
    elif is_noise_markup(tag, get("id"), names, get("style")):
        return True
    if is_chrome(tag, names, get("itemprop")) if cleaning.trim else is_meta_line(names):
        return True
    return is_other_post(el, cleaning.post_id) or is_interface(el)


def _is_leaf_block(el: Element) -> bool:
    return not any(child.tag in BLOCKS for child in el)


def _copy_without(container: Element, doomed: list[Element]) -> Element:
    """A copy of ``container`` without the ``doomed`` elements, found in the copy by their
    child indexes (which the copy shares)."""
    root = copy.deepcopy(container)
    root.tail = None
    twins = _Twins(container, root)
    found = [twins.of(el) for el in doomed]  # all found before any is dropped from the copy
    drop_all(found)
    return root


class _Twins:
    """Elements of a tree mapped to those of its copy, each ancestor once: a hundred thousand
    siblings, or a thousand elements two thousand levels deep, cost as many steps, not their
    product (``node[i]`` and ``parent.index(child)`` also scan siblings: children are listed
    and numbered once per parent)."""

    def __init__(self, original: Element, twin: Element) -> None:
        self.twins = {original: twin}
        self.numbered: dict[Element, dict[Element, int]] = {}
        self.listed: dict[Element, list[Element]] = {}

    def of(self, el: Element) -> Element:
        chain = []
        node = el
        while node not in self.twins:
            chain.append(node)
            node = node.getparent()
        twin = self.twins[node]
        for node in reversed(chain):
            parent = node.getparent()
            numbers = self.numbered.get(parent)
            if numbers is None:
                numbers = self.numbered[parent] = {child: i for i, child in enumerate(parent)}
            children = self.listed.get(twin)
            if children is None:
                children = self.listed[twin] = list(twin)
            twin = self.twins[node] = children[numbers[node]]
        return twin


def inner_html(el: Element) -> str:
    """The serialized content of ``el``, without its own start and end tags."""
    html = tostring(el, encoding="unicode", with_tail=False)
    # libxml2 escapes ">" in attribute values, so the first one closes the start tag.
    start, end = html.find(">") + 1, html.rfind("</")
    return html[start:end].strip() if end >= start else ""


def image_source(img: Element) -> str | None:
    """``src``, unless it is missing, a ``data:`` placeholder or a lazy-loader's stand-in."""
    src = (img.get("src") or "").strip()
    lazy = next((img.get(a) for a in _LAZY_SOURCES if (img.get(a) or "").strip()), None)
    if lazy and (not src or src.startswith("data:") or _LAZY_CLASSES.intersection(classes(img))):
        return str(lazy)
    return src or None


def _link(base_url: str, href: str | None) -> str | None:
    """The linked page: absolute, without its fragment; None for in-page and script links."""
    if href is None or href.strip().startswith("#"):
        return None
    link = absolute(base_url, href)
    return without_fragment(link) if link else None
