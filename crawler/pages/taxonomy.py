"""Category and tag names of the post, page order, from its own term links only."""

from __future__ import annotations

import re

from .document import Document
from .dom import Element, classes, dedupe, text_of, xpath
from .select import Selector

_CATEGORY_URL = re.compile(r"/category/|[?&](?:cat|category_name)=")
_REL_LINKS = xpath("descendant::a[@rel][@href]")
_CATEGORY_LISTS = Selector(".cat-links a, .post-categories a, span.post-cats a,"
                           " .entry-categories a, .category-links a, .post-category a")
_TAG_LISTS = Selector(".tags-links a, p.post-tag a, .post-tags a, .tag-links a, .entry-tags a")
# Term lists some themes print inside the body's wrapper, after the text: a rel="tag" link in
# one of these is the post's term, not a Technorati tag in its prose.
_TERM_LIST_CLASSES = frozenset((
    "tags-links", "cat-links", "post-tags", "post-categories", "tag-links", "entry-tags",
    "entry-categories", "category-links", "post-category", "wp-block-post-terms", "tagcloud",
    "entry-footer", "post-meta", "entry-meta", "meta-tags", "meta-categories", "tags"))
_TAXONOMY_BLOCK = "wp-block-post-terms"


def terms(
    doc: Document, scope: Element | None, body: Element | None
) -> tuple[list[str], list[str]]:
    """(categories, tags). ``rel="category tag"`` marks categories in classic themes, but block
    themes write ``rel="tag"`` on both: there the ``taxonomy-*`` container or the URL decides.
    Links in the body are skipped (old posts carry Technorati ``rel="tag"`` links there)."""
    root = scope if scope is not None else doc.root
    categories, tags = _rel_terms(doc, root, body)
    if not categories:
        categories = _names(doc, doc.index(root).select(_CATEGORY_LISTS), root)
    if not tags:
        tags = _names(doc, doc.index(root).select(_TAG_LISTS), root)
    if not categories or not tags:
        matter = doc.front_matter
        categories = categories or matter.names("categories", "category")
        tags = tags or matter.names("tags", "tag")
    if not categories:
        categories = doc.jsonld.strings("articleSection") or _metas(doc, "article:section")
    if not tags:
        tags = _metas(doc, "article:tag") or doc.jsonld.strings("keywords")
    return categories, tags


def _rel_terms(doc: Document, root: Element,
               body: Element | None) -> tuple[list[str], list[str]]:
    categories: list[str] = []
    tags: list[str] = []
    index = doc.index(root)
    # Most pages have neither: no walk up from every link to look for them.
    blocks = index.has_class(_TAXONOMY_BLOCK)
    lists = any(index.has_class(name) for name in _TERM_LIST_CLASSES)
    for link in _REL_LINKS(root):
        rel = link.get("rel", "").lower().split()
        if "category" not in rel and "tag" not in rel:
            continue
        kind = "category" if "category" in rel else _taxonomy_of(link, root, blocks)
        if kind is None or doc.in_meta_noise(link, root):
            continue
        if doc.within(link, body, root) and not (lists and _in_term_list(link, body)):
            continue
        name = text_of(link)
        (categories if kind == "category" else tags).append(name)
    return dedupe(categories), dedupe(tags)


def _taxonomy_of(link: Element, root: Element, blocks: bool = True) -> str | None:
    """"category" or "tag" for a ``rel="tag"`` link; None for other taxonomies. ``blocks``:
    whether the page has Post Terms blocks at all."""
    node: Element | None = link.getparent() if blocks else None
    while node is not None and node is not root:
        tokens = classes(node)
        # Only the Post Terms block names its taxonomy so; a theme's own "taxonomy-links" or
        # "taxonomy-description" class says nothing about which one.
        if _TAXONOMY_BLOCK in tokens:
            for token in tokens:
                if token == "taxonomy-category":
                    return "category"
                if token == "taxonomy-post_tag":
                    return "tag"
                if token.startswith("taxonomy-"):
                    return None
        node = node.getparent()
    return "category" if _CATEGORY_URL.search(link.get("href", "")) else "tag"


def _in_term_list(link: Element, body: Element | None) -> bool:
    """Whether a link inside the body sits in a term list (below the body's wrapper)."""
    node: Element | None = link.getparent()
    while node is not None and node is not body:
        if not _TERM_LIST_CLASSES.isdisjoint(classes(node)):
            return True
        node = node.getparent()
    return False


def _metas(doc: Document, key: str) -> list[str]:
    return dedupe(value.strip() for value in doc.metas.get(key, ()))


def _names(doc: Document, links: list[Element], root: Element) -> list[str]:
    return dedupe(text_of(link) for link in links if not doc.in_meta_noise(link, root))
