"""Our crawl against the Scrapy floor: CPU time per page of ``scrapy crawl archive`` and of a
bare Scrapy spider (``benchmarks/barespider.py``) over the same mirror, ``scrapy bench`` beside.

    .venv/bin/python benchmarks/floor.py [--posts 1000] [--kb 70] [--runs 3]

The mirror (``--posts`` posts, post pages padded to ``--kb`` KB) is generated once and cached
(``benchmarks/mirrors.py``). Each round runs, one after the other: the bare spider following
every link (Scrapy's dupefilter sorts them: the idiom), the bare spider following each link
once (its own set: the floor at its lowest), our crawl without the state store (as
``benchmarks/crawl.py``), our crawl with it (the default: comments, captures and coverage
recorded), and ``scrapy bench``. Rounds interleave, so a busy neighbour slows all of them alike.
Printed: medians of CPU milliseconds per page (user + system time of each process, from
``wait4``; wall time on a shared machine measures the neighbours) and our ratio to each floor.
Target (issue 14): our crawl <= 0.8x the bare spider.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mirrors import ROOT, mirror  # noqa: E402
from runner import REPO, machine, run  # noqa: E402

BARE = str(REPO / "benchmarks" / "barespider.py")


def commands(folder: Path, tmp: Path, index: int) -> dict[str, tuple[list[str], Path]]:
    """What one round runs, by name: (command, working folder)."""
    scrapy = [sys.executable, "-m", "scrapy"]
    host = str(folder / "www.example.org")
    bare = scrapy + ["runspider", BARE, "-a", f"mirror={host}", "-a", f"site={ROOT}", "-O"]
    ours = scrapy + ["crawl", "archive", "-a", f"site={ROOT}", "-a", f"archive={folder}", "-O"]
    return {
        "bare spider, every link": (bare + [str(tmp / "bare.jsonl"), "-a", "every_link=1"], tmp),
        "bare spider, each link once": (bare + [str(tmp / "lean.jsonl")], tmp),
        "crawl archive, no state": (ours + [str(tmp / "a.jsonl"), "-s", "ARCHIVE_STATE="], REPO),
        "crawl archive (default)": (
            ours + [str(tmp / "b.jsonl"), "-s", f"ARCHIVE_STATE={tmp}/state-{index}.sqlite3"],
            REPO),
        "scrapy bench": (scrapy + ["bench"], tmp),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--kb", type=int, default=70)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    folder = mirror(options.posts, options.kb)
    cpu: dict[str, list[float]] = defaultdict(list)
    rate: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:  # no scrapy.cfg above: Scrapy's defaults
        for index in range(options.runs):
            for name, (command, cwd) in commands(folder, Path(tmp), index).items():
                result = run(command, cwd)
                rate[name].append(result.pages_per_second)
                if name != "scrapy bench":
                    cpu[name].append(1000 * result.cpu / result.pages)
                print(f"round {index + 1}: {name}: {result.pages} pages, "
                      f"{result.pages_per_second:.0f} pages/s"
                      + (f", {cpu[name][-1]:.2f} ms CPU/page" if name in cpu else ""), flush=True)
    print(f"machine: {machine()}")
    print(f"medians of {options.runs} rounds, {options.posts} posts padded to {options.kb} KB:")
    for name in rate:
        line = f"  {name}: {statistics.median(rate[name]):.0f} pages/s"
        if name in cpu:
            line += f", {statistics.median(cpu[name]):.2f} ms CPU/page"
        print(line)
    floors = [n for n in cpu if n.startswith("bare")]
    for ours in (n for n in cpu if n.startswith("crawl")):
        ratios = ", ".join(f"{statistics.median(cpu[ours]) / statistics.median(cpu[f]):.2f}x "
                           f"the {f}" for f in floors)
        print(f"  {ours}: {ratios}")


if __name__ == "__main__":
    main()
