"""Run the real ``scrapy crawl archive`` command and read back what it wrote."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def scrapy_crawl(*args: str, output: Path, settings: dict[str, str] | None = None,
                 timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``scrapy crawl archive -a ... -O output`` from the project folder; fails on non-zero exit."""
    command = [sys.executable, "-m", "scrapy", "crawl", "archive", *args, "-O", str(output)]
    # Each run gets no state store unless the test gives one: runs must not see each other.
    for name, value in {"ARCHIVE_STATE": "", **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, f"crawl failed ({result.returncode}):\n{result.stderr[-4000:]}"
    return result


def read_rows(path: Path) -> list[dict]:
    """Rows of a JSON, JSON Lines or CSV export, as dicts."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    if path.suffix == ".jsonl":
        # Records end at "\n" only: str.splitlines() also splits at U+2028, U+0085...
        return [json.loads(line) for line in text.split("\n") if line.strip()]
    return list(csv.DictReader(io.StringIO(text, newline="")))
