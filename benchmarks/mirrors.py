"""Generated mirrors for the crawl benchmarks, built once and kept outside the repository.

A Sahifa-like site of N posts (``tests.sitegen``) written as a ``wget`` mirror, page by page
(:func:`tests.sitegen.mirror.stream_mirror`: 100,000 posts are gigabytes of HTML), under
``$ARCHIVE_BENCH_CACHE`` (default ``~/.cache/archive-crawler-bench``). A mirror is reused when
its folder holds the ``complete`` mark written last, so an interrupted build starts over.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.sitegen.build import build_model  # noqa: E402
from tests.sitegen.mirror import stream_mirror  # noqa: E402

ROOT = "https://www.example.org"
GENERATOR_VERSION = 2
"""Bumped when the generator's output changes (2: dates kept inside the crawl's bounds)."""


def cache_folder() -> Path:
    default = Path.home() / ".cache" / "archive-crawler-bench"
    return Path(os.environ.get("ARCHIVE_BENCH_CACHE") or default)


def mirror(posts: int, kb: int = 0) -> Path:
    """The folder of a mirror of *posts* posts, each post page padded to *kb* KB (0: not)."""
    folder = cache_folder() / f"mirror-v{GENERATOR_VERSION}-{posts}-posts-{kb}kb"
    mark = folder / "complete"
    if mark.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    print(f"generating a mirror of {posts} posts in {folder}...", flush=True)
    model = build_model("sahifa", ROOT, posts, "date", 0)
    site = stream_mirror(model, folder, pad_to_kb=kb or None)
    mark.write_text(f"{len(site.kinds)} pages\n", encoding="utf-8")
    print(f"  {len(site.kinds)} pages in {time.monotonic() - started:.0f} s", flush=True)
    return folder


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        count, _, size = arg.partition(":")
        print(mirror(int(count), int(size or 0)))
