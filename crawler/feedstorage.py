"""Local feeds that are never torn: written under a temporary name, renamed when complete.

Scrapy's file storage writes the target itself, so a crawl killed mid-way leaves a half-written
``posts.json`` that may even parse. Here the feed goes to ``.posts.json.partial-<pid>`` beside
the target and replaces it in one ``os.replace`` when the feed is stored; a killed crawl leaves
the previous file untouched and an obviously partial file next to it. Wired for ``file://`` URIs
and plain paths in ``FEED_STORAGES``.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

from crawler.state.extension import CrawlState

logger = logging.getLogger(__name__)


def partial_path(path: Path) -> Path:
    """Where *path* is written before it is complete."""
    return path.with_name(f".{path.name}.partial-{os.getpid()}")


def replace_atomically(partial: Path, target: Path) -> None:
    """Move a complete, closed *partial* over *target*, durably."""
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    try:
        directory = os.open(target.parent, os.O_RDONLY)
    except OSError:  # some filesystems do not open folders; the rename is done anyway
        return
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class AtomicFileFeedStorage(FileFeedStorage):
    """A :class:`FileFeedStorage` that renames a temporary file over the target on success.

    Appending (``-o``) copies the current file into the temporary one first, so the target is
    still replaced whole. A crawl the state store refused (another run holds the lock) stores
    nothing: its empty feed must not replace the last good one.
    """

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None,
                 crawler: Crawler | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.crawler = crawler
        self.target = Path(self.path)
        self.partial = partial_path(self.target)

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *,
                     feed_options: dict[str, Any] | None = None) -> AtomicFileFeedStorage:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def open(self, spider: Spider) -> IO[bytes]:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "ab" and self.target.exists():
            shutil.copyfile(self.target, self.partial)
        return self.partial.open(self.write_mode)

    def store(self, file: IO[bytes]) -> None:
        file.close()
        if self._crawl_refused():
            self.partial.unlink(missing_ok=True)
            logger.warning("Not replacing %s: the crawl did not run", self.target)
            return
        replace_atomically(self.partial, self.target)

    def _crawl_refused(self) -> bool:
        if self.crawler is None:
            return False
        state = self.crawler.get_extension(CrawlState)
        return state is not None and state.refused
