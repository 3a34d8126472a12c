"""Run the real ``scrapy crawl archive`` and ``scrapy export`` commands on a given state store."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.e2e.crawl import REPO, read_rows

KILL_SWITCH = json.dumps({"tests.state.killer.KillSwitch": 0})
_CRAWLED = re.compile(r"Crawled \((\d+)\) <GET ([^>]+)>.*?(\['known capture'\])?$", re.M)


def scrapy(*args: str, env: dict[str, str] | None = None, timeout: float = 60,
           cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """``scrapy ARGS`` from the project folder; the result is returned whatever the status."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def crawl(site: str, archive: str | Path, state: Path, output: Path | None = None,
          *extra: str, status: int | None = 0, kill_at: str | None = None,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """One crawl with DEBUG logs (they list every response); checks the exit *status*."""
    args = ["crawl", "archive", "-a", f"site={site}", "-a", f"archive={archive}",
            "-s", f"ARCHIVE_STATE={state}", "-s", "LOG_LEVEL=DEBUG",
            "-s", "ARCHIVE_PROGRESS_INTERVAL=0", *extra]
    if output is not None:
        args += ["-O", str(output)]
    if kill_at:
        args += ["-s", f"ADDONS={KILL_SWITCH}", "-s", f"KILL_AT={kill_at}"]
    result = scrapy(*args, env=env)
    if status is not None:
        assert result.returncode == status, (
            f"crawl exited {result.returncode}, expected {status}:\n{result.stderr[-4000:]}")
    return result


def export(output: Path, state: Path, *options: str, status: int = 0) -> list[dict]:
    """``scrapy export OUTPUT``; returns the rows written."""
    result = scrapy("export", str(output), "-s", f"ARCHIVE_STATE={state}", *options)
    assert result.returncode == status, f"export exited {result.returncode}:\n{result.stderr}"
    return read_rows(output) if status == 0 else []


def responses(result: subprocess.CompletedProcess[str]) -> dict[str, bool]:
    """URL -> whether the response stood for a known capture (not retrieved), from the log."""
    return {m.group(2): bool(m.group(3)) for m in _CRAWLED.finditer(result.stderr)}


def stat(result: subprocess.CompletedProcess[str], name: str) -> int:
    """A counter from the stats the crawl dumped at the end (0 when absent)."""
    found = re.search(rf"'{re.escape(name)}': (\d+)", result.stderr)
    return int(found.group(1)) if found else 0
