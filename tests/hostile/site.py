"""The small generated site the hostile cases crawl: 8 posts, 7 of them in its first capture."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.state.archive import TwoCaptureArchive, two_capture_archive

SITE = "https://www.example.org"
"""The generated site's root (the generator's default)."""


@cache
def small_archive() -> TwoCaptureArchive:
    archive = two_capture_archive(n_posts=8, seed=2, n_new=1, n_changed=1)
    assert archive.site.root == SITE
    return archive


def write_mirror(folder: Path) -> Path:
    """The first capture of :func:`small_archive`, as a mirror in *folder*/mirror."""
    return small_archive().write(folder / "mirror", version=1)


def post_ids() -> list[int]:
    """The IDs of the posts a crawl of that mirror finds."""
    return sorted(r["post_id"] for r in small_archive().expected(1))
