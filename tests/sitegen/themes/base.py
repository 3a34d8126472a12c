"""What every theme shares: page assembly, WordPress body/post classes, neighbours, related."""

from __future__ import annotations

from ..listings import Listing
from ..model import Attachment, Page, Post, SiteModel
from ..text import excerpt
from ..urls import Urls
from .head import head_links, og_metas, post_links, stylesheets
from .html import esc
from .widgets import Widgets


class Theme:
    """Renders each kind of page of one site; subclasses supply the markup family."""

    name = ""
    style = "gutenberg"
    """Body markup: ``gutenberg`` or ``classic-editor`` (see :mod:`.body`)."""
    sep = " &#8211; "
    generator = "WordPress 6.4.2"
    article_times = True
    """Whether the head carries ``article:published_time`` / ``article:modified_time``."""
    sheets: list[tuple[str, str]] = []
    body_extra = ""

    def __init__(self, model: SiteModel, urls: Urls) -> None:
        self.model, self.urls = model, urls
        self.w = Widgets(model, urls)
        self._position = {p.id: i for i, p in enumerate(model.posts)}
        self._excerpts: dict[int, str] = {}
        self._items: dict[int, str] = {}
        self._by_category: dict[int, list[Post]] = {}
        for post in model.linked_posts:
            for term in post.categories:
                self._by_category.setdefault(term.id, []).append(post)

    # -- the pages ---------------------------------------------------------------------------
    def post(self, post: Post) -> str:
        feed = (f"{post.title} Comments", self.urls.post_feed(post.url, post.id))
        head = head_links(self.model, self.urls, post.title, self.sep, canonical=post.url,
                          generator=self.generator, extra_feed=feed)
        head += "\n" + post_links(self.urls, post)
        if self.article_times:
            head += "\n" + og_metas(self.model, post)
        return self.document(head, self.post_class(post), self.post_main(post))

    def listing(self, listing: Listing) -> str:
        title = "" if listing.kind == "home" else listing.label
        if listing.page > 1:
            title = f"{title or self.model.name} &#8211; Page {listing.page}"
        feed = (listing.label, listing.feed) if listing.feed and listing.kind != "home" else None
        head = head_links(self.model, self.urls, title, self.sep, canonical=listing.url,
                          generator=self.generator, extra_feed=feed,
                          prev_url=listing.prev_url, next_url=listing.next_url)
        return self.document(head, listing.body_class, self.listing_main(listing))

    def page(self, page: Page) -> str:
        head = head_links(self.model, self.urls, page.title, self.sep, canonical=page.url,
                          generator=self.generator)
        body_class = f"page-template-default page page-id-{page.id}"
        return self.document(head, body_class, self.page_main(page))

    def attachment(self, att: Attachment) -> str:
        head = head_links(self.model, self.urls, att.image.name, self.sep, canonical=att.url,
                          generator=self.generator)
        cls = (f"attachment attachment-template-default single single-attachment postid-{att.id} "
               f"attachmentid-{att.id} attachment-jpeg")
        return self.document(head, cls, self.attachment_main(att))

    def not_found(self) -> str:
        head = head_links(self.model, self.urls, "Page not found", self.sep,
                          generator=self.generator)
        return self.document(head, "error404", self.not_found_main())

    # -- for subclasses ----------------------------------------------------------------------
    def document(self, head: str, body_class: str, main: str) -> str:
        raise NotImplementedError

    def post_main(self, post: Post) -> str:
        raise NotImplementedError

    def listing_main(self, listing: Listing) -> str:
        raise NotImplementedError

    def page_main(self, page: Page) -> str:
        raise NotImplementedError

    def attachment_main(self, att: Attachment) -> str:
        raise NotImplementedError

    def not_found_main(self) -> str:
        raise NotImplementedError

    # -- helpers -----------------------------------------------------------------------------
    def html(self, head: str, body_class: str, body: str) -> str:
        sheets = stylesheets(self.urls, self.sheets)
        extra = f" {self.body_extra}" if self.body_extra else ""
        return (f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n{head}\n{sheets}\n</head>\n'
                f'<body class="{body_class}{extra}">\n{body}\n</body>\n</html>\n')

    def post_class(self, post: Post) -> str:
        """Body classes of a single post, as WordPress prints them (no slug among them)."""
        return f"post-template-default single single-post postid-{post.id} single-format-standard"

    def article_class(self, post: Post) -> str:
        """``post_class()``: ID, type, status, format, then category and tag slugs."""
        terms = [f"category-{t.slug}" for t in post.categories]
        terms += [f"tag-{t.slug}" for t in post.tags]
        thumb = " has-post-thumbnail" if post.featured else ""
        sticky = " sticky" if post.sticky else ""
        return (f"post-{post.id} post type-post status-publish format-standard{thumb}{sticky} "
                f"hentry {' '.join(terms)}").strip()

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        """Previous and next linked posts in publication order."""
        posts, i = self.model.posts, self._position[post.id]
        before = next((posts[j] for j in range(i - 1, -1, -1) if posts[j].linked), None)
        after = next((posts[j] for j in range(i + 1, len(posts)) if posts[j].linked), None)
        return before, after

    def related(self, post: Post, k: int = 3) -> list[Post]:
        pool = self._by_category.get(post.categories[0].id, []) if post.categories else []
        if len(pool) <= k:
            pool = self.model.linked_posts[:12]
        start = post.id % len(pool) if pool else 0
        return [p for p in (pool[start:] + pool[:start]) if p.id != post.id][:k]

    def excerpt(self, post: Post) -> str:
        if post.id not in self._excerpts:
            self._excerpts[post.id] = esc(excerpt(post.blocks))
        return self._excerpts[post.id]

    def items(self, posts: list[Post]) -> str:
        """Listing entries, each rendered once per site (they look the same on every listing)."""
        for post in posts:
            if post.id not in self._items:
                self._items[post.id] = self.item(post)
        return "".join(self._items[p.id] for p in posts)

    def item(self, post: Post) -> str:
        raise NotImplementedError

    def author_url(self, post: Post) -> str | None:
        return self.urls.author(post.author) if post.author_linked else None


def page_numbers(page: int, pages: int) -> list[int | None]:
    """``paginate_links()`` with ``mid_size=1``: first, last and neighbours; None for dots."""
    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out
