"""``scrapy report`` as a command: the summary line that points to it, the scheduled run that
writes it, stores written before coverage was recorded, several sites, a crawl writing at the
same time, and every way it can fail."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.state.schema import COVERAGE_TABLES
from tests.e2e.crawl import REPO, read_rows
from tests.report.run import crawl_into, figures, report
from tests.sitegen import build_site
from tests.sitegen.site import Site
from tests.state.run import export, scrapy


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(theme="classic", n_posts=10, seed=5)


@pytest.fixture(scope="module")
def mirror(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mirror")
    site.write_mirror(folder)
    return folder


@pytest.fixture(scope="module")
def store(site: Site, mirror: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    state = tmp_path_factory.mktemp("store") / "state.sqlite3"
    crawl_into(state, site.root, mirror)
    return state


def test_the_crawl_summary_ends_with_the_report_command(site: Site, mirror: Path,
                                                        tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    result = crawl_into(state, site.root, mirror, "-s", "ARCHIVE_PROGRESS_INTERVAL=60")
    lines = [line for line in result.stderr.splitlines() if "[crawler.progress]" in line]
    assert "Summary (finished)" in lines[-2]
    command = lines[-1].split("with charts: ", 1)[1]
    assert command == shlex.join(["scrapy", "report", "exports/report.html", "--site", site.root,
                                  "-s", f"ARCHIVE_STATE={state}"])
    words = shlex.split(command)
    words[2] = str(tmp_path / "report.html")  # not into the project's exports/
    done = scrapy(*words[1:])
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8").count("<svg") == 9


def test_the_scheduled_run_writes_the_report(site: Site, mirror: Path, tmp_path: Path) -> None:
    env = {**os.environ, "ARCHIVE_SITE": site.root, "ARCHIVE": str(mirror),
           "ARCHIVE_STATE": str(tmp_path / "state.sqlite3"), "ARCHIVE_PROGRESS_INTERVAL": "0",
           "CRAWL_PROJECT_DIR": str(REPO), "CRAWL_PYTHON": sys.executable,
           "CRAWL_LOG_DIR": str(tmp_path / "logs"), "CRAWL_EXPORT_DIR": str(tmp_path / "out")}
    done = subprocess.run([str(REPO / "deploy" / "run-crawl.sh")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (got,) = data["sites"]
    assert got["posts"]["posts"] == len(read_rows(tmp_path / "out" / "posts.jsonl")) > 0
    assert "<svg" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    (log,) = (tmp_path / "logs").glob("crawl-*.log")
    assert "Reported on" in log.read_text()


def test_a_store_from_before_coverage_reads_and_gains_it(store: Path, site: Site, mirror: Path,
                                                         tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    with sqlite3.connect(store) as source, sqlite3.connect(old) as copy:
        source.backup(copy)
    with sqlite3.connect(old) as db:
        for table in COVERAGE_TABLES:
            db.execute(f"DROP TABLE {table}")
    report(old, tmp_path)
    got = figures(tmp_path)
    assert got["coverage_recorded"] is False and got["posts"]["posts"] == len(site.posts)
    assert sum(m["posts"] for m in got["months"]) == len(site.posts)
    assert "written before crawls recorded" in (tmp_path / "report.html").read_text()
    assert _tables(old) & COVERAGE_TABLES == set()  # the report only reads
    assert len(export(tmp_path / "all.jsonl", old)) == len(site.posts)
    crawl_into(old, site.root, mirror)  # the next crawl adds the tables, and fills them
    report(old, tmp_path)
    assert figures(tmp_path)["coverage_recorded"] is True


def test_every_site_of_a_store_or_one(store: Path, mirror: Path, tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite3"
    with sqlite3.connect(store) as source, sqlite3.connect(state) as copy:
        source.backup(copy)
    other = build_site(theme="block", root="https://blog.example.net", n_posts=6, seed=6)
    other.write_mirror(tmp_path / "other")
    crawl_into(state, other.root, tmp_path / "other")
    report(state, tmp_path)
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [s["site"] for s in data["sites"]] == ["https://blog.example.net",
                                                  "https://www.example.org"]
    report(state, tmp_path, "--site", "blog.example.net")
    assert figures(tmp_path)["posts"]["posts"] == len(other.posts)


def test_reads_while_a_crawl_writes(store: Path, tmp_path: Path) -> None:
    """A transaction in progress (a crawl's) neither blocks the report nor shows in it."""
    writer = sqlite3.connect(store, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE posts SET record = json_set(record, '$.author', NULL)")
        report(store, tmp_path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    author = next(f for f in figures(tmp_path)["fields"] if f["field"] == "author")
    assert author["share"] == 1.0


@pytest.mark.parametrize(("options", "status", "message"), [
    (("-s", "ARCHIVE_STATE="), 1, "ARCHIVE_STATE is empty"),
    (("-s", "ARCHIVE_STATE={tmp}/none.sqlite3"), 1, "a crawl creates it"),
    (("-s", "ARCHIVE_STATE={store}", "--site", "other.example.com"), 1,
     "no posts of https://other.example.com in"),
    (("-s", "ARCHIVE_STATE={store}", "--site", "ftp://x"), 2, "site must be an http(s) URL"),
])
def test_errors_say_what_to_do(options: tuple[str, ...], status: int, message: str,
                               store: Path, tmp_path: Path) -> None:
    words = [w.format(tmp=tmp_path, store=store) for w in options]
    done = scrapy("report", str(tmp_path / "r.html"), *words)
    assert done.returncode == status and message in done.stderr, done.stderr
    assert not (tmp_path / "r.html").exists()


def test_each_file_is_written_whole_or_not_at_all(store: Path, tmp_path: Path) -> None:
    (tmp_path / "report.json").mkdir()  # a folder in the way of the JSON
    (tmp_path / "report.html").write_text("previous")
    done = scrapy("report", str(tmp_path / "report.html"), "--json",
                  str(tmp_path / "report.json"), "-s", f"ARCHIVE_STATE={store}")
    assert done.returncode == 1 and "cannot write the report" in done.stderr
    assert list(tmp_path.glob(".report.*.partial-*")) == []
    assert "<svg" in (tmp_path / "report.html").read_text()  # the HTML was complete


def _tables(state: Path) -> set[str]:
    with sqlite3.connect(state) as db:
        return {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
