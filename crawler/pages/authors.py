"""The post author's display name and ``/author/<slug>/``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .document import Document
from .dom import (
    Element,
    author_slug,
    clean_text,
    text_of,
    xpath,
)
from .select import Selector
from .shown import names_a_date

_ARCHIVE_LINKS = xpath("descendant::a[contains(@href, '/author/')]")
_AUTHOR_HREFS = xpath("descendant::a[contains(@href, '/author/')]/@href")
_REL_AUTHOR = xpath(
    "descendant::a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]")
_BYLINE = Selector(".vcard .fn, .author .fn, .byline .author a, .byline a, .posted-by a,"
                   " .entry-author a, .post-author a, .author-name a, .author a")
_NAME_BLOCKS = Selector(".wp-block-post-author-name, .wp-block-post-author__name, .author-name,"
                        " .byline .author")
# An "about the author" box links the archive as "View all of X's posts": its heading is the
# better name, once the theme's "By " is off.
_BOX_NAMES = Selector(".author-title, .author-name, .saboxplugin-authorname, .abh_name,"
                      " .author-heading")
_BOX_PREFIX = re.compile(r"^(?:(?:written|posted|published)\s+by|by|about|author)\s*:?\s+",
                         re.IGNORECASE)
# "By", "Posted by", "Por", "Von", "Par", "Di", "Автор:"... before a name: the theme's words.
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|words|story|text)\s+by|by|por|von|par|di|da|door|av|af"
    r"|автор|author|autor|auteur|autore)\s*:?\s+",
    re.IGNORECASE)
_NOT_A_NAME = re.compile(r"://|^www\.|\S@\S+\.\w|^\W*$|^\d[\d\s./:-]*$")
_MAX_NAME = 80
_MAX_BYLINE = _MAX_NAME + 40  # longer, it is no name even once a "Posted by" is off


def author(
    doc: Document, scope: Element | None, body: Element | None
) -> tuple[str | None, str | None]:
    """(display name, slug) from the post header/meta (not the body: links there may name
    anyone), then meta ``author``, then JSON-LD."""
    root = scope if scope is not None else doc.root
    name, slug = _from_markup(doc, root, body)
    if slug is None:
        slug = _any_author_link(doc, root, body) or author_slug(_jsonld_url(doc))
    if name is None:
        # meta "author" last: themes put their designer's credit there.
        name = (person_name(_jsonld_name(doc)) or person_name(doc.front_matter.text("author"))
                or _box_name(doc, root) or person_name(doc.meta("author")))
    return name, slug


def person_name(text: str | None) -> str | None:
    """``text`` as a display name: without a "By"-style prefix; None for a URL, an e-mail
    address, a date or other text no one is called."""
    name = _BYLINE_PREFIX.sub("", clean_text(text))
    if not name or len(name) > _MAX_NAME or _NOT_A_NAME.search(name) or names_a_date(name):
        return None
    return name


def _sources(doc: Document, root: Element) -> Iterator[list[Element]]:
    """Candidate bylines, page order within each source; sources in priority order. Block
    themes may print the name without a link, so the slug can come from a later source."""
    yield _REL_AUTHOR(root)
    yield doc.index(root).select(_BYLINE)
    yield _ARCHIVE_LINKS(root)
    yield doc.index(root).select(_NAME_BLOCKS)


def _from_markup(doc: Document, root: Element,
                 body: Element | None) -> tuple[str | None, str | None]:
    for source in _sources(doc, root):
        for el in source:
            if not _in_post_meta(doc, el, root, body):
                continue
            if len(clean_text(el.text_content())) > _MAX_BYLINE:
                continue  # no name (and no need to read it with care: 2,000 nested ones...)
            name = person_name(text_of(el))  # a date link or "By" in the byline is no name
            if name:
                return name, _slug_of(el)
    return None, None


def _in_post_meta(doc: Document, el: Element, root: Element, body: Element | None) -> bool:
    return not (doc.within(el, body, root) or doc.in_meta_noise(el, root)
                or doc.in_author_box(el, root))


def _box_name(doc: Document, root: Element) -> str | None:
    for el in doc.index(root).select(_BOX_NAMES):
        if doc.in_author_box(el, root):
            name = person_name(_BOX_PREFIX.sub("", text_of(el)))
            if name:
                return name
    return None


def _slug_of(el: Element) -> str | None:
    if el.tag == "a":
        return author_slug(el.get("href"))
    links = _AUTHOR_HREFS(el)
    return author_slug(links[0]) if links else None


def _any_author_link(doc: Document, root: Element, body: Element | None) -> str | None:
    for link in _ARCHIVE_LINKS(root):
        if not doc.within(link, body, root) and not doc.in_meta_noise(link, root):
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
