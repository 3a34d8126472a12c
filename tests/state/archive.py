"""A mirror archive that gains captures: version 1, then version 2 with new and changed posts.

Version 1 lacks the files of a few posts (the archive had not captured them yet; listings still
link to them, as a real archive's listings do). Version 2 adds those files and rewrites the
files of a few other posts with a revised body and a later ``modified`` date, as a re-download
of the archive would. Every other file keeps its bytes and its mtime.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from tests.sitegen import Site, build_site
from tests.sitegen.amp import amp_page
from tests.sitegen.mirror import relative_path, write_mirror
from tests.sitegen.model import Block
from tests.sitegen.themes import THEMES
from tests.sitegen.truth import post_truth
from tests.sitegen.urls import Urls

REVISION_NOTE = "Update: this post was revised after it was first archived."


@dataclass
class TwoCaptureArchive:
    site: Site
    new_ids: list[int]
    """Posts whose files only version 2 has."""
    changed_ids: list[int]
    """Posts whose files version 2 rewrites with a revised body."""
    revised: dict[str, bytes] = field(default_factory=dict)
    """Version 2's bytes of the changed posts' files, by URL."""
    truth_v2: dict[int, dict] = field(default_factory=dict)

    def post_urls(self, post_id: int) -> list[str]:
        """Every URL whose file holds this post (permalink, AMP page, shortlink capture)."""
        urls = Urls(self.site.root, self.site.permalinks)
        url = next(p["url"] for p in self.site.posts if p["post_id"] == post_id)
        found = [url, urls.amp(url)]
        found += [u for u in self.site.wbm_captures if u == urls.shortlink(post_id)]
        return found

    def write(self, path: Path, version: int) -> Path:
        """Write version 1 into *path*, or turn the version 1 there into version 2."""
        if version == 1:
            host = write_mirror(self.site, path, "wbm")
            for post_id in self.new_ids:
                for url in self.post_urls(post_id):
                    (host / relative_path(url)).unlink()
            return path
        host = next(path.iterdir())
        files = {url: self.site.pages.get(url) or self.site.wbm_captures[url]
                 for post_id in self.new_ids for url in self.post_urls(post_id)}
        files.update(self.revised)
        for url, body in files.items():
            (host / relative_path(url)).write_bytes(body)
        return path

    def expected(self, version: int) -> list[dict]:
        """Ground truth of the posts a crawl of *version* finds, by post ID."""
        rows = self.site.expected("mirror")
        if version == 1:
            return [r for r in rows if r["post_id"] not in self.new_ids]
        return [self.truth_v2.get(r["post_id"], r) for r in rows]


def two_capture_archive(theme: str = "sahifa", n_posts: int = 24, seed: int = 3,
                        n_new: int = 2, n_changed: int = 2) -> TwoCaptureArchive:
    site = build_site(theme=theme, n_posts=n_posts, seed=seed)
    plain = [p for p in site.model.posts if p.old is None and p.linked and not p.attachments]
    new = plain[-n_new:]  # the newest: on the home page, so a live archive links them too
    changed = plain[1: 1 + n_changed]
    archive = TwoCaptureArchive(site, [p.id for p in new], [p.id for p in changed])
    urls = Urls(site.root, site.permalinks)
    theme_renderer = THEMES[site.theme](site.model, urls)
    for post in changed:
        revised = copy.copy(post)
        revised.blocks = [*post.blocks, Block("p", [("t", REVISION_NOTE)])]
        revised.modified = (post.modified or post.published) + timedelta(days=400)
        page = theme_renderer.post(revised).encode("utf-8")
        amp = amp_page(site.model, revised).encode("utf-8")
        for url in archive.post_urls(post.id):
            archive.revised[url] = amp if url == urls.amp(post.url) else page
        truth = post_truth(site.model, revised)
        truth.pop("linked")
        archive.truth_v2[post.id] = truth
    return archive
