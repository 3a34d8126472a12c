"""Archives of one fixture site's history, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.archives.afterlife import write_afterlife_warcs
from tests.archives.history import History, build_history, write_warcs
from tests.archives.pywb import run_pywb


@pytest.fixture(scope="session")
def history() -> History:
    return build_history()


@pytest.fixture(scope="session")
def warc_dir(history: History, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("warcs")
    write_warcs(history, folder)
    return folder


@pytest.fixture(scope="session")
def pywb_prefix(warc_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with run_pywb(sorted(warc_dir.glob("*.warc.gz")), tmp_path_factory.mktemp("pywb")) as prefix:
        yield prefix


@pytest.fixture(scope="session")
def dead_warc_dir(warc_dir: Path, history: History,
                  tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real history's WARCs, then the dead site's afterlife (tests.archives.afterlife)."""
    folder = tmp_path_factory.mktemp("dead-warcs")
    for warc in warc_dir.glob("*.warc.gz"):
        (folder / warc.name).symlink_to(warc)
    write_afterlife_warcs(history, folder)
    return folder


@pytest.fixture(scope="session")
def dead_pywb_prefix(dead_warc_dir: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    warcs = sorted(dead_warc_dir.glob("*.warc.gz"))
    with run_pywb(warcs, tmp_path_factory.mktemp("dead-pywb")) as prefix:
        yield prefix
