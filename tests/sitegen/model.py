"""The content of a fixture site, fully decided before anything is rendered.

Every URL written in a post body is final here (resolved by the builder), so themes only choose
markup and the ground truth never depends on how a theme happens to print a value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

Inline = tuple[str, ...]
"""A run of inline content: ``("t", text)``, ``("a", href, text)``, ``("strong", text)``,
``("em", text)`` or ``("br",)``. Texts are plain Unicode (no entities)."""


@dataclass(frozen=True)
class Author:
    """A WordPress user as the site shows it."""

    id: int
    name: str
    slug: str
    bio: str


@dataclass(frozen=True)
class Term:
    """A category or tag; ``path`` is the category base path (``news/local``) or the slug."""

    id: int
    name: str
    slug: str
    taxonomy: str
    parent: Term | None = None

    @property
    def path(self) -> str:
        return f"{self.parent.path}/{self.slug}" if self.parent else self.slug


@dataclass
class Image:
    """An uploaded image placed in a body (or as a featured image)."""

    id: int
    name: str
    src: str
    """``src`` as written in the HTML (may be root-relative)."""
    real: str
    """Absolute URL of the image the page shows (``src`` resolved, or ``data-src`` when lazy)."""
    full: str
    """Absolute URL of the full-size upload."""
    caption: str = ""
    lazy: bool = False
    href: str | None = None
    """Where a link around the image points (file, attachment page), as written."""


@dataclass
class Block:
    """A body block: ``p``, ``h2``, ``ul``, ``quote`` or ``figure``."""

    kind: str
    inlines: list[Inline] = field(default_factory=list)
    items: list[list[Inline]] = field(default_factory=list)
    image: Image | None = None


@dataclass
class Comment:
    """A comment and its replies (rendered nested)."""

    id: int
    author: str
    url: str | None
    date: datetime
    text: str
    children: list[Comment] = field(default_factory=list)


@dataclass
class Attachment:
    """An attachment page: ``url`` (pretty or ``?attachment_id=N``) and ``alt_url`` (the other)."""

    id: int
    image: Image
    parent: Post
    url: str
    alt_url: str | None


@dataclass
class Post:
    """A post, plus the facts that decide how and where it shows up."""

    id: int
    slug: str
    title: str
    author: Author
    published: datetime
    modified: datetime | None
    categories: list[Term]
    tags: list[Term]
    blocks: list[Block]
    comments: list[Comment]
    url: str = ""
    linked: bool = True
    sticky: bool = False
    author_linked: bool = True
    featured: Image | None = None
    comment_pages: bool = False
    shortlink_captured: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    old: Post | None = None
    """The version before a rename (older title, slug, body, modified): wbm mirrors hold it."""


@dataclass
class Page:
    """A static page (About, Contact)."""

    id: int
    slug: str
    title: str
    blocks: list[Block]
    url: str = ""


@dataclass
class SiteModel:
    """Everything a theme needs to render the site."""

    root: str
    theme: str
    permalinks: str
    name: str
    tagline: str
    authors: list[Author]
    categories: list[Term]
    tags: list[Term]
    posts: list[Post]
    """Oldest first."""
    pages: list[Page]

    @cached_property
    def linked_posts(self) -> list[Post]:
        """Posts listings may show, newest first (computed once: build the model first)."""
        return [p for p in reversed(self.posts) if p.linked]


def count_comments(comments: list[Comment]) -> int:
    """Comments including nested replies."""
    return sum(1 + count_comments(c.children) for c in comments)
