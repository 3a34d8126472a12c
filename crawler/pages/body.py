"""The post body: a cleaned copy of its container, and what the copy holds."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml.html import tostring

from .dom import Element, absolute, classes, dedupe, drop, without_fragment, xpath
from .entry import is_other_post
from .noise import is_body_noise
from .text import content_text
from .trim import strip_entry_chrome

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


def extract_body(container: Element | None, trim: bool, base_url: str,
                 post_id: int | None = None) -> Body:
    """Read the body from ``container`` (trimmed of title and meta when ``trim``). The page's
    tree is never modified: when there is noise to cut a copy is cleaned instead; a clean body
    is read in place."""
    if container is None:
        return Body()
    root = container
    if trim or has_noise(container, post_id):
        root = copy.deepcopy(container)
        root.tail = None
        remove_noise(root, post_id)
        if trim:
            strip_entry_chrome(root)
    images = (absolute(base_url, image_source(img)) for img in _IMAGES(root))
    links = (_link(base_url, href) for href in _HREFS(root))
    return Body(html=inner_html(root), text=content_text(root),
                images=dedupe(filter(None, images)), links=dedupe(filter(None, links)))


def _is_noise(el: Element, post_id: int | None) -> bool:
    return is_body_noise(el) or is_other_post(el, post_id)


def has_noise(root: Element, post_id: int | None = None) -> bool:
    return any(_is_noise(el, post_id) for el in root.iterdescendants())


def remove_noise(root: Element, post_id: int | None = None) -> None:
    """Drop share bars, related posts, other posts' cards, ads, scripts, forms... from
    ``root``'s subtree."""
    doomed = []
    stack = list(root)
    while stack:
        el = stack.pop()
        if _is_noise(el, post_id):
            doomed.append(el)
        else:
            stack.extend(el)
    for el in doomed:
        drop(el)


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
        return lazy
    return src or None


def _link(base_url: str, href: str | None) -> str | None:
    """The linked page: absolute, without its fragment; None for in-page and script links."""
    if href is None or href.strip().startswith("#"):
        return None
    link = absolute(base_url, href)
    return without_fragment(link) if link else None
