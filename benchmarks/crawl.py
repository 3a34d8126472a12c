"""End-to-end crawl throughput from a local archive, next to ``scrapy bench`` in the same run.

    .venv/bin/python benchmarks/crawl.py [--posts 3000] [--runs 3] [--kb 70] [--warc]

Generates a Sahifa-like site of ``--posts`` posts (pages padded to about ``--kb`` KB) as a wget
mirror (or, with ``--warc``, recorded into a WARC file followed by a year of afterlife captures:
a seizure banner for every URL, see ``tests/archives/afterlife.py``), then alternates
``scrapy bench`` and ``scrapy crawl archive`` ``--runs`` times, and prints the median pages/s of
each (responses received / elapsed seconds, from Scrapy's own final stats) and the crawl's CPU
milliseconds per page (user + system time of the crawl process, which a busy machine disturbs
less than wall time). Target: the crawl is at least as fast as ``scrapy bench``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.archives.afterlife import BANNER  # noqa: E402
from tests.archives.history import FIRST, SECOND  # noqa: E402
from tests.archives.server import SiteVersion, serve_version  # noqa: E402
from tests.archives.warcs import record_warc  # noqa: E402
from tests.sitegen import build_site  # noqa: E402
from tests.sitegen.site import Site  # noqa: E402

ROOT = "https://www.example.org"


def pages_per_second(log: str) -> float:
    pages = int(re.search(r"'response_received_count': (\d+)", log).group(1))
    seconds = float(re.search(r"'elapsed_time_seconds': ([\d.]+)", log).group(1))
    return pages / seconds


def pages(log: str) -> int:
    return int(re.search(r"'response_received_count': (\d+)", log).group(1))


def run(command: list[str], cwd: Path) -> tuple[str, float]:
    """The command's log and the CPU seconds it used."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result.stderr, cpu


def write_archive(site: Site, folder: Path, warc: bool) -> Path:
    """The site as a wget mirror, or as a WARC of its pages then one of a seizure banner."""
    if not warc:
        site.write_mirror(folder, layout="wget")
        return folder
    folder.mkdir(parents=True)
    version = SiteVersion(site.root, dict(site.pages), dict(site.redirects),
                          not_found=site.not_found)
    afterlife = SiteVersion(site.root, dict.fromkeys(version.urls(), BANNER))
    for name, when, served in (("site", FIRST, version), ("afterlife", SECOND, afterlife)):
        with serve_version(served) as url:
            record_warc(served, url, folder / f"{name}.warc.gz", when)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", type=int, default=70)
    parser.add_argument("--warc", action="store_true", help="crawl a WARC with afterlife captures")
    options = parser.parse_args()
    scrapy = [sys.executable, "-m", "scrapy"]
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(theme="sahifa", root=ROOT, n_posts=options.posts, pad_to_kb=options.kb)
        archive = write_archive(site, Path(tmp) / "archive", options.warc)
        files = [p for p in archive.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / len(files) / 1024
        print(f"{'WARC' if options.warc else 'mirror'}: {len(files)} files, mean {size:.0f} KB; "
              f"{len(site.posts)} posts")
        bench, crawl, cpu = [], [], []
        for index in range(options.runs):
            bench_log, _ = run(scrapy + ["bench", "-s", "LOG_LEVEL=INFO"], Path(tmp))
            bench.append(pages_per_second(bench_log))
            out = Path(tmp) / f"posts-{index}.jsonl"
            log, seconds = run(scrapy + ["crawl", "archive", "-a", f"site={ROOT}", "-a",
                                         f"archive={archive}", "-O", str(out), "-s",
                                         "LOG_LEVEL=INFO", "-s", "ARCHIVE_STATE="], REPO)
            crawl.append(pages_per_second(log))
            cpu.append(1000 * seconds / pages(log))
            rows = sum(1 for _ in out.open(encoding="utf-8"))
            print(f"run {index + 1}: scrapy bench {bench[-1]:.0f} pages/s, "
                  f"crawl archive {crawl[-1]:.0f} pages/s, {cpu[-1]:.1f} ms CPU/page "
                  f"({rows} posts exported)")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    print(f"median over {options.runs} runs: scrapy bench {statistics.median(bench):.0f} pages/s, "
          f"crawl archive {statistics.median(crawl):.0f} pages/s, "
          f"{statistics.median(cpu):.1f} ms CPU/page")


if __name__ == "__main__":
    main()
