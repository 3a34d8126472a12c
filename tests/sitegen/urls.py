"""WordPress URLs of a fixture site, for the four permalink settings.

``date`` = ``/%year%/%monthnum%/%day%/%postname%/``, ``postname`` = ``/%postname%/``,
``archives`` = ``/archives/%post_id%/`` (the "Numeric" setting, with a trailing slash), and
``plain`` = no rewrite rules: everything is a query on the root (``?p=N``, ``?cat=N``...).
"""

from __future__ import annotations

from datetime import datetime

from .model import Author, Page, Term

PERMALINKS = ("date", "postname", "archives", "plain")


class Urls:
    """URL builder for one site root and permalink setting."""

    def __init__(self, root: str, permalinks: str) -> None:
        if permalinks not in PERMALINKS:
            raise ValueError(f"permalinks must be one of {PERMALINKS}, not {permalinks!r}")
        self.root = root.rstrip("/")
        self.mode = permalinks
        self.pretty = permalinks != "plain"

    def _q(self, query: str) -> str:
        return f"{self.root}/?{query}"

    def paged(self, base: str, n: int) -> str:
        """Page ``n`` of the listing whose first page is ``base``."""
        if n <= 1:
            return base
        if self.pretty:
            return f"{base}page/{n}/"
        return f"{base}&paged={n}" if "?" in base else self._q(f"paged={n}")

    def post(self, post_id: int, slug: str, published: datetime) -> str:
        if self.mode == "date":
            return f"{self.root}/{published:%Y/%m/%d}/{slug}/"
        if self.mode == "postname":
            return f"{self.root}/{slug}/"
        if self.mode == "archives":
            return f"{self.root}/archives/{post_id}/"
        return self._q(f"p={post_id}")

    def _child(self, permalink: str, pretty: str, query: str) -> str:
        return f"{permalink}{pretty}" if self.pretty else f"{permalink}&{query}"

    def amp(self, permalink: str) -> str:
        return self._child(permalink, "amp/", "amp=1")

    def post_feed(self, permalink: str, post_id: int) -> str:
        return f"{permalink}feed/" if self.pretty else self._q(f"feed=rss2&p={post_id}")

    def comment_page(self, permalink: str, n: int) -> str:
        return self._child(permalink, f"comment-page-{n}/", f"cpage={n}")

    def reply(self, permalink: str, comment_id: int) -> str:
        sep = "?" if self.pretty else "&"
        return f"{permalink}{sep}replytocom={comment_id}#respond"

    def share(self, permalink: str, service: str) -> str:
        sep = "?" if self.pretty else "&"
        return f"{permalink}{sep}share={service}&nb=1"

    def attachment(self, permalink: str, name: str, attachment_id: int) -> str:
        return f"{permalink}{name}/" if self.pretty else self.attachment_id(attachment_id)

    def attachment_id(self, attachment_id: int) -> str:
        return self._q(f"attachment_id={attachment_id}")

    def shortlink(self, post_id: int) -> str:
        return self._q(f"p={post_id}")

    def home(self) -> str:
        return f"{self.root}/"

    def page(self, page: Page) -> str:
        return f"{self.root}/{page.slug}/" if self.pretty else self._q(f"page_id={page.id}")

    def category(self, term: Term) -> str:
        return f"{self.root}/category/{term.path}/" if self.pretty else self._q(f"cat={term.id}")

    def tag(self, term: Term) -> str:
        return f"{self.root}/tag/{term.slug}/" if self.pretty else self._q(f"tag={term.slug}")

    def term(self, term: Term) -> str:
        return self.category(term) if term.taxonomy == "category" else self.tag(term)

    def author(self, author: Author) -> str:
        if self.pretty:
            return f"{self.root}/author/{author.slug}/"
        return self._q(f"author={author.id}")

    def date(self, year: int, month: int | None = None, day: int | None = None) -> str:
        parts = [f"{year:04d}"] + [f"{v:02d}" for v in (month, day) if v is not None]
        return f"{self.root}/{'/'.join(parts)}/" if self.pretty else self._q(f"m={''.join(parts)}")

    def feed(self, kind: str = "posts") -> str:
        if kind == "comments":
            return f"{self.root}/comments/feed/" if self.pretty else self._q("feed=comments-rss2")
        return f"{self.root}/feed/" if self.pretty else self._q("feed=rss2")

    def term_feed(self, term: Term) -> str:
        if self.pretty:
            return f"{self.term(term)}feed/"
        key = "cat" if term.taxonomy == "category" else "tag"
        value = term.id if term.taxonomy == "category" else term.slug
        return self._q(f"{key}={value}&feed=rss2")

    def search(self, words: str) -> str:
        return self._q(f"s={words.replace(' ', '+')}")

    def upload(self, when: datetime, filename: str) -> str:
        return f"{self.root}/wp-content/uploads/{when:%Y/%m}/{filename}"

    def rest(self, path: str = "") -> str:
        return f"{self.root}/wp-json/{path}"

    def variant(self, url: str, style: int = 0) -> str:
        """``url`` as sloppy internal links write it: ``http://www.``, ``https://`` without www or
        ``http://`` without www (``style`` 0, 1, 2). Only for an ``https://www.`` root."""
        if not url.startswith("https://www."):
            return url
        rest = url[len("https://www."):]
        return ("http://www.", "https://", "http://")[style % 3] + rest
