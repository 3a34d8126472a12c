"""Decide a whole fixture site from its parameters: one ``random.Random(seed)``, no clock.

Posts are built in publication order with site-wide ID counters; :mod:`.roles` says which post
carries which special case.
"""

from __future__ import annotations

import copy
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from . import vocab
from .bodies import FRAGMENT_LINK, QUERY_LINK, BodyMaker
from .content import Writer, slugify, unique_slug
from .model import Author, Block, Page, Post, SiteModel, Term
from .roles import assign_roles
from .urls import Urls

OFFSETS = [-3, 3, 0, 2, -5]
FIRST_POST = datetime(2016, 1, 29, 8, 0, tzinfo=UTC)
LAST_POST = datetime(2025, 6, 30, tzinfo=UTC)
"""No post of any size of site is published later: its URL, and a modification up to 300 days
later, stay inside the crawl's date bounds (``crawler.routing.Bounds``, years up to next year)
whenever the tests run."""
CYRILLIC_TITLES = ["Обзор рынков даркнета: итоги года", "Задержан продавец из Казани"]
ENTITY_TITLE = "Vendor’s “Stealth” Shipping & Customs – What Fails…"
DUP_TITLE = "Weekly Darknet Roundup"
OLD_TITLE = "Europol Takes Down a Major Darknet Market"
NEW_TITLE = "Europol & FBI Take Down Wall Street Market"


