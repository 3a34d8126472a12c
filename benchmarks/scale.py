"""The crawl at scale: a first crawl, a recrawl of the unchanged archive and ``scrapy export``
of mirrors of 1,000, 10,000 and 100,000 posts; CPU per page, peak memory, the longest stall.

    .venv/bin/python benchmarks/scale.py [--sizes 1000,10000,100000] [--kb 0]

Each mirror is generated once and cached outside the repository (``benchmarks/mirrors.py``;
100,000 posts are ~300,000 files and take a while). For each size, in a fresh state store:
``scrapy crawl archive`` (the default settings: state store, comments, coverage), the same
command again (a recrawl: every post capture known), then ``scrapy export`` of the whole store
to JSON lines. Printed for each: CPU seconds (user + system of the process, from ``wait4``),
CPU milliseconds per page read, pages/s, peak resident memory (``ru_maxrss``) and, for crawls,
the longest time the reactor did not turn (``benchmarks/stallmeter.py``).
Targets (issue 14): peak RSS < 300 MiB at 100,000 posts for all three; the recrawl <= 30% of
the first crawl's CPU; no stall over 1 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mirrors import ROOT, mirror  # noqa: E402
from runner import REPO, Run, machine, run  # noqa: E402

sys.path.insert(0, str(REPO))
from crawler import settings as project_settings  # noqa: E402

STALL_METER = "benchmarks.stallmeter.StallMeter"


def crawl(folder: Path, state: Path, out: Path) -> Run:
    extensions = {**project_settings.EXTENSIONS, STALL_METER: 1000}
    return run([sys.executable, "-m", "scrapy", "crawl", "archive", "-a", f"site={ROOT}", "-a",
                f"archive={folder}", "-O", str(out), "-s", f"ARCHIVE_STATE={state}",
                "-s", f"EXTENSIONS={json.dumps(extensions)}"], REPO)


def export(state: Path, out: Path) -> Run:
    return run([sys.executable, "-m", "scrapy", "export", str(out), "-s",
                f"ARCHIVE_STATE={state}"], REPO)


def describe(name: str, result: Run, first: Run | None = None) -> str:
    line = f"  {name}: {result.cpu:.1f} s CPU, peak RSS {result.rss_mib:.0f} MiB"
    if name != "export":
        pages = result.pages
        line += (f", {pages} pages read, {1000 * result.cpu / max(1, pages):.2f} ms CPU/page, "
                 f"{result.pages_per_second:.0f} pages/s, longest stall "
                 f"{result.stat('bench/max_stall_seconds', -1):.2f} s "
                 f"wall, {result.stat('bench/max_stall_cpu_seconds', -1):.2f} s CPU, longest "
                 f"garbage collection {result.stat('bench/max_gc_seconds', -1):.2f} s")
    if first is not None:
        line += f", {100 * result.cpu / first.cpu:.0f}% of the first crawl's CPU"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--kb", type=int, default=0, help="pad post pages to this many KB")
    parser.add_argument("--logs", type=Path, help="keep each run's log in this folder (the "
                        "stall meter's stacks of the longest stall are at its end)")
    options = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    for posts in (int(size) for size in options.sizes.split(",")):
        folder = mirror(posts, options.kb)
        with tempfile.TemporaryDirectory() as tmp:
            state, work = Path(tmp) / "state.sqlite3", Path(tmp)
            first = crawl(folder, state, work / "first.jsonl")
            print(f"{posts} posts:\n{describe('first crawl', first)}", flush=True)
            again = crawl(folder, state, work / "again.jsonl")
            print(describe("recrawl", again, first), flush=True)
            exported = export(state, work / "all.jsonl")
            if options.logs:
                options.logs.mkdir(parents=True, exist_ok=True)
                for name, result in (("first", first), ("again", again), ("export", exported)):
                    (options.logs / f"{posts}-{name}.log").write_text(result.log, "utf-8")
            rows = sum(1 for _ in (work / "all.jsonl").open(encoding="utf-8"))
            print(f"{describe('export', exported)}, {rows} posts", flush=True)


if __name__ == "__main__":
    main()
