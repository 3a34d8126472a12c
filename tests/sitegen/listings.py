"""Every listing page a site serves: home, category (child categories included), tag, author and
date archives, paginated; the sticky post tops the first home pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Author, Post, SiteModel, Term
from .themes.html import MONTHS
from .urls import Urls

PER_PAGE = 8
STICKY_PAGES = 3


@dataclass
class Listing:
    """One page of an archive."""

    kind: str
    """``home``, ``category``, ``tag``, ``author``, ``year``, ``month`` or ``day``."""
    label: str
    posts: list[Post]
    page: int
    page_urls: list[str]
    term: Term | None = None
    author: Author | None = None
    feed: str | None = None

    @property
    def url(self) -> str:
        return self.page_urls[self.page - 1]

    @property
    def pages(self) -> int:
        return len(self.page_urls)

    @property
    def prev_url(self) -> str | None:
        return self.page_urls[self.page - 2] if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.page_urls[self.page] if self.page < self.pages else None

    @property
    def body_class(self) -> str:
        """``get_body_class()`` for this archive page."""
        if self.kind == "home":
            classes = "home blog"
        elif self.term is not None:
            tax = self.term.taxonomy.replace("post_", "")
            classes = f"archive {tax} {tax}-{self.term.slug} {tax}-{self.term.id}"
        elif self.author is not None:
            classes = f"archive author author-{self.author.slug} author-{self.author.id}"
        else:
            classes = "archive date"
        if self.page > 1:
            name = "date" if self.kind in ("year", "month", "day") else self.kind
            extra = "" if self.kind == "home" else f" {name}-paged-{self.page}"
            classes += f" paged paged-{self.page}{extra}"
        return classes


def _paginate(kind: str, label: str, posts: list[Post], first_url: str, urls: Urls,
              **extra: object) -> Iterator[Listing]:
    chunks = [posts[i:i + PER_PAGE] for i in range(0, len(posts), PER_PAGE)] or [[]]
    page_urls = [urls.paged(first_url, n) for n in range(1, len(chunks) + 1)]
    for n, chunk in enumerate(chunks, 1):
        yield Listing(kind, label, chunk, n, page_urls, **extra)  # type: ignore[arg-type]


def _home(model: SiteModel, urls: Urls) -> Iterator[Listing]:
    posts = model.linked_posts
    sticky = next((p for p in posts if p.sticky), None)
    for listing in _paginate("home", model.name, posts, urls.home(), urls, feed=urls.feed()):
        if sticky is not None and listing.page <= STICKY_PAGES:
            listing.posts = [sticky] + [p for p in listing.posts if p is not sticky]
        yield listing


def in_category(post: Post, term: Term) -> bool:
    return any(t is term or t.parent is term for t in post.categories)


def all_listings(model: SiteModel, urls: Urls) -> Iterator[Listing]:
    """Listings with at least one linked post (empty archives are not linked anywhere)."""
    posts = model.linked_posts
    yield from _home(model, urls)
    for term in model.categories:
        members = [p for p in posts if in_category(p, term)]
        if members:
            yield from _paginate("category", term.name, members, urls.category(term), urls,
                                 term=term, feed=urls.term_feed(term))
    for term in model.tags:
        members = [p for p in posts if term in p.tags]
        if members:
            yield from _paginate("tag", term.name, members, urls.tag(term), urls, term=term,
                                 feed=urls.term_feed(term))
    for author in model.authors:
        members = [p for p in posts if p.author is author]
        if members:
            yield from _paginate("author", author.name, members, urls.author(author), urls,
                                 author=author)
    yield from _dates(posts, urls)


def _dates(posts: list[Post], urls: Urls) -> Iterator[Listing]:
    groups: dict[tuple[int, ...], list[Post]] = defaultdict(list)
    for post in posts:
        day = post.published
        keys: tuple[tuple[int, ...], ...] = ((day.year,), (day.year, day.month),
                                             (day.year, day.month, day.day))
        for key in keys:
            groups[key].append(post)
    for key, members in groups.items():
        kind = ("year", "month", "day")[len(key) - 1]
        label = str(key[0]) if len(key) == 1 else f"{MONTHS[key[1] - 1]} {key[0]}"
        if len(key) == 3:
            label = f"{MONTHS[key[1] - 1]} {key[2]}, {key[0]}"
        yield from _paginate(kind, label, members, urls.date(*key), urls)
