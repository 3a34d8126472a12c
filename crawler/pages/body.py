"""The post body: its container, a cleaned copy of it, and what the copy holds."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml.html import tostring

from .dom import Element, absolute, classes, dedupe, drop, without_fragment, xpath
from .noise import in_meta_noise, is_body_noise
from .text import content_text
from .trim import strip_entry_chrome

# Priority order: a theme's dedicated body wrapper beats a generic one that may also hold the
# title and meta (``.post-content`` around ``.entry-content`` in some themes).
_CONTAINER_CLASSES = ("entry-content", "wp-block-post-content", "entry", "post-content",
                      "post-entry", "entry-body", "article-content", "td-post-content",
                      "single-content", "post-body")
_ARTICLE_BODY_RANK = 4  # [itemprop=articleBody] ranks right after .post-content
_CONTAINER_TAGS = ("div", "section", "article", "main", "span", "td")
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


def find_container(scope: Element) -> Element | None:
    """The best known body wrapper in ``scope`` outside comments and widgets (``.entry-content``,
    ``div.entry``, ``[itemprop=articleBody]``...), or None."""
    best: tuple[float, Element] | None = None
    for el in scope.iter(*_CONTAINER_TAGS):
        rank = _container_rank(el)
        if rank is not None and (best is None or rank < best[0]) and not in_meta_noise(el, scope):
            best = (rank, el)
    return best[1] if best else None


def _container_rank(el: Element) -> float | None:
    tokens = (el.get("class") or "").split()
    ranks = [float(_CONTAINER_CLASSES.index(t)) for t in tokens if t in _CONTAINER_CLASSES]
    if "entry" in tokens and el.tag != "div":
        ranks.remove(2.0)  # Sahifa's `div.entry`; elsewhere "entry" is too common a word
    if el.get("itemprop") == "articleBody":
        ranks.append(_ARTICLE_BODY_RANK - 0.5)
    return min(ranks) if ranks else None


def extract_body(container: Element | None, fallback: bool, base_url: str) -> Body:
    """Read the body from ``container``. The page's tree is never modified: when there is noise
    to cut (or an entry to trim) a copy is cleaned instead; a clean body is read in place."""
    if container is None:
        return Body()
    root = container
    if fallback or has_noise(container):
        root = copy.deepcopy(container)
        root.tail = None
        remove_noise(root)
        if fallback:
            strip_entry_chrome(root)
    images = (absolute(base_url, image_source(img)) for img in _IMAGES(root))
    links = (_link(base_url, href) for href in _HREFS(root))
    return Body(html=inner_html(root), text=content_text(root),
                images=dedupe(filter(None, images)), links=dedupe(filter(None, links)))


def has_noise(root: Element) -> bool:
    return any(is_body_noise(el) for el in root.iterdescendants())


def remove_noise(root: Element) -> None:
    """Drop share bars, related posts, ads, scripts, forms... from ``root``'s subtree."""
    doomed = []
    stack = list(root)
    while stack:
        el = stack.pop()
        if is_body_noise(el):
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
