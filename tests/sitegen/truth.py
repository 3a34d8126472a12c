"""Ground truth: the Post fields a correct crawl exports for each post of a site model."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from .model import Block, Post, SiteModel, count_comments
from .text import paragraphs
from .themes.body import body_html
from .themes.html import iso

BODY_STYLE = {"classic": "gutenberg", "block": "gutenberg", "sahifa": "classic-editor"}


def body_links(blocks: list[Block], base: str) -> list[str]:
    hrefs: list[str] = []
    for block in blocks:
        if block.image is not None and block.image.href:
            hrefs.append(block.image.href)
        for runs in [block.inlines, *block.items]:
            hrefs += [run[1] for run in runs if run[0] == "a"]
    return list(dict.fromkeys(urldefrag(urljoin(base, h))[0] for h in hrefs))


def permalink_slug(url: str) -> str:
    """The Post schema (``crawler.items``): the last path segment of the permalink ('' for
    ``?p=N``, the ID for ``/archives/N/``): a page never shows ``post_name`` when its URL does not
    hold it."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    return unquote(segments[-1]) if segments else ""


def body_images(blocks: list[Block]) -> list[str]:
    return list(dict.fromkeys(b.image.real for b in blocks if b.image is not None))


def post_truth(site: SiteModel, post: Post) -> dict[str, Any]:
    """Every Post field except archive_url, captured_at and source, plus ``linked``."""
    text = "\n\n".join(paragraphs(post.blocks))
    author_slug = post.author.slug if site.permalinks != "plain" else None
    if site.theme == "block" and not post.author_linked:
        author_slug = None
    return {
        "post_id": post.id,
        "site": site.root,
        "url": post.url,
        "slug": permalink_slug(post.url),
        "title": post.title,
        "author": post.author.name,
        "author_slug": author_slug,
        "published": iso(post.published),
        "modified": iso(post.modified) if post.modified else None,
        "categories": [t.name for t in post.categories],
        "tags": [t.name for t in post.tags],
        "content_html": body_html(post.blocks, BODY_STYLE[site.theme]),
        "content_text": text,
        "word_count": len(text.split()),
        "images": body_images(post.blocks),
        "links": body_links(post.blocks, post.url),
        "comment_count": count_comments(post.comments),
        "linked": post.linked,
    }
