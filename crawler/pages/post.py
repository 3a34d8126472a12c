"""The page object for one WordPress page: markup in, post fields out."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import parsel

from .authors import author
from .body import Body, extract_body, find_container
from .comments import comment_count
from .dates import dates
from .document import Document
from .dom import Element, absolute
from .ids import body_post_id, post_id
from .kind import page_kind
from .profile import SiteProfile
from .taxonomy import terms
from .titles import page_title, title

_SINGULAR = frozenset(("post", "page", "attachment", "unknown"))


class PostPage:
    """A WordPress page: a parsel Selector + its original URL (+ optional HTTP headers, and the
    :class:`~crawler.pages.profile.SiteProfile` of the crawl it belongs to).

    Theme-independent: it reads WordPress's own markers (body classes, ``post-N`` articles,
    ``rel`` attributes, Open Graph and JSON-LD, ``.entry-content``...). Pure: no requests, no
    settings. Post-level fields are only read on single entries (post, page, attachment,
    unknown); on listings and error pages they stay empty rather than describe some other post.
    """

    def __init__(self, selector: parsel.Selector, url: str,
                 headers: Mapping[str, str] | None = None,
                 profile: SiteProfile | None = None) -> None:
        self.selector = selector
        self.url = url
        self.doc = Document(selector.root, url, headers)
        self.profile = profile
        """What the crawl learned about the site from other pages; ``None``: this page alone."""

    @cached_property
    def kind(self) -> str:
        """``post``, ``page``, ``attachment``, ``listing``, ``error`` or ``unknown``."""
        return page_kind(self.doc)

    @cached_property
    def entry(self) -> Element | None:
        """The element holding the post (``article.post-N``, else ``<main>``), or None."""
        return self.doc.entry(body_post_id(self.doc))

    @cached_property
    def container(self) -> Element | None:
        """The post body's wrapper (``.entry-content``...), else the entry itself (a stripped
        copy or an unknown theme: its title and meta get trimmed instead)."""
        found = find_container(self.entry if self.entry is not None else self.doc.root)
        return found if found is not None else self.entry

    @cached_property
    def body(self) -> Body:
        """The cleaned body; trimmed of title and meta when it had no known wrapper."""
        return extract_body(self.container, self.container is self.entry, self.doc.base_url)

    def fields(self) -> dict[str, Any]:
        """The page's post fields (see the Post item), clean; dates ISO 8601 (or ``*_raw``)."""
        if self.kind not in _SINGULAR:
            return self._page_fields()
        entry, body = self.entry, self.body
        name, slug = author(self.doc, entry, self.container)
        shown = dates(self.doc, entry, self.container)
        categories, tags = terms(self.doc, entry, self.container)
        return {
            "post_id": post_id(self.doc, entry),
            "title": title(self.doc, entry, self.profile),
            "author": name,
            "author_slug": slug,
            "published": shown.published,
            "modified": shown.modified,
            "categories": categories,
            "tags": tags,
            "content_html": body.html,
            "content_text": body.text,
            "word_count": body.word_count,
            "images": body.images,
            "links": body.links,
            "comment_count": comment_count(self.doc, entry),
            "published_raw": shown.published_raw,
            "modified_raw": shown.modified_raw,
            "canonical": self.canonical,
        }

    @cached_property
    def canonical(self) -> str | None:
        """``link[rel=canonical]``, else og:url, made absolute."""
        hrefs = self.doc.link_hrefs("canonical")
        candidate = hrefs[0] if hrefs else self.doc.meta("og:url")
        return absolute(self.doc.base_url, candidate)

    def _page_fields(self) -> dict[str, Any]:
        """Listings and error pages: their own title and canonical URL, no post data."""
        return {
            "post_id": None, "title": page_title(self.doc, self.profile), "author": None,
            "author_slug": None,
            "published": None, "modified": None, "categories": [], "tags": [],
            "content_html": "", "content_text": "", "word_count": 0, "images": [], "links": [],
            "comment_count": None, "published_raw": None, "modified_raw": None,
            "canonical": self.canonical,
        }
