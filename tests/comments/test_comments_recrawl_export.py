"""Comments across runs and out of the store: recrawls export new and changed comments only (a
theme switch is no change), ``scrapy export --comments`` writes them with their filters, and its
``datapackage.json`` (both resources) passes the frictionless validator."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from crawler.items import COMMENT_FIELDS
from tests.comments.run import REPO, crawl_comments, read_jsonl

DATA = REPO / "tests" / "data" / "wordpress-comments"


def scrapy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=REPO, text=True,
                          capture_output=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("recrawl")
    state = str(folder / "state.sqlite3")
    runs = [crawl_comments(DATA / f"{name}.warc.gz", folder / name, state=state)
            for name in ("twentyseventeen", "twentyseventeen", "twentytwentythree")]
    return {"folder": folder, "state": state, "runs": runs}


def test_recrawls_export_new_and_changed_comments_only(store: dict[str, Any]) -> None:
    first, again, rethemed = store["runs"]
    assert len(first["comments"]) == 118
    assert again["comments"] == [] and again["posts"] == []
    assert again["stats"]["archive/state/skipped_known_capture"] >= 5  # comment pages too
    # The same comments under another theme (other markup, dates and names spelled
    # otherwise): no comment changed.
    assert rethemed["comments"] == []
    seen = rethemed["stats"]
    assert seen.get("archive/state/comments/unchanged", 0) + seen.get(
        "archive/state/comments/older", 0) >= 118  # (recorded a few seconds apart)
    assert "archive/state/comments/changed" not in seen


def test_export_writes_posts_and_their_comments(store: dict[str, Any], tmp_path: Path) -> None:
    posts, comments = tmp_path / "posts.csv", tmp_path / "comments.csv"
    done = scrapy("export", str(posts), "--comments", str(comments),
                  "-s", f"ARCHIVE_STATE={store['state']}")
    assert done.returncode == 0, done.stderr
    assert "Exported 5 posts" in done.stderr and "Exported 118 comments" in done.stderr
    with comments.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == list(COMMENT_FIELDS) and len(rows) == 118
    assert {r["author"] for r in rows} >= {"Zoë Ångström", "Олена Коваль", "李雷"}
    jsonl = tmp_path / "posts.jsonl"
    assert scrapy("export", str(jsonl), "--comments", str(tmp_path / "comments.jsonl"),
                  "-s", f"ARCHIVE_STATE={store['state']}").returncode == 0
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in package["resources"]) == [
        "comments.csv", "comments.jsonl", "posts.csv", "posts.jsonl"]
    frictionless = Path(sys.executable).parent / "frictionless"
    valid = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    assert valid.returncode == 0, valid.stdout[-3000:]


def test_filters_on_comments(store: dict[str, Any], tmp_path: Path) -> None:
    state = f"ARCHIVE_STATE={store['state']}"

    def comments(*options: str) -> list[dict[str, Any]]:
        output = tmp_path / "c.jsonl"
        done = scrapy("export", *options, "-s", state)
        assert done.returncode == 0, done.stderr
        return read_jsonl(output)

    every = comments("--comments", str(tmp_path / "c.jsonl"))
    assert len(every) == 118
    # Alone: the comment's own date and author.
    december = comments("--comments", str(tmp_path / "c.jsonl"), "--from", "2018-12")
    assert december and all(c["published"] >= "2018-12" for c in december)
    assert len(december) == sum(c["published"] >= "2018-12" for c in every)
    zoe = comments("--comments", str(tmp_path / "c.jsonl"), "--author", "zoë ångström")
    assert zoe and {c["author"] for c in zoe} == {"Zoë Ångström"}
    # Beside posts: the comments of the posts exported.
    posts = comments(str(tmp_path / "p.jsonl"), "--comments", str(tmp_path / "c.jsonl"),
                     "--to", "2018-06")
    assert {c["post_id"] for c in posts} == {1, 2}


@pytest.mark.parametrize(("args", "status", "says"), [
    ([], 2, "give one OUTPUT file"),
    (["--bogus", "{tmp}/p.json"], 2, "unknown option --bogus"),
    (["{tmp}/p.json", "--from", "2017-13"], 2, "--from '2017-13': give a date"),
    (["{tmp}/p.txt"], 2, "name a file ending in .json"),
    (["{tmp}/p.json", "--comments", "{tmp}/p.json"], 2, "give each its own"),
    (["{tmp}/file/p.json"], 1, "is a file, not a folder"),
    (["{tmp}/p.json", "--site", "elsewhere.org"], 1, "no posts of https://elsewhere.org"),
])
def test_every_error_is_one_line_with_its_status(store: dict[str, Any], tmp_path: Path,
                                                 args: list[str], status: int,
                                                 says: str) -> None:
    (tmp_path / "file").write_text("a file where a folder should be")
    done = scrapy("export", *[a.format(tmp=tmp_path) for a in args],
                  "-s", f"ARCHIVE_STATE={store['state']}")
    assert done.returncode == status
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("scrapy export: error: "), done.stderr
    assert says in lines[0]
    assert not (tmp_path / "p.json").exists()
