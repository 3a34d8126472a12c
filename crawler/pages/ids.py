"""The WordPress post ID, from the most to the least specific source."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .document import Document
from .dom import Element, xpath

_BODY_ID = re.compile(r"^(?:postid|page-id|attachmentid)-(\d+)$")
_ENTRY_ID = re.compile(r"^post-(\d+)$")
_QUERY_ID = re.compile(r"[?&](?:p|page_id|attachment_id)=(\d+)(?:&|#|$)")
_REST_ID = re.compile(r"/wp/v2/(?:posts|pages|media)/(\d+)")
_LINK_VALUE = re.compile(r"<([^>]*)>([^<]*)")
_LINK_REL = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;,]+))""", re.IGNORECASE)
_DIGITS = re.compile(r"^\s*(\d+)\s*$")
_COMMENT_FORM_ID = xpath("descendant::input[@name='comment_post_ID']/@value")


def post_id(doc: Document, entry: Element | None) -> int | None:
    """Body class, then the entry element, then what the page declares elsewhere
    (:func:`declared_post_id`)."""
    return _first_int(
        lambda: body_post_id(doc),
        lambda: entry_post_id(entry),
        lambda: declared_post_id(doc),
    )


def page_post_id(doc: Document) -> int | None:
    """The post ID without looking for the post's element (which is found by it)."""
    return _first_int(lambda: body_post_id(doc), lambda: declared_post_id(doc))


def declared_post_id(doc: Document) -> int | None:
    """Shortlink, HTTP ``Link`` header, REST API link, JSON-LD, and finally the comment
    form's hidden ``comment_post_ID``."""
    return _first_int(
        lambda: _match(_QUERY_ID, doc.link_hrefs("shortlink")),
        lambda: _match(_QUERY_ID, header_links(doc.header("link"), "shortlink")),
        lambda: _match(_REST_ID, doc.link_hrefs("alternate")),
        lambda: _match(_REST_ID, header_links(doc.header("link"), "alternate")),
        lambda: jsonld_post_id(doc),
        lambda: _match(_DIGITS, [v for form in doc.tags["form"] for v in _COMMENT_FORM_ID(form)]),
    )


def body_post_id(doc: Document) -> int | None:
    """``postid-N`` (posts), ``page-id-N`` (pages) or ``attachmentid-N`` on ``<body>``."""
    return _match(_BODY_ID, doc.body_classes)


def entry_post_id(entry: Element | None) -> int | None:
    """``<article id="post-N">`` or a ``post-N`` class on the entry element."""
    if entry is None:
        return None
    return _match(_ENTRY_ID, [entry.get("id") or "", *(entry.get("class") or "").split()])


def header_links(value: str | None, rel: str) -> list[str]:
    """URLs of an HTTP ``Link`` header whose ``rel`` has the token ``rel``."""
    found = []
    for url, params in _LINK_VALUE.findall(value or ""):
        for rels in _LINK_REL.findall(params):
            if rel in "".join(rels).lower().split():
                found.append(url.strip())
    return found


def jsonld_post_id(doc: Document) -> int | None:
    """A numeric ``identifier``, or ``?p=N`` in the article node's ``@id``/``url``."""
    article = doc.jsonld.article
    ident = article.get("identifier")
    if isinstance(ident, int) or (isinstance(ident, str) and ident.strip().isdigit()):
        return int(ident)
    candidates = [article.get(key) for key in ("@id", "url", "mainEntityOfPage")]
    return _match(_QUERY_ID, [c for c in candidates if isinstance(c, str)])


def _match(pattern: re.Pattern[str], values: Iterable[str]) -> int | None:
    for value in values:
        found = pattern.search(value)
        if found:
            return int(found.group(1))
    return None


def _first_int(*sources: Callable[[], int | None]) -> int | None:
    """The first source's non-None answer; later sources are not computed."""
    for source in sources:
        value = source()
        if value is not None:
            return value
    return None
