"""One parsed page and the lookups every extractor shares, each computed once on demand."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

from .dom import Element, first, within
from .frontmatter import FrontMatter, read_front_matter
from .jsonld import JsonLd
from .noise import in_author_box, in_side_block, meta_noise_block
from .select import Index

# One C-level walk of the tree collects these; per-tag XPath scans would each walk it again.
_INDEXED_TAGS = ("meta", "link", "base", "title", "script", "article", "main", "form", "ol", "ul",
                 "h2", "h3")
BLOCK_TAGS = ("article", "div", "section", "main", "span", "td")
"""Tags of the elements that may wrap a post or its body (:attr:`Document.blocks`)."""


class Document:
    """A page's lxml tree, URL and headers, with memoized lookups (metas, links, JSON-LD)."""

    def __init__(self, root: Element, url: str, headers: Mapping[str, str] | None = None) -> None:
        self.root = root
        self.url = url
        self.headers = {_str(k).lower(): _str(v) for k, v in (headers or {}).items()}
        self._indexes: dict[Element, Index] = {}
        self._memos: dict[tuple[object, ...], dict[Element, Any]] = {}

    def index(self, scope: Element) -> Index:
        """The class index of ``scope`` (the post's element, or the root), built once."""
        found = self._indexes.get(scope)
        if found is None:
            found = self._indexes[scope] = Index(scope)
        return found

    @cached_property
    def tags(self) -> dict[str, list[Element]]:
        """The page's elements of the few tags extractors look for page-wide, by tag."""
        index: dict[str, list[Element]] = {tag: [] for tag in _INDEXED_TAGS}
        for el in self.root.iter(*_INDEXED_TAGS):
            index[el.tag].append(el)
        return index

    def in_meta_noise(self, el: Element, stop: Element | None) -> bool:
        """:func:`~crawler.pages.noise.in_meta_noise`, the walks up memoized for the page."""
        return meta_noise_block(el, stop, self._memo("noise", stop)) is not None

    def in_side_block(self, el: Element, stop: Element | None) -> bool:
        """:func:`~crawler.pages.noise.in_side_block`, memoized for the page."""
        return in_side_block(el, stop, self._memo("noise", stop), self._memo("headed"))

    def in_author_box(self, el: Element, stop: Element | None) -> bool:
        """:func:`~crawler.pages.noise.in_author_box`, memoized for the page."""
        return in_author_box(el, stop, self._memo("author box", stop))

    def within(self, el: Element, region: Element | None, scope: Element) -> bool:
        """:func:`~crawler.pages.dom.within`, memoized for the page."""
        return within(el, region, scope, self._memo("within", region, scope))

    def _memo(self, *key: object) -> dict[Element, Any]:
        # What walks up the tree found, by question: extractors ask about many elements that
        # share ancestors (a hostile page nests thousands of them two thousand levels deep).
        found = self._memos.get(key)
        if found is None:
            found = self._memos[key] = {}
        return found

    @cached_property
    def blocks(self) -> list[Element]:
        """The page's elements that may wrap a post or its body (``<div>``, ``<article>``...),
        page order: the post's element and its body's wrapper are looked for among them, once
        walked for both."""
        return list(self.root.iter(*BLOCK_TAGS))

    @cached_property
    def base_url(self) -> str:
        """What relative links resolve against: ``<base href>`` (itself relative to the URL)."""
        base = first(el.get("href") for el in self.tags["base"])
        return urljoin(self.url, base) if base else self.url

    @cached_property
    def body(self) -> Element | None:
        """The ``<body>`` element (a child of the root: lxml's ``find`` would cost more, being
        ElementPath in Python)."""
        return next((child for child in self.root if child.tag == "body"), None)

    @cached_property
    def body_classes(self) -> list[str]:
        body = self.body
        return (body.get("class") or "").split() if body is not None else []

    @cached_property
    def front_matter(self) -> FrontMatter:
        """The front matter of a stripped or Jekyll-style copy (empty for most pages)."""
        return read_front_matter(self.body)

    @cached_property
    def metas(self) -> dict[str, list[str]]:
        """``content`` of every ``<meta>``, keyed by lower-cased property, name or itemprop."""
        index: dict[str, list[str]] = {}
        for meta in self.tags["meta"]:
            attrs = meta.attrib
            key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
            if key and "content" in attrs:
                index.setdefault(key.strip().lower(), []).append(attrs["content"])
        return index

    def meta(self, *keys: str) -> str | None:
        """The first non-empty meta content among ``keys``, in the order given."""
        return first(value for key in keys for value in self.metas.get(key, ()))

    @cached_property
    def links(self) -> dict[str, list[Element]]:
        """``<link href>`` elements by lower-cased ``rel`` token, page order."""
        index: dict[str, list[Element]] = {}
        for el in self.tags["link"]:
            rel = el.get("rel")
            if rel and el.get("href"):
                for token in rel.lower().split():
                    index.setdefault(token, []).append(el)
        return index

    def link_hrefs(self, rel: str) -> list[str]:
        return [el.get("href", "").strip() for el in self.links.get(rel, ())]

    @cached_property
    def jsonld(self) -> JsonLd:
        return JsonLd.parse(el.text or "" for el in self.tags["script"]
                            if el.get("type", "").strip().lower() == "application/ld+json")

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


def _str(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, (list, tuple)):
        return ", ".join(_str(v) for v in value)
    return str(value)
