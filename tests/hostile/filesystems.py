"""Hostile filesystems made for real: a full disk, a read-only folder, an immutable file.

Root (as in CI containers) gets the real thing: a tmpfs of a few kilobytes (writes fail with
``ENOSPC``), a read-only bind mount (``EROFS``), ``chattr +i``. Without root a read-only folder
or file is a ``chmod``, which binds every user but root; a full disk needs a mount, so those
tests skip, saying why. Every mount is undone when the test ends.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = os.geteuid() == 0


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=30)


def _mount(*args: str) -> None:
    if not ROOT or not shutil.which("mount"):
        pytest.skip("a small or read-only filesystem needs mount(8) as root")
    result = _run("mount", *args)
    if result.returncode:
        pytest.skip(f"mount {' '.join(args)} is not allowed here: {result.stderr.strip()}")


@contextmanager
def tmpfs(path: Path, size: str) -> Iterator[Path]:
    """An empty tmpfs of *size* (``8k``: two pages) at *path*, for as long as the block runs."""
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        _run("umount", "-l", str(path))


def fill(folder: Path) -> None:
    """Take every free block of *folder*'s filesystem, so that the next write fails."""
    with (folder / "filler").open("wb", buffering=0) as filler:
        try:
            while filler.write(b"\0" * 4096):
                pass
        except OSError:
            pass


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """*folder*, as it is, read-only: a read-only bind mount as root, else ``chmod a-w``."""
    if not ROOT:
        with _unwritable(folder):
            yield folder
        return
    _mount("--bind", str(folder), str(folder))
    try:
        result = _run("mount", "-o", "remount,bind,ro", str(folder))
        if result.returncode:
            pytest.skip(f"cannot remount read-only here: {result.stderr.strip()}")
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextmanager
def immutable(file: Path) -> Iterator[Path]:
    """*file* made unwritable: ``chattr +i`` (root too is refused), else ``chmod a-w``."""
    if ROOT:
        if not shutil.which("chattr") or _run("chattr", "+i", str(file)).returncode:
            pytest.skip("chattr +i is not available on this filesystem; as root, no other "
                        "way makes a file read-only")
        try:
            yield file
        finally:
            _run("chattr", "-i", str(file))
        return
    with _unwritable(file):
        yield file


@contextmanager
def _unwritable(path: Path) -> Iterator[None]:
    """``chmod a-w`` *path* (which binds every user but root), then give the mode back."""
    mode = path.stat().st_mode
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield
    finally:
        path.chmod(mode)
