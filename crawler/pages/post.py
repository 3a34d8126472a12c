"""The page object for one WordPress page: markup in, post fields out."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

import parsel

from .authors import author
from .body import Body, Cleaning, extract_body
from .comments import comment_count
from .container import find_container, holds_chrome
from .dates import dates
from .density import densest
from .document import Document
from .dom import Element, absolute
from .entry import find_entry, region_of
from .ids import page_post_id, post_id
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
    def declared_id(self) -> int | None:
        """The ID the page declares for its post, before its element is looked for."""
        return page_post_id(self.doc)

    @cached_property
    def marked_entry(self) -> Element | None:
        """The element marked as this post (``article#post-N``...), or None."""
        return find_entry(self.doc, self.declared_id)

    @cached_property
    def entry(self) -> Element | None:
        """The element holding the post: the marked one, else the article or main region
        around the body."""
        marked = self.marked_entry
        return marked if marked is not None else region_of(self.container)

    @cached_property
    def container(self) -> Element | None:
        """The post body's wrapper (``.entry-content``...), else the element its paragraphs
        crowd into, else the marked entry itself."""
        marked = self.marked_entry
        if marked is not None:  # its class index serves the metadata readers too
            found = find_container(marked, self.declared_id, self.doc.index(marked).elements)
        else:
            found = find_container(self.doc.root, self.declared_id, self.doc.blocks)
        if found is None:
            # Not the <head>: its text is a title and scripts, never the post's.
            body = self.doc.body if self.doc.body is not None else self.doc.root
            found = densest(marked if marked is not None else body)
        return found if found is not None else self.marked_entry

    @cached_property
    def trimmed(self) -> bool:
        """Whether the body had no dedicated wrapper: then its container may still hold the
        title and meta, to be trimmed off the body (and read by the other extractors)."""
        return self.container is not None and holds_chrome(self.container)

    @cached_property
    def body(self) -> Body:
        """The cleaned body: without noise, other posts' cards, the site's furniture (when the
        crawl's profile knows it) and, when it had no dedicated wrapper, title and meta."""
        furniture = self.profile.furniture if self.profile is not None else None
        page = f"post {self.declared_id}" if self.declared_id is not None else self.url
        cleaning = Cleaning(self.declared_id, self.trimmed, furniture, page)
        return extract_body(self.container, self.doc.base_url, cleaning)

    def fields(self) -> dict[str, Any]:
        """The page's post fields (see the Post item), clean; dates ISO 8601 (or ``*_raw``)."""
        if self.kind not in _SINGULAR:
            return self._page_fields()
        entry, body = self.entry, self.body
        # A container found by text alone may hold the post meta too: then it is no region
        # for the other extractors to skip.
        skipped = entry if self.trimmed else self.container
        name, slug = author(self.doc, entry, skipped)
        shown = dates(self.doc, entry, skipped)
        categories, tags = terms(self.doc, entry, skipped)
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
