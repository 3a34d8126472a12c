"""The files of a mirror folder, read defensively: whatever the folder holds, the crawl goes on.

A mirror is a folder someone copied, unpacked or shared: besides pages it may hold sockets, FIFOs
(opening one for reading waits for a writer, for ever), device files, links leading out of it,
files nobody may read, names that are not UTF-8 (a URL's raw bytes, as wget saved them) and files
far bigger than any page. Entries that are no regular file inside the mirror are skipped, each
counted by reason; reads never block (``O_NONBLOCK``, then a check that the open file is regular)
and are capped. These functions do blocking I/O: callers run them off the reactor thread.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from crawler.sources.limits import PageTooLarge, gunzip_capped, read_capped

logger = logging.getLogger(__name__)

INDEX_NAMES = ("index.html", "index.htm")
HTML_SUFFIXES = (".html", ".htm")
COPY_INDEX_NAMES = ("index.md", "index.markdown")
COPY_SUFFIXES = (".md", ".markdown")
INDEX_NAMES_SET = frozenset(INDEX_NAMES)
HEAD_BYTES = 512
LOGGED_PER_REASON = 5
"""Skipped entries logged one by one per reason; the rest are counted (and summed up at the end)."""
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)

SKIP_REASONS = {
    "not_regular": "not a regular file (socket, FIFO, device)",
    "link_out": "a link leading out of the mirror, or to nothing",
    "unreadable": "not readable",
}


class NotAPageFile(OSError):
    """A mirror entry that cannot be read as a page (not a regular file, unreadable)."""

    def __init__(self, reason: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{path}: {SKIP_REASONS[reason]}{': ' + detail if detail else ''}")
        self.reason = reason


class Skips:
    """Entries left out, by reason: counted, the first few logged."""

    def __init__(self, stats: Any = None) -> None:
        self.counts: Counter[str] = Counter()
        self.stats = stats

    def add(self, reason: str, path: Path, detail: str = "") -> None:
        self.counts[reason] += 1
        if self.stats is not None:
            self.stats.inc_value(f"archive/mirror/skipped/{reason}")
        log = logger.warning if self.counts[reason] <= LOGGED_PER_REASON else logger.debug
        log("Skipping mirror entry %r: %s%s", str(path), SKIP_REASONS[reason],
            f" ({detail})" if detail else "")

    def report(self) -> list[str]:
        return [f"Mirror entries skipped: {n} {SKIP_REASONS[reason]}"
                for reason, n in sorted(self.counts.items())]


def open_page(file: Path) -> int:
    """A descriptor for reading *file*, which must be a regular file: never blocks on a FIFO."""
    try:
        fd = os.open(file, OPEN_FLAGS)
    except OSError as exc:
        reason = "not_regular" if exc.errno in _NOT_REGULAR_ERRNOS else "unreadable"
        raise NotAPageFile(reason, file, exc.strerror or "") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotAPageFile("not_regular", file)
    return fd


def read_page(file: Path, cap: int) -> bytes:
    """The page *file* holds (inflated if it was saved gzip-compressed), at most *cap* bytes."""
    fd = open_page(file)
    size = os.fstat(fd).st_size
    if size > cap:
        os.close(fd)
        raise PageTooLarge(size, cap, str(file))
    with os.fdopen(fd, "rb") as handle:
        try:
            return gunzip_capped(read_capped(handle, cap), cap)
        except PageTooLarge as exc:
            raise PageTooLarge(exc.size, cap, str(file)) from None


def head(file: Path) -> bytes:
    with os.fdopen(open_page(file), "rb") as handle:
        return handle.read(HEAD_BYTES).lstrip()


def is_html(file: Path) -> bool:
    """Whether *file* (a regular file) holds a page, by its name or its first bytes."""
    name = file.name.partition("?")[0]
    if name.endswith(HTML_SUFFIXES):
        return True
    if name.endswith(COPY_SUFFIXES):
        return head(file).startswith(b"---")  # front matter: a page copy, not a README
    if "." in name:
        return False
    return head(file).lower().startswith((b"<!doctype html", b"<html"))


def regular_inside(file: Path, root: Path) -> Path | None:
    """*file* resolved, when it is a regular file inside *root* (else ``None``, nothing read)."""
    try:
        resolved = file.resolve()
        mode = resolved.stat().st_mode
    except (OSError, RuntimeError):  # a dangling link, a link loop
        return None
    return resolved if resolved.is_relative_to(root) and stat.S_ISREG(mode) else None


def walk_pages(root: Path, skips: Skips) -> Iterator[Path]:
    """Every page file under *root*, in a stable order, never following links out of it; what is
    left out is counted in *skips*."""
    def unreadable_folder(exc: OSError) -> None:
        skips.add("unreadable", Path(exc.filename or root), exc.strerror or "")

    for directory, dirs, files in os.walk(root, onerror=unreadable_folder):
        dirs.sort()
        has_index = not INDEX_NAMES_SET.isdisjoint(files)
        for name in sorted(files):
            file = Path(directory, name)
            if has_index and name in COPY_INDEX_NAMES:
                continue  # the same URL as the index.html beside it, which wins
            if (page := _page(file, root, skips)) is not None:
                yield page


def _page(file: Path, root: Path, skips: Skips) -> Path | None:
    try:
        mode = file.lstat().st_mode
        if stat.S_ISLNK(mode):
            if regular_inside(file, root) is None:
                skips.add("link_out", file)
                return None
            mode = file.stat().st_mode
        if not stat.S_ISREG(mode):
            skips.add("not_regular", file, _kind(mode))
            return None
        return file if is_html(file) else None
    except NotAPageFile as exc:
        skips.add(exc.reason, file)
    except OSError as exc:
        skips.add("unreadable", file, exc.strerror or "")
    return None


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISSOCK, "socket"), (stat.S_ISFIFO, "FIFO"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "folder")):
        if test(mode):
            return kind
    return "unknown type"


_NOT_REGULAR_ERRNOS = frozenset({errno.ENXIO, errno.ENODEV, errno.EISDIR})  # ENXIO: a socket