class Builder:
    """Builds posts one by one in publication order, with site-wide ID counters."""

    def __init__(self, theme: str, root: str, n_posts: int, permalinks: str, seed: int) -> None:
        self.rng = random.Random(seed)
        self.theme, self.n = theme, n_posts
        self.urls = Urls(root, permalinks)
        self.writer = Writer(self.rng)
        self.bodies = BodyMaker(self.rng, self.urls)
        self.authors = [Author(*row) for row in vocab.AUTHORS]
        self.categories = _categories()
        self.tags = [Term(i, name, slug, "post_tag") for i, name, slug in vocab.TAGS]
        self.taken = {"about", "contact"}
        self.next_id, self.next_comment = 100, 5000
        self.when = FIRST_POST
        # Posts come about 6 hours apart, as on a busy news site (small sites still span two
        # months), closer on sites over ~9,000 posts so that they stay within about six years.
        self.gap = max(2, min(5, 6 * 365 * 24 // max(1, n_posts)))
        # Past ~8,000 posts even that overruns LAST_POST: every gap shrinks by one factor, the
        # longest possible gap times the posts fitting in the span (random draws unchanged).
        longest = timedelta(hours=2 * self.gap, minutes=59, seconds=59)
        self.pace = min(1.0, (LAST_POST - FIRST_POST) / (longest * max(1, n_posts)))
        self.posts: list[Post] = []

    def build(self) -> SiteModel:
        roles = assign_roles(self.rng, self.n)
        for i in range(self.n):
            self.posts.append(self.post(i, roles[i]))
        self.linked = [p for p in self.posts if p.linked]
        self.renamed = next((p for p in self.posts if p.old is not None), None)
        for i, post in enumerate(self.posts):
            self.links(post, roles[i])
        pages = [self.page(2, "about", "About"), self.page(7, "contact", "Contact")]
        return SiteModel(self.urls.root, self.theme, self.urls.mode, vocab.SITE_NAME,
                         vocab.TAGLINE, self.authors, self.categories, self.tags, self.posts, pages)

    def allocate(self) -> int:
        self.next_id += 1
        return self.next_id

    def post(self, i: int, roles: set[str]) -> Post:
        r = self.rng
        step = timedelta(hours=r.randint(2, 2 * self.gap), minutes=r.randint(0, 59),
                         seconds=r.randint(0, 59))
        if self.pace < 1:
            step = timedelta(seconds=int(step.total_seconds() * self.pace))
        self.when += step
        tz = timezone(timedelta(hours=r.choice(OFFSETS)))
        published = self.when.astimezone(tz)
        title = self.title(roles)
        old_title = OLD_TITLE if "renamed" in roles else None
        first_slug = unique_slug(slugify(old_title or title), self.taken)
        slug = unique_slug(slugify(title), self.taken) if old_title else first_slug
        post = Post(self.allocate(), slug, title, self.author(i), published, None,
                    self.terms(i), self.tag_list(i), self.writer.blocks(r.randint(3, 6)), [],
                    linked="unlinked" not in roles, sticky="sticky" in roles)
        post.url = self.urls.post(post.id, slug, published)
        if "cyrillic" in roles:
            summary = "Это краткое содержание статьи на русском языке."
            post.blocks.append(Block("p", [("t", summary)]))
        post.modified = self.modified(published, roles)
        # Drawn for every theme, so one seed gives the same content in every theme.
        unlinked_byline = r.random() < 0.3
        post.author_linked = self.theme != "block" or not unlinked_byline
        self.images(post, roles)
        count = 4 if "comment_pages" in roles else r.choice([0, 0, 0, 1, 2, 3, 5, 8])
        post.comments = self.writer.comments(self.next_comment, published, count)
        self.next_comment += count + r.randint(0, 9)
        post.comment_pages = "comment_pages" in roles
        post.shortlink_captured = "sticky" in roles or r.random() < 0.05
        if old_title:
            self.rename(post, first_slug)
        self.next_id += r.randint(0, 3)  # revisions and autosaves use IDs too
        return post

    def title(self, roles: set[str]) -> str:
        if "renamed" in roles:
            return NEW_TITLE
        if "dup" in roles:
            return DUP_TITLE
        if "entities" in roles:
            return ENTITY_TITLE
        if "cyrillic" in roles:
            return CYRILLIC_TITLES[sum(p.title in CYRILLIC_TITLES for p in self.posts) % 2]
        return self.writer.title()

    def author(self, i: int) -> Author:
        return self.authors[i] if i < len(self.authors) else self.rng.choice(self.authors)

    def terms(self, i: int) -> list[Term]:
        chosen = {self.categories[i]} if i < len(self.categories) else set()
        if not chosen or self.rng.random() < 0.4:
            chosen.add(self.rng.choice(self.categories[1:]))
        if len(chosen) > 1:
            chosen.discard(self.categories[0])  # "Uncategorized" only ever stands alone
        return sorted(chosen, key=lambda t: t.name.casefold())

    def tag_list(self, i: int) -> list[Term]:
        chosen = set(self.rng.sample(self.tags, self.rng.choice([0, 1, 1, 2, 3])))
        if i < len(self.tags):
            chosen.add(self.tags[i])
        return sorted(chosen, key=lambda t: t.name.casefold())

    def modified(self, published: datetime, roles: set[str]) -> datetime | None:
        r = self.rng
        if "scheduled" in roles and "renamed" not in roles:
            return published - timedelta(hours=r.randint(5, 70), minutes=r.randint(0, 59))
        if "renamed" not in roles and r.random() < 0.3:
            return None
        return published + timedelta(days=r.randint(1, 300), seconds=r.randint(0, 86399))

    def images(self, post: Post, roles: set[str]) -> None:
        r, when, stem = self.rng, post.published, post.slug[:24].rstrip("-")
        if r.random() < 0.5:
            post.featured = self.bodies.image(self.allocate(), f"{stem}-cover", when, "660x330")
        count = r.choice([0, 0, 1, 1, 2]) + bool(roles & {"lazy", "attachment", "attachment_id"})
        for k in range(count):
            image = self.bodies.image(self.allocate(), f"{stem}-{k + 1}", when,
                                      relative=r.random() < 0.2 and "lazy" not in roles)
            image.caption = self.writer.sentences(1) if r.random() < 0.6 else ""
            if k == 0 and "lazy" in roles:
                image.lazy = True
            if k == 0 and roles & {"attachment", "attachment_id"}:
                post.attachments.append(self.bodies.attach(post, image, "attachment_id" in roles))
            elif r.random() < 0.3:
                image.href = image.full
            self.bodies.figure(post.blocks, image)

    def rename(self, post: Post, old_slug: str) -> None:
        """The post was published as OLD_TITLE and renamed later; WordPress keeps the old slug
        (``_wp_old_slug``) and redirects it. The old version is what early captures hold."""
        old_url = self.urls.post(post.id, old_slug, post.published)
        old_modified = post.published + timedelta(hours=self.rng.randint(2, 20))
        post.old = replace(post, slug=old_slug, title=OLD_TITLE, url=old_url,
                           blocks=copy.deepcopy(post.blocks[:-1]), modified=old_modified,
                           comments=post.comments[:1], attachments=[])

    def links(self, post: Post, roles: set[str]) -> None:
        """Body links, once every post (and so every URL) exists."""
        r, make, blocks = self.rng, self.bodies, post.blocks
        linked = self.linked
        if len(linked) > 1 and r.random() < 0.4:
            make.internal(blocks, self.other(post))
        if r.random() < 0.5:
            make.external(blocks)
        renamed = self.renamed
        if "old_link" in roles and renamed and renamed.old and renamed.old.url != renamed.url:
            make.link(blocks, renamed.old.url, "as we reported", "This story developed",
                      " at the time.")
        if "relative" in roles and len(linked) > 1:
            other = self.other(post)
            make.internal(blocks, other, other.url[len(self.urls.root):])
        if "search" in roles:
            make.link(blocks, self.urls.search("agora market"), "Agora Market", "Before turning to")
        if "query" in roles:
            make.link(blocks, QUERY_LINK[0], QUERY_LINK[1], "", " to the sheriff’s office.")
        if "fragment" in roles:
            make.link(blocks, FRAGMENT_LINK[0], FRAGMENT_LINK[1], "Read more on the")
        if "br" in roles:
            make.line_break(blocks)
        if "nbsp" in roles:
            make.nbsp(blocks)

    def other(self, post: Post) -> Post:
        """A random linked post other than ``post`` (there must be two linked posts)."""
        while (other := self.rng.choice(self.linked)) is post:
            pass
        return other

    def page(self, page_id: int, slug: str, title: str) -> Page:
        text = f"{vocab.SITE_NAME} has reported on the hidden web since 2013." if slug == "about" \
            else "Send tips to our editors through the form below or over PGP."
        page = Page(page_id, slug, title, [Block("p", [("t", text)])])
        page.url = self.urls.page(page)
        return page


def _categories() -> list[Term]:
    by_slug: dict[str, Term] = {}
    for term_id, name, slug, parent in vocab.CATEGORIES:
        by_slug[slug] = Term(term_id, name, slug, "category", by_slug[parent] if parent else None)
    return list(by_slug.values())


def build_model(theme: str, root: str, n_posts: int, permalinks: str, seed: int) -> SiteModel:
    """The site's content and structure, ready to render."""
    return Builder(theme, root, n_posts, permalinks, seed).build()

