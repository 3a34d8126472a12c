"""Distributed crawling: throughput of N workers on local sources, and the shared budget's rate.

    .venv/bin/python benchmarks/distributed.py [--posts 1500] [--kb 70] [--runs 3] [--workers 3]
        [--warc] [--budget 20] [--budget-posts 200]

Local sources: a Sahifa-like site of ``--posts`` posts (pages padded to about ``--kb`` KB) as a
wget mirror (``--warc``: recorded into a WARC file), crawled by one process without Redis, then
by 1..``--workers`` workers of one run on a real ``redis-server`` (127.0.0.1, a free port).
Pages/s = pages fetched by all / (last finish - first start, from the processes' own stats, so
Python's start-up is left out as it is for the single process). Redis's cost per page: its CPU
time (``INFO cpu``) and commands (``INFO stats``) over the run, per page. Target: N workers >=
0.8 x N x the single process.

Wayback-style: a fake Wayback archive (``tests/archives/fakewayback.py``) of ``--budget-posts``
posts, crawled by 1..``--workers`` workers with ``ARCHIVE_PAGE_RATE`` = ``--budget`` per second;
the rate is the archive's own count of page fetches between its first and last one. Target:
within 5% of the budget whatever the number of workers.

Each figure is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from redis import Redis

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.crawl import write_archive  # noqa: E402
from tests.archives.fakewayback import Script, fake_wayback  # noqa: E402
from tests.archives.resolver import SETTING as REMOTE_NAMES  # noqa: E402
from tests.distributed.redisserver import run_redis  # noqa: E402
from tests.distributed.workers import Run, Worker  # noqa: E402
from tests.sitegen import build_site  # noqa: E402

ROOT = "https://www.example.org"
TIME = re.compile(r"'(start|finish)_time': datetime\.datetime\(([\d, ]+)")


def span(workers: list[Worker]) -> float:
    """Seconds from the first process's start to the last one's finish (their own stats)."""
    starts, finishes = [], []
    for worker in workers:
        for kind, parts in TIME.findall(worker.text()):
            when = datetime(*(int(p) for p in parts.split(",") if p.strip()))
            (starts if kind == "start" else finishes).append(when)
    return (max(finishes) - min(starts)).total_seconds()


def redis_usage(url: str) -> tuple[float, int]:
    """CPU seconds redis-server used so far, and commands it ran."""
    info = Redis.from_url(url).info()
    return info["used_cpu_sys"] + info["used_cpu_user"], int(info["total_commands_processed"])


def crawl(folder: Path, args: list[str], settings: dict[str, str], n: int) -> tuple[Run, float]:
    """The run of *n* processes, and the CPU seconds they used together."""
    folder.mkdir(parents=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = Run(folder, args, settings)
    for index in range(n):
        run.start(f"w{index}")
    run.wait(timeout=1800)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    for worker in run.workers:
        if worker.process.returncode != 0:
            raise SystemExit(f"a crawl failed:\n{worker.text()[-3000:]}")
    return run, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def local(options: argparse.Namespace, tmp: Path) -> None:
    site = build_site(theme="sahifa", root=ROOT, n_posts=options.posts, pad_to_kb=options.kb)
    archive = write_archive(site, tmp / "archive", options.warc)
    args = ["-a", f"site={ROOT}", "-a", f"archive={archive}"]
    rates: dict[int, list[float]] = {}
    cpu: dict[int, list[float]] = {}
    costs: list[tuple[float, float]] = []
    for attempt in range(options.runs):
        single, seconds = crawl(tmp / f"single-{attempt}", args, {}, 1)
        pages = single.workers[0].stat("response_received_count")
        rates.setdefault(0, []).append(pages / span(single.workers))
        cpu.setdefault(0, []).append(1e3 * seconds / pages)
        for n in range(1, options.workers + 1):
            with run_redis(tmp / f"redis-{attempt}-{n}") as url:
                run, seconds = crawl(tmp / f"run-{attempt}-{n}", args,
                                     {"ARCHIVE_REDIS_URL": url}, n)
                redis_cpu, commands = redis_usage(url)
            total = run.writer().stat("response_received_count")
            rates.setdefault(n, []).append(total / span(run.workers))
            cpu.setdefault(n, []).append(1e3 * seconds / total)
            costs.append((1e3 * redis_cpu / total, commands / total))
        print(f"run {attempt + 1} (load average {os.getloadavg()[0]:.1f}): " + ", ".join(
            f"{'single' if n == 0 else f'{n} workers'} {r[-1]:.0f} pages/s "
            f"{cpu[n][-1]:.1f} ms CPU/page" for n, r in sorted(rates.items())), flush=True)
    base = statistics.median(rates[0])
    print(f"{'WARC' if options.warc else 'mirror'} of {options.posts} posts ({pages} pages), "
          f"median of {options.runs} runs (CPU: all the run's processes, start-up included):")
    print(f"  single process (no Redis): {base:.0f} pages/s, "
          f"{statistics.median(cpu[0]):.1f} ms CPU/page")
    for n in range(1, options.workers + 1):
        rate = statistics.median(rates[n])
        print(f"  {n} workers: {rate:.0f} pages/s = {rate / base:.2f} x single "
              f"(target {0.8 * n:.1f} x), {statistics.median(cpu[n]):.1f} ms CPU/page")
    print(f"  Redis per page: {statistics.median(c[0] for c in costs):.2f} ms CPU, "
          f"{statistics.median(c[1] for c in costs):.1f} commands")


def wayback(options: argparse.Namespace, tmp: Path) -> None:
    site = build_site(theme="sahifa", n_posts=options.budget_posts, permalinks="postname")
    posts = {p["url"] for p in site.posts}
    pages = {u: b for u, b in site.pages.items() if u in posts or u == site.root + "/"}
    print(f"Wayback-style, budget {options.budget:g} page fetches/s, "
          f"{len(pages)} captures, median of {options.runs} runs:")
    for n in range(options.workers + 1):  # 0: one process without Redis (its own limiter)
        rates = []
        for attempt in range(options.runs):
            with fake_wayback(Script(pages=pages), host="wayback.test") as archive, \
                    run_redis(tmp / f"redis-wb-{n}-{attempt}") as url:
                settings = {"ARCHIVE_CDX_URL": archive.cdx_url, **REMOTE_NAMES,
                            "ARCHIVE_PAGE_RATE": str(options.budget * 60)}
                if n:
                    settings["ARCHIVE_REDIS_URL"] = url
                crawl(tmp / f"wb-{n}-{attempt}",
                      ["-a", f"site={site.root}", "-a", f"archive={archive.prefix}"],
                      settings, max(n, 1))
                times = archive.times("page")
            rates.append((len(times) - 1) / (times[-1] - times[0]))
        rate = statistics.median(rates)
        print(f"  {f'{n} workers' if n else 'single process (no Redis)'}: {rate:.2f} fetches/s "
              f"= {100 * (rate / options.budget - 1):+.1f}% of the budget "
              f"(runs: {', '.join(f'{r:.2f}' for r in rates)})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--kb", type=int, default=70)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--warc", action="store_true")
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--budget-posts", type=int, default=200)
    parser.add_argument("--only", choices=["local", "wayback"])
    options = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        if options.only != "wayback":
            local(options, Path(tmp))
        if options.only != "local":
            wayback(options, Path(tmp))


if __name__ == "__main__":
    main()
