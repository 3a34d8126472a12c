"""Run the real ``scrapy crawl archive`` with a comments feed and read back what it wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SITE = "http://talk.example.org"


def crawl_comments(archive: Path, folder: Path, *args: str, state: str = "",
                   status: int = 0) -> dict[str, Any]:
    """Crawl *archive* into ``folder/posts.jsonl`` and ``folder/comments.jsonl``; the rows, the
    final stats and the URLs fetched."""
    posts, comments = folder / "posts.jsonl", folder / "comments.jsonl"
    command = [sys.executable, "-m", "scrapy", "crawl", "archive", "-a", f"site={SITE}",
               "-a", f"archive={archive.resolve()}", "-O", str(posts),
               "-a", f"comments={comments}", "-s", f"ARCHIVE_STATE={state}",
               "-s", "LOG_LEVEL=DEBUG", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == status, result.stderr[-4000:]
    return {"posts": read_jsonl(posts), "comments": read_jsonl(comments),
            "stats": final_stats(result.stderr), "log": result.stderr,
            "fetched": re.findall(r"Crawled \(200\) <GET (\S+)>", result.stderr)}


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def final_stats(log: str) -> dict[str, Any]:
    """The ``archive/*`` counters of Scrapy's final stats dump."""
    return {k: int(v) for k, v in re.findall(r"'(archive/[^']+)': (\d+)", log)}
