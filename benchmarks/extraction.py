"""CPU cost of post extraction on the real corpus pages.

    python benchmarks/extraction.py [--repeat N]

Runs ``PostPage(Selector(text=html), url).fields()`` over the full pages of
``../shared/corpus/deepdotweb/full`` (relative to the repo) and reports, per page and overall,
the median and p90 CPU milliseconds (``time.process_time``) of each step of one page's life:
building the Selector (the lxml parse), ``fields()`` (everything this package does), freeing the
tree, and the three together. Exits cleanly, saying so, when the corpus is absent.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

from parsel import Selector

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.pages import PostPage  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "deepdotweb" / "full"
URL = "https://www.deepdotweb.com/"
STEPS = ("Selector(text=html)", "PostPage.fields()", "free the tree", "whole page")


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(label: str, samples: list[float]) -> None:
    print(f"    {label:<22} median {statistics.median(samples):6.3f} ms   "
          f"p90 {percentile(samples, 0.9):6.3f} ms")


def bench_page(path: Path, repeat: int) -> dict[str, list[float]]:
    """One sample per run of each step, interleaved so that machine noise hits all alike."""
    html = path.read_text(encoding="utf-8")
    steps: dict[str, list[float]] = {label: [] for label in STEPS}
    for _ in range(repeat):
        start = time.process_time()
        selector = Selector(text=html)
        parsed = time.process_time()
        PostPage(selector, URL).fields()
        extracted = time.process_time()
        del selector  # the last reference: lxml frees the tree here
        freed = time.process_time()
        for label, ms in zip(STEPS, (parsed - start, extracted - parsed, freed - extracted,
                                     freed - start), strict=True):
            steps[label].append(ms * 1000)
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=300, help="runs per page (default 300)")
    args = parser.parse_args()
    print(f"python {platform.python_version()} ({platform.python_implementation()}), "
          f"{platform.machine()}, nproc {os.cpu_count()}, {platform.platform()}")
    pages = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []
    if not pages:
        print(f"SKIPPED: no corpus pages in {CORPUS.resolve()} (nothing measured)")
        return 0
    totals: dict[str, list[float]] = {}
    for path in pages:
        print(f"{path.name} ({path.stat().st_size / 1024:.0f} KB), {args.repeat} runs")
        for label, samples in bench_page(path, args.repeat).items():
            report(label, samples)
            totals.setdefault(label, []).extend(samples)
    print(f"all {len(pages)} pages")
    for label, samples in totals.items():
        report(label, samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
