"""Two versions of one fixture site, a year apart, and what a crawl of each window must export.

Version 1 (captured 2017-06-01, Sahifa theme) and version 2 (captured 2018-06-01 and again,
unchanged, 2018-06-15; classic theme) of the same posts (same IDs):

- **new** posts exist only in version 2;
- **deleted** posts answer 404 in version 2 (their last good capture is from version 1);
- **edited** posts have another title, one more paragraph and a newer ``modified`` in version 2;
- the **renamed** post (sitegen's) is at its old URL in version 1; version 2 redirects it (301);
- version 2's server sends some pages with a wrong or missing ``Content-Type``/charset.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.archives.server import SiteVersion, serve_version
from tests.archives.warcs import record_warc
from tests.sitegen.build import build_model
from tests.sitegen.model import Post, SiteModel
from tests.sitegen.site import Site
from tests.sitegen.truth import post_truth
from tests.sitegen.urls import Urls

ROOT = "https://www.example.org"
FIRST, SECOND, RECRAWL = (
    datetime(2017, 6, 1, tzinfo=UTC),
    datetime(2018, 6, 1, tzinfo=UTC),
    datetime(2018, 6, 15, tzinfo=UTC),
)
WARC_NAMES = ("example-2017.warc.gz", "example-2018.warc.gz", "example-2018-recrawl.warc.gz")


@dataclass
class History:
    v1: SiteVersion
    v2: SiteVersion
    expected_v1: list[dict[str, Any]]
    """Posts of a window holding only the 2017 capture."""
    expected_v2: list[dict[str, Any]]
    """Posts of a window up to a 2018 capture: version 2's, plus the deleted posts from 2017."""
    only_v2: list[dict[str, Any]]
    """Posts of a window from 2018 on: version 2's alone."""
    new: list[int]
    deleted: list[int]
    edited: list[int]
    renamed: int
    mislabelled: dict[str, str | None]


def build_history(n_posts: int = 30, seed: int = 0) -> History:
    old, new = (
        build_model("sahifa", ROOT, n_posts, "date", seed),
        build_model("classic", ROOT, n_posts, "date", seed),
    )
    assert [p.id for p in old.posts] == [p.id for p in new.posts], (
        "themes must not change the content"
    )
    plain = [p.id for p in new.posts if _plain(p)]
    assert len(plain) >= 7, f"{n_posts} posts leave too few plain ones to add, delete and edit"
    added, deleted, edited = plain[-3:], plain[:2], plain[2:4]
    renamed = next(p.id for p in new.posts if p.old is not None)
    old.posts = [_as_before(p, edited) for p in old.posts if p.id not in added]
    new.posts = [p for p in new.posts if p.id not in deleted]
    site1, site2 = Site(old), Site(new)
    gone = {u for p in old.posts if p.id in deleted for u in (p.url, Urls(ROOT, "date").amp(p.url))}
    mislabelled = _mislabel(new)
    v1 = _version(site1, old)
    v2 = _version(site2, new, gone=gone, content_types=mislabelled)
    truth1, truth2 = _truth(old), _truth(new)
    return History(
        v1,
        v2,
        expected_v1=truth1,
        expected_v2=sorted(truth2 + [t for t in truth1 if t["post_id"] in deleted], key=_id),
        only_v2=truth2,
        new=added,
        deleted=deleted,
        edited=edited,
        renamed=renamed,
        mislabelled=mislabelled,
    )


def write_warcs(history: History, folder: Path) -> list[Path]:
    """Record version 1, then version 2 twice (the second time only revisit records)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in WARC_NAMES]
    seen: dict[tuple[str, str], str] = {}
    with serve_version(history.v1) as url:
        record_warc(history.v1, url, paths[0], FIRST, seen)
    with serve_version(history.v2) as url:
        record_warc(history.v2, url, paths[1], SECOND, seen)
        record_warc(history.v2, url, paths[2], RECRAWL, seen)
    return paths


def _plain(post: Post) -> bool:
    """A post with no special role, safe to add, delete or edit."""
    return (
        post.old is None
        and not post.sticky
        and post.linked
        and not post.attachments
        and not post.comment_pages
        and post.modified is not None
        and post.modified > post.published + timedelta(days=1)
        and post.title.isascii()
    )


def _as_before(post: Post, edited: list[int]) -> Post:
    if post.old is not None:
        return post.old  # the renamed post, at its old URL, as first published
    if post.id not in edited:
        return post
    before = copy.deepcopy(post)
    before.title = "First take: " + post.title
    before.blocks = before.blocks[:-1]
    before.modified = post.published + timedelta(hours=1)
    return before


def _mislabel(model: SiteModel) -> dict[str, str | None]:
    """Pages the version 2 server sends with a wrong or missing type (non-ASCII ones first)."""
    posts = sorted(
        (p for p in model.posts if p.old is None and not p.sticky),
        key=lambda p: (p.title.isascii(), p.id),
    )
    wrong = ["text/html; charset=iso-8859-1", "text/plain", None]
    return {p.url: content_type for p, content_type in zip(posts, wrong, strict=False)}


def _version(site: Site, model: SiteModel, **changes: Any) -> SiteVersion:
    links = {p.url: f"<{ROOT}/?p={p.id}>; rel=shortlink" for p in model.posts}
    return SiteVersion(
        site.root,
        dict(site.pages),
        dict(site.redirects),
        links=links,
        not_found=site.not_found,
        **changes,
    )


def _truth(model: SiteModel) -> list[dict[str, Any]]:
    rows = [post_truth(model, p) for p in model.posts]
    return sorted(({k: v for k, v in row.items() if k != "linked"} for row in rows), key=_id)


def _id(row: dict[str, Any]) -> int:
    return row["post_id"]
