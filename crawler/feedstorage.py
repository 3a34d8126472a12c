"""Local feeds that are never torn: written under a temporary name, renamed when complete.

Scrapy's file storage writes the target itself, so a crawl killed mid-way leaves a half-written
``posts.json`` that may even parse. Here the feed goes to ``.posts.json.partial-<random>`` beside
the target and replaces it in one ``os.replace`` when the feed is stored; a killed crawl leaves
the previous file untouched and an obviously partial file next to it; a failed write (a full
disk) removes the partial file and raises. Wired for ``file://`` URIs and plain paths in
``FEED_STORAGES``; ``scrapy export`` and ``datapackage.json`` use the same functions.

The temporary file is created with ``O_CREAT | O_EXCL | O_NOFOLLOW`` under a name nobody can
guess, so a symbolic link planted beside the target (to a file the user can write) is never
followed, truncated or written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

from scrapy import Spider
from scrapy.extensions.feedexport import FileFeedStorage

T = TypeVar("T")
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def create_partial(target: Path) -> tuple[IO[bytes], Path]:
    """A new, empty file beside *target* for writing it: ``.NAME.partial-<random>``."""
    for _ in range(100):
        partial = target.with_name(f".{target.name}.partial-{secrets.token_hex(4)}")
        try:
            fd = os.open(partial, _CREATE, 0o666)  # the umask applies, as to any new file
        except FileExistsError:  # a name taken (or planted): draw another
            continue
        return os.fdopen(fd, "wb"), partial
    raise FileExistsError(errno.EEXIST, "no free temporary name beside", str(target))


def check_target(target: Path) -> None:
    """Raise ``OSError`` now if *target* could not be written when complete: a folder in its
    place, a folder that cannot be created or written (read-only, not ours)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way, not a file", str(target))
    file, partial = create_partial(target)
    file.close()
    partial.unlink()


def replace_atomically(file: IO[bytes], partial: Path, target: Path) -> None:
    """Close the complete *file* (written at *partial*) and move it over *target*, durably.

    On any error (``ENOSPC`` while the last buffer is flushed, a folder in *target*'s place)
    the partial file is removed and the error raised: *target* keeps its previous content.
    """
    try:
        if file.closed:  # by an exporter's or a postprocessing plugin's own wrapper
            file = partial.open("rb")
        file.flush()
        os.fsync(file.fileno())
        file.close()
        os.replace(partial, target)
    except BaseException:
        discard(file, partial)
        raise
    _sync_folder(target.parent)


def write_atomically(target: Path, write: Callable[[IO[bytes]], T]) -> T:
    """Call ``write(file)`` on a new partial file, then replace *target* with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    file, partial = create_partial(target)
    try:
        result = write(file)
    except BaseException:
        discard(file, partial)
        raise
    replace_atomically(file, partial, target)
    return result


def discard(file: IO[bytes], partial: Path) -> None:
    """Drop an unfinished partial file (closing it may fail again on a full disk)."""
    with contextlib.suppress(OSError):
        file.close()
    partial.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    try:
        directory = os.open(folder, os.O_RDONLY)
    except OSError:  # some filesystems do not open folders; the rename is done anyway
        return
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


class AtomicFileFeedStorage(FileFeedStorage):
    """A :class:`FileFeedStorage` that renames a temporary file over the target on success.

    Appending (``-o``) copies the current file into the temporary one first, so the target is
    still replaced whole. :meth:`check` tells before the crawl whether the feed can be written.
    """

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.target = Path(self.path)
        self.partial: Path | None = None
        self._file: IO[bytes] | None = None

    def check(self) -> None:
        check_target(self.target)

    def open(self, spider: Spider) -> IO[bytes]:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._file, self.partial = create_partial(self.target)
        if self.write_mode == "ab" and self.target.exists():
            with self.target.open("rb") as current:
                shutil.copyfileobj(current, self._file)
        return self._file

    def store(self, file: IO[bytes]) -> None:
        assert self.partial is not None
        replace_atomically(file, self.partial, self.target)

    def discard(self) -> None:
        """Drop the partial file of a feed that is not to be stored."""
        if self._file is not None and self.partial is not None:
            discard(self._file, self.partial)
