"""The archive with known holes (:mod:`.holes`), crawled and reported on once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.report.holes import ROOT, Holes, build_holes, write_warcs
from tests.report.run import crawl_into, report


@pytest.fixture(scope="session")
def holes() -> Holes:
    return build_holes()


@pytest.fixture(scope="session")
def holes_report(holes: Holes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``warcs/``, the crawl's ``state.sqlite3`` and ``report.html`` and
    ``report.json``."""
    folder = tmp_path_factory.mktemp("holes")
    write_warcs(holes, folder / "warcs")
    crawl_into(folder / "state.sqlite3", ROOT, folder / "warcs")
    report(folder / "state.sqlite3", folder)
    return folder
