"""A rendered fixture site: every page it serves, its redirects and its ground truth."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .amp import amp_page
from .build import build_model
from .listings import all_listings
from .model import Post, SiteModel
from .padding import pad
from .themes import THEMES, Theme
from .truth import post_truth
from .urls import Urls


class Site:
    """Pages (original URL -> HTML bytes), redirects, and the posts a crawl must export.

    ``kinds`` names what each page is (``post``, ``amp``, ``attachment``, ``page``, ``home``,
    ``category``, ``tag``, ``author``, ``year``, ``month``, ``day``). ``wbm_captures`` holds what
    only a Wayback download has: older copies at old-slug URLs and shortlink captures.
    """

    def __init__(self, model: SiteModel, pad_to_kb: int | None = None,
                 on_page: Callable[[str, bytes], None] | None = None) -> None:
        self.model = model
        self.root = model.root
        self.theme = model.theme
        self.permalinks = model.permalinks
        self.pages: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        self.kinds: dict[str, str] = {}
        self.wbm_captures: dict[str, bytes] = {}
        self.posts: list[dict[str, Any]] = [post_truth(model, p) for p in model.posts]
        self.not_found = b""
        """The body of every 404 answer (a WordPress ``error404`` page)."""
        self._pad = pad_to_kb * 1024 if pad_to_kb else 0
        self._on_page = on_page
        """Given, it takes each page as it is rendered and ``pages`` stays empty (a site of
        100,000 posts is gigabytes of HTML: :func:`.mirror.stream_mirror`)."""
        self._render()

    def _add(self, url: str, kind: str, html: str | bytes) -> None:
        if url in self.kinds:
            raise AssertionError(f"two pages at {url}")
        body = html if isinstance(html, bytes) else html.encode("utf-8")
        if self._on_page is not None:
            self._on_page(url, body)
        else:
            self.pages[url] = body
        self.kinds[url] = kind

    def _post_html(self, html: str) -> bytes:
        page = html.encode("utf-8")
        return pad(page, self._pad) if self._pad else page

    def _render(self) -> None:
        model, urls = self.model, Urls(self.model.root, self.model.permalinks)
        theme = THEMES[model.theme](model, urls)
        for post in model.posts:
            self._render_post(theme, urls, post)
        for static in model.pages:
            self._add(static.url, "page", theme.page(static))
            if urls.pretty:
                self.redirects[f"{urls.root}/?page_id={static.id}"] = static.url
        for listing in all_listings(model, urls):
            self._add(listing.url, listing.kind, theme.listing(listing))
        self.not_found = theme.not_found().encode("utf-8")

    def _render_post(self, theme: Theme, urls: Urls, post: Post) -> None:
        """The post page, its AMP page, attachment pages, shortlink and old-slug redirects."""
        page = self._post_html(theme.post(post))
        self._add(post.url, "post", page)
        self._add(urls.amp(post.url), "amp", amp_page(self.model, post))
        shortlink = urls.shortlink(post.id)
        if shortlink != post.url:
            self.redirects[shortlink] = post.url
            if post.shortlink_captured:
                self.wbm_captures[shortlink] = page
        if post.old is not None and post.old.url != post.url:
            self.redirects[post.old.url] = post.url
            self.wbm_captures[post.old.url] = self._post_html(theme.post(post.old))
        for att in post.attachments:
            html = theme.attachment(att).encode("utf-8")
            self._add(att.url, "attachment", html)
            if att.alt_url:
                self._add(att.alt_url, "attachment", html)

    def expected(self, source: str = "live") -> list[dict[str, Any]]:
        """Posts a crawl must export, by ``post_id``: ``live`` = posts some page links to,
        ``mirror`` = all posts (enumerating the files finds the unlinked ones too)."""
        if source not in ("live", "mirror"):
            raise ValueError(f"source must be 'live' or 'mirror', not {source!r}")
        rows = [p for p in self.posts if source == "mirror" or p["linked"]]
        return [{k: copy.deepcopy(v) for k, v in p.items() if k != "linked"}
                for p in sorted(rows, key=lambda p: p["post_id"])]

    def write_mirror(self, path: str | Path, layout: str = "wget") -> Path:
        """Write the site as a mirror tool would under ``path``; returns the host folder."""
        from .mirror import write_mirror

        return write_mirror(self, Path(path), layout)


def build_site(theme: str = "sahifa", root: str = "https://www.example.org", n_posts: int = 30,
               permalinks: str = "date", seed: int = 0, pad_to_kb: int | None = None) -> Site:
    """A deterministic WordPress-like site with known ground truth (see the package docs)."""
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {sorted(THEMES)}, not {theme!r}")
    if n_posts < 1:
        raise ValueError("n_posts must be at least 1")
    return Site(build_model(theme, root.rstrip("/"), n_posts, permalinks, seed), pad_to_kb)
