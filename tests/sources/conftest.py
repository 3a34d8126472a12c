"""Archives of one fixture site's history, built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

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
