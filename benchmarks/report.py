"""``scrapy report`` on a store of 100,000 posts: wall time and peak memory, and each chart's
render time.

    .venv/bin/python benchmarks/report.py [--posts 100000] [--runs 3] [--keep FOLDER]

Writes a state store the way crawls do (``StateStore``, the coverage tables' own writers) in a
temporary folder, once per invocation: ``--posts`` posts of a site that published for ten years
(bodies of ~300-1,500 words, as on a news site: a record is ~10 KB, the store ~1 GB), each with
its capture and URL, 5% of its post URLs never captured and 3% only as afterlife pages, a
seizure banner captured at a third of its URLs, its listings (home, 60 categories, 3,000 tags,
12 authors, every month, paginated by 10) and widget counts, and 20 runs. Then runs
``scrapy report OUT.html --json OUT.json`` ``--runs`` times, each in a fresh process, and prints
the median wall time and peak resident memory (the child's ``ru_maxrss``), and, in this
process, the time to compute the figures and to render each chart (medians of 5).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.report import charts  # noqa: E402
from crawler.report.figures import site_figures  # noqa: E402
from crawler.state.coverage import (  # noqa: E402
    CaptureRow,
    CountRow,
    ListingRow,
    write_coverage,
    write_run_details,
)
from crawler.state.records import fingerprint  # noqa: E402
from crawler.state.store import StateStore  # noqa: E402

ROOT = "https://www.example.org"
WORDS = ("market", "vendor", "police", "bitcoin", "darknet", "arrest", "shipment", "escrow",
         "forum", "admin", "exit", "scam", "seized", "domain", "europol", "customs", "package",
         "stealth", "review", "listing", "wallet", "tor", "onion", "pgp", "moderator", "buyer",
         "seller", "the", "a", "of", "to", "in", "and", "for", "on", "with", "was", "is")


def build_store(path: Path, posts: int, seed: int = 0) -> None:
    """A store as crawls of a big dead site leave it (see the module's docstring)."""
    rng = random.Random(seed)
    store = StateStore(path).open()
    runs = [store.start_run(ROOT, full_recrawl=False) for _ in range(20)]
    lost = set(rng.sample(range(posts), posts // 12))
    with store.transaction() as db:
        for run in runs:
            write_run_details(db, run, ROOT, archive=f"wayback site {ROOT}", window=(None, None),
                              exported=posts // 20, stats={"archive/state/new": posts // 20},
                              afterlife=[{"kind": "seized", "title": "SEIZED", "urls": posts // 3,
                                          "first": "2019-05-03T00:00:00Z",
                                          "last": "2020-01-01T00:00:00Z"}])
    records = _records(posts, rng)
    for start in range(0, posts, 1000):
        chunk = [(n, next(records)) for n in range(start, min(posts, start + 1000))]
        _write_posts(store, chunk, runs[-1], lost)
    with store.transaction() as db:
        write_coverage(db, ROOT, runs[-1], (), _listings(posts), _counts(posts))
    for run in runs:
        store.finish_run(run, "finished", delivered=True)
    store.close()


def _records(posts: int, rng: random.Random) -> Iterator[dict]:
    tags = [f"tag-{i}" for i in range(3000)]
    for n in range(posts):
        day = 3650 * n // posts
        year, rest = 2009 + day // 365, day % 365
        published = f"{year}-{1 + rest // 31:02d}-{1 + rest % 28:02d}T12:{n % 60:02d}:00+02:00"
        words = [rng.choice(WORDS) for _ in range(int(rng.lognormvariate(6.4, 0.4)))]
        text = "\n\n".join(" ".join(words[i:i + 60]) for i in range(0, len(words), 60))
        yield {
            "post_id": 1000 + 3 * n, "site": ROOT, "url": f"{ROOT}/post-{n}/",
            "slug": f"post-{n}", "title": " ".join(words[:8]).capitalize(),
            "author": f"Author {n % 12}" if n % 50 else None, "author_slug": f"author-{n % 12}",
            "published": published, "modified": published if n % 3 else None,
            "categories": [f"Category {n % 60}"], "tags": rng.sample(tags, n % 4),
            "content_html": "<p>" + text.replace("\n\n", "</p><p>") + "</p>",
            "content_text": text, "word_count": len(words),
            "images": [f"{ROOT}/wp-content/uploads/{n}.jpg"] if n % 2 else [], "links": [],
            "comment_count": n % 7, "archive_url": None, "captured_at": "2018-06-01T00:00:00Z",
            "source": "wayback", "published_raw": None, "modified_raw": None}


def _write_posts(store: StateStore, chunk: list[tuple[int, dict]], run: int,
                 lost: set[int]) -> None:
    """The posts of *chunk* not *lost*, and the captures of them all."""
    rows = []
    with store.transaction() as db:
        for n, record in chunk:
            url = record["url"]
            if n % 3 == 0:  # the seizure banner, named by the index
                rows.append(CaptureRow(url, "2019-05-03T00:00:00Z", "seized", False, False,
                                       "POST", "wayback", f"2019-{5 + n % 8:02d}-03T00:00:00Z",
                                       200))
            if n in lost:
                rows.append(CaptureRow(url, "", "missing" if n % 5 else "afterlife", True, False,
                                       "POST", "wayback", None, 404,
                                       referer=f"{ROOT}/page/{n // 10}/"))
                continue
            rows.append(CaptureRow(url, f"2018-{1 + n % 12:02d}-01T{n % 24:02d}:00:00Z", "real",
                                   True, True, "POST", "wayback",
                                   f"2018-{1 + n % 12:02d}-01T{n % 24:02d}:00:00Z", 200, "post",
                                   record["post_id"]))
            key = f"id:{record['post_id']}"
            store.put_post(ROOT, key, record, fingerprint(record), capture_key=None,
                           pending_run=None, seen="2020-01-01T00:00:00+00:00")
            store.add_url(ROOT, key, url, seen="2020-01-01T00:00:00+00:00")
        write_coverage(db, ROOT, run, rows, (), ())


def _listings(posts: int) -> Iterator[ListingRow]:
    pages = -(-posts // 10)
    for page in range(1, pages + 1):
        url = f"{ROOT}/page/{page}/" if page > 1 else f"{ROOT}/"
        yield ListingRow(url, "2018-06-01T00:00:00Z", f"{ROOT}/", "home", page, pages,
                         10 if page < pages else posts - 10 * (pages - 1), 0, None,
                         "2018-06-01T00:00:00Z")
    for c in range(60):
        base = f"{ROOT}/category/c{c}/"
        for page in range(1, posts // 600 + 2):
            yield ListingRow(f"{base}page/{page}/", "2018-06-01T00:00:00Z", base, "category",
                             page, posts // 600 + 1, 10, 0, None, "2018-06-01T00:00:00Z")


def _counts(posts: int) -> Iterator[CountRow]:
    for c in range(60):
        yield CountRow("category", f"/category/c{c}/", posts // 60, f"Category {c}", None, None)
    for t in range(3000):
        yield CountRow("tag", f"/tag/tag-{t}/", posts // 4000, f"tag-{t}", None, None)
    for year in range(2009, 2019):
        for month in range(1, 13):
            yield CountRow("month", f"{year}-{month:02d}", -1, f"{year}-{month:02d}", None, None)


def run_report(store: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak resident KiB of one ``scrapy report`` process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "scrapy", "report", str(out / "r.html"),
                              "--json", str(out / "r.json"), "-s", f"ARCHIVE_STATE={store}"],
                             cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"scrapy report failed:\n{child.stderr.read().decode()[-3000:]}")
    child.stderr.close()
    return seconds, usage.ru_maxrss


def chart_times(store_path: Path) -> tuple[float, dict[str, float]]:
    """Seconds to compute the figures, and to render each chart (medians of 5)."""
    store = StateStore(store_path, readonly=True).open()
    store.db.execute("BEGIN")
    started = time.perf_counter()
    f = site_figures(store.db, ROOT, [ROOT])
    figures_seconds = time.perf_counter() - started
    store.db.execute("ROLLBACK")
    store.close()
    drawings = {
        "months": lambda: charts.months_chart(f["months"]),
        "captures": lambda: charts.captures_chart(f["captures"]["by_month"], f["life"]),
        "completeness": lambda: charts.completeness_chart(f["completeness"]),
        "fields": lambda: charts.bars_chart("f", [(x["field"], x["share"]) for x in f["fields"]],
                                            percent=True),
        "top tags": lambda: charts.bars_chart("t", [(x["name"], x["posts"])
                                                    for x in f["top"]["tags"][:15]]),
        "words": lambda: charts.words_chart(f["words"]),
    }
    times = {}
    for name, draw in drawings.items():
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            draw()
            runs.append(time.perf_counter() - started)
        times[name] = statistics.median(runs)
    return figures_seconds, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="report-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        store = folder / "state.sqlite3"
        if not store.exists():
            started = time.perf_counter()
            build_store(store, args.posts)
            print(f"store of {args.posts} posts: {store.stat().st_size / 1e6:.0f} MB, built in "
                  f"{time.perf_counter() - started:.0f} s")
        results = [run_report(store, folder) for _ in range(args.runs)]
        figures_seconds, times = chart_times(store)
        print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        print(f"scrapy report: {statistics.median(s for s, _ in results):.2f} s, peak "
              f"{statistics.median(k for _, k in results) / 1024:.0f} MB resident "
              f"(medians of {args.runs}); HTML {(folder / 'r.html').stat().st_size / 1e6:.1f} MB,"
              f" JSON {(folder / 'r.json').stat().st_size / 1e6:.1f} MB")
        print(f"figures (SQL): {figures_seconds:.2f} s; charts: "
              + ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in times.items()))


if __name__ == "__main__":
    main()
