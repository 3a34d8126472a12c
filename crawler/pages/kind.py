"""What a WordPress page is: a post, a static page, an attachment, a listing or an error."""

from __future__ import annotations

import re
from types import MappingProxyType

from .document import Document
from .dom import Element
from .entry import post_marks
from .ids import declared_post_id, header_links

KINDS = ("post", "page", "attachment", "listing", "error", "unknown")
"""Every value :attr:`PostPage.kind` can take."""

_LISTING_CLASSES = frozenset(("home", "blog", "archive", "category", "tag", "author", "date",
                              "search", "search-results", "paged", "tax"))
_POST_N = re.compile(r"^post-\d+$")
_LINK_KIND = re.compile(r"[?&](p|page_id|attachment_id)=\d+|/wp/v2/(posts|pages|media)/\d+")
_LINK_KINDS = MappingProxyType({"p": "post", "page_id": "page", "attachment_id": "attachment",
                                "posts": "post", "pages": "page", "media": "attachment"})


def page_kind(doc: Document) -> str:
    """Body classes decide (``get_body_class()`` output); a page without them (a stripped copy,
    a custom theme) is judged by its ``<article>`` elements, then by its shortlink or REST API
    link (``?p=``, ``?page_id=``, ``/wp/v2/pages/``...), then by its JSON-LD type."""
    return (
        _from_body_classes(doc.body_classes)
        or _from_articles(doc)
        or _from_links(doc)
        or ("post" if doc.jsonld.article_type == "article" else None)
        or "unknown"
    )


def _from_body_classes(classes: list[str]) -> str | None:
    tokens = set(classes)
    if not tokens:
        return None
    if "error404" in tokens:
        return "error"
    if "attachment" in tokens or "single-attachment" in tokens:
        return "attachment"
    if "single-post" in tokens or ("single" in tokens and _has_prefix(classes, "postid-")):
        return "post"
    # Checked before listings: a static front page is "home page page-id-N".
    if "page" in tokens or _has_prefix(classes, "page-id-", "page-template"):
        return "page"
    if tokens & _LISTING_CLASSES:
        return "listing"
    return None


def _from_articles(doc: Document) -> str | None:
    """Judged by the ``<article>`` elements ``post_class()`` marked (``post-N``, ``hentry``):
    several are a listing, unless the page declares its post's ID and one of them is it
    (the others are cards of related posts)."""
    articles = [el for el in doc.tags["article"]
                if _is_post_article(el) and not doc.in_side_block(el, None)]
    if not articles:
        return None
    if len(articles) > 1:
        own = declared_post_id(doc)
        articles = [el for el in articles if own is not None and own in post_marks(el)]
        if len(articles) != 1:
            return "listing"
    tokens = set((articles[0].get("class") or "").split())
    if "type-page" in tokens:
        return "page"
    if "type-attachment" in tokens:
        return "attachment"
    return "post"


def _is_post_article(el: Element) -> bool:
    tokens = (el.get("class") or "").split()
    return "hentry" in tokens or any(_POST_N.match(token) for token in tokens) or bool(
        _POST_N.match(el.get("id") or ""))


def _from_links(doc: Document) -> str | None:
    """WordPress sends ``?p=N`` shortlinks for posts, ``?page_id=N`` for pages and
    ``?attachment_id=N`` for attachments; REST links name ``posts``, ``pages`` or ``media``."""
    header = doc.header("link")
    urls = [*doc.link_hrefs("shortlink"), *header_links(header, "shortlink"),
            *doc.link_hrefs("alternate"), *header_links(header, "alternate")]
    for url in urls:
        found = _LINK_KIND.search(url)
        if found:
            return _LINK_KINDS[found.group(1) or found.group(2)]
    return None


def _has_prefix(classes: list[str], *prefixes: str) -> bool:
    return any(token.startswith(prefixes) for token in classes)
