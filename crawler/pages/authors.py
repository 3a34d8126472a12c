"""The post author's display name and ``/author/<slug>/``."""

from __future__ import annotations

import re

from .document import Document
from .dom import Element, author_slug, clean_text, css, text_of, within, xpath
from .noise import in_author_box, in_meta_noise

_ARCHIVE_LINKS = xpath("descendant::a[contains(@href, '/author/')]")
_AUTHOR_HREFS = xpath("descendant::a[contains(@href, '/author/')]/@href")
# Page order within each source; sources in priority order. Block themes may print the name
# without a link, so the slug can come from a later source than the name.
_SOURCES = (
    xpath("descendant::a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]"),
    css(".vcard .fn, .author .fn, .byline .author a, .byline a, .posted-by a, .entry-author a,"
        " .post-author a, .author-name a, .author a"),
    _ARCHIVE_LINKS,
    css(".wp-block-post-author-name, .wp-block-post-author__name, .author-name, .byline .author"),
)
# An "about the author" box links the archive as "View all of X's posts": its heading is the
# better name, once the theme's "By " is off.
_BOX_NAMES = css(".author-title, .author-name, .saboxplugin-authorname, .abh_name, .author-heading")
_BOX_PREFIX = re.compile(r"^(?:(?:written|posted|published)\s+by|by|about|author)\s*:?\s+",
                         re.IGNORECASE)


def author(
    doc: Document, scope: Element | None, body: Element | None
) -> tuple[str | None, str | None]:
    """(display name, slug) from the post header/meta (not the body: links there may name
    anyone), then meta ``author``, then JSON-LD."""
    root = scope if scope is not None else doc.root
    name, slug = _from_markup(root, body)
    if slug is None:
        slug = _any_author_link(root, body) or author_slug(_jsonld_url(doc))
    if name is None:
        name = doc.meta("author") or _jsonld_name(doc) or _box_name(root)
    return name, slug


def _from_markup(root: Element, body: Element | None) -> tuple[str | None, str | None]:
    for source in _SOURCES:
        for el in source(root):
            name = text_of(el)
            if name and _in_post_meta(el, root, body):
                return name, _slug_of(el)
    return None, None


def _in_post_meta(el: Element, root: Element, body: Element | None) -> bool:
    return not (within(el, body, root) or in_meta_noise(el, root) or in_author_box(el, root))


def _box_name(root: Element) -> str | None:
    for el in _BOX_NAMES(root):
        if in_author_box(el, root):
            name = _BOX_PREFIX.sub("", text_of(el))
            if name:
                return clean_text(name)
    return None


def _slug_of(el: Element) -> str | None:
    if el.tag == "a":
        return author_slug(el.get("href"))
    links = _AUTHOR_HREFS(el)
    return author_slug(links[0]) if links else None


def _any_author_link(root: Element, body: Element | None) -> str | None:
    for link in _ARCHIVE_LINKS(root):
        if not within(link, body, root) and not in_meta_noise(link, root):
            return author_slug(link.get("href"))
    return None


def _jsonld_name(doc: Document) -> str | None:
    name = doc.jsonld.author().get("name")
    return name.strip() if isinstance(name, str) and name.strip() else None


def _jsonld_url(doc: Document) -> str | None:
    node = doc.jsonld.author()
    for key in ("url", "@id", "sameAs"):
        value = node.get(key)
        if isinstance(value, str) and "/author/" in value:
            return value
    return None
