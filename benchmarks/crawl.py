"""End-to-end crawl throughput from a local mirror, next to ``scrapy bench`` in the same run.

    .venv/bin/python benchmarks/crawl.py [--posts 3000] [--runs 3] [--kb 70]

Generates a Sahifa-like mirror of ``--posts`` posts (pages padded to about ``--kb`` KB), then
alternates ``scrapy bench`` and ``scrapy crawl archive`` ``--runs`` times, and prints the median
pages/s of each (responses received / elapsed seconds, from Scrapy's own final stats).
Target: the crawl is at least as fast as ``scrapy bench``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.sitegen import build_site  # noqa: E402

ROOT = "https://www.example.org"


def pages_per_second(log: str) -> float:
    pages = int(re.search(r"'response_received_count': (\d+)", log).group(1))
    seconds = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", log).group(1))
    return pages / seconds


def run(command: list[str], cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", type=int, default=70)
    options = parser.parse_args()
    scrapy = [sys.executable, "-m", "scrapy"]
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(theme="sahifa", root=ROOT, n_posts=options.posts, pad_to_kb=options.kb)
        mirror = Path(tmp) / "mirror"
        site.write_mirror(mirror, layout="wget")
        files = [p for p in mirror.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / len(files) / 1024
        print(f"mirror: {len(files)} files, mean {size:.0f} KB; {len(site.posts)} posts")
        bench, crawl = [], []
        for index in range(options.runs):
            bench_log = run(scrapy + ["bench", "-s", "LOG_LEVEL=INFO"], Path(tmp))
            bench.append(pages_per_second(bench_log))
            out = Path(tmp) / f"posts-{index}.jsonl"
            log = run(scrapy + ["crawl", "archive", "-a", f"site={ROOT}", "-a", f"archive={mirror}",
                                "-O", str(out), "-s", "LOG_LEVEL=INFO", "-s", "ARCHIVE_STATE="],
                      REPO)
            crawl.append(pages_per_second(log))
            rows = sum(1 for _ in out.open(encoding="utf-8"))
            print(f"run {index + 1}: scrapy bench {bench[-1]:.0f} pages/s, "
                  f"crawl archive {crawl[-1]:.0f} pages/s ({rows} posts exported)")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"median over {options.runs} runs: scrapy bench {statistics.median(bench):.0f} pages/s, "
          f"crawl archive {statistics.median(crawl):.0f} pages/s")


if __name__ == "__main__":
    main()
