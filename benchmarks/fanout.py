"""Scrapy's per-response fan-out, measured: Scrapy's ``_parallel_asyncio`` as it is, the same
function starting its workers lazily (the patch proposed upstream, below), and
``CONCURRENT_ITEMS = 1`` (the project's setting).

    .venv/bin/python benchmarks/fanout.py [--posts 1000] [--runs 3]

Scrapy hands the output of every callback to ``_parallel_asyncio(output, CONCURRENT_ITEMS,
...)``, which starts one task to fill a queue and ``CONCURRENT_ITEMS`` (100) worker tasks, then
puts an end marker per worker, for every response, whether it gave no item or a hundred. The
patch (``benchmarks/lazyfanout.py``) starts a worker for each output until there are ``count``
of them, and fills the queue from the calling task: a page giving k outputs costs min(k, count)
tasks instead of count + 1, and the parallelism is the same once a page gives ``count``.

Each round crawls the same generated mirror three ways, interleaved (``--posts`` posts, state
store on, the project's other settings); printed: medians of CPU milliseconds per page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mirrors import ROOT, mirror  # noqa: E402
from runner import REPO, machine, run  # noqa: E402

sys.path.insert(0, str(REPO))
from crawler import settings as project_settings  # noqa: E402

VARIANTS: dict[str, tuple[dict[str, Any], str]] = {
    "Scrapy's fan-out, CONCURRENT_ITEMS=100": ({}, "100"),
    "lazy fan-out (the patch), CONCURRENT_ITEMS=100": (
        {"benchmarks.lazyfanout.LazyFanOut": 0}, "100"),
    "Scrapy's fan-out, CONCURRENT_ITEMS=1 (ours)": ({}, "1"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--kb", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    folder = mirror(options.posts, options.kb)
    cpu: dict[str, list[float]] = {name: [] for name in VARIANTS}
    rss: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for round_ in range(options.runs):
        for index, (name, (extensions, items)) in enumerate(VARIANTS.items()):
            with tempfile.TemporaryDirectory() as tmp:
                merged = {**project_settings.EXTENSIONS, **extensions}
                result = run([sys.executable, "-m", "scrapy", "crawl", "archive",
                              "-a", f"site={ROOT}", "-a", f"archive={folder}",
                              "-O", f"{tmp}/posts.jsonl", "-s", f"ARCHIVE_STATE={tmp}/s.sqlite3",
                              "-s", f"CONCURRENT_ITEMS={items}",
                              "-s", f"EXTENSIONS={json.dumps(merged)}"], REPO)
            cpu[name].append(1000 * result.cpu / max(1, result.pages))
            rss[name].append(result.rss_mib)
            print(f"round {round_ + 1}, {index + 1}: {name}: {cpu[name][-1]:.2f} ms CPU/page, "
                  f"{rss[name][-1]:.0f} MiB", flush=True)
    base = statistics.median(cpu[next(iter(VARIANTS))])
    print(f"{options.posts} posts, medians of {options.runs} rounds:")
    for name in VARIANTS:
        median = statistics.median(cpu[name])
        print(f"  {name}: {median:.2f} ms CPU/page ({median / base:.2f}x), peak RSS "
              f"{statistics.median(rss[name]):.0f} MiB")


if __name__ == "__main__":
    main()
