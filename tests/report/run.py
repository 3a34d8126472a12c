"""Crawl into a state store and report on it with the real commands."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.state.run import crawl, scrapy

FAST = ("-s", "ARCHIVE_INDEX_RATE=0", "-s", "ARCHIVE_PAGE_RATE=0")
"""Archives on this machine: no rate limit."""


def crawl_into(state: Path, site: str, archive: str | Path, *extra: str,
               status: int | None = 0) -> subprocess.CompletedProcess[str]:
    return crawl(site, archive, state, None, *FAST, *extra, status=status)


def report(state: Path, folder: Path, *options: str,
           status: int = 0) -> subprocess.CompletedProcess[str]:
    """``scrapy report folder/report.html --json folder/report.json``."""
    result = scrapy("report", str(folder / "report.html"), "--json", str(folder / "report.json"),
                    "-s", f"ARCHIVE_STATE={state}", *options)
    assert result.returncode == status, f"report exited {result.returncode}:\n{result.stderr}"
    return result


def figures(folder: Path) -> dict[str, Any]:
    """The one site's figures of ``folder/report.json``."""
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    (site,) = data["sites"]
    return site
