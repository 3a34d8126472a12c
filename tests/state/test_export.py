"""``scrapy export``: formats, filters, the data package, atomic replacement, clear errors."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap

import pytest

from crawler.items import POST_FIELDS, Post
from crawler.state.dataset import Filters
from crawler.state.store import StateStore
from tests.e2e.crawl import REPO
from tests.state.run import export, scrapy

SITE, OTHER = "https://www.example.org", "https://other.example.net"


def record(post_id, site=SITE, **fields):
    post = Post(post_id=post_id, site=site, url=f"{site}/{post_id}/", slug=str(post_id),
                title=f"Post {post_id}", content_text="text", word_count=1, source="mirror")
    values = {name: getattr(post, name) for name in POST_FIELDS}
    return {**values, **fields}


RECORDS = [
    record(1, title="Обзор рынков", author="Анна Петрова", author_slug="anna",
           published="2016-01-04T08:00:00+03:00", categories=["News"], tags=["Europol", "C++"],
           content_text="=HYPERLINK(\"http://evil\")"),
    record(2, author="José Müller", author_slug="jose", published="2016-06-30",
           categories=["News", "Markets"], tags=["Dream"]),
    record(3, author="Anna Petrova", author_slug="anna", published="2017-02-01T10:00:00+00:00",
           categories=["Guides"], tags=[]),
    record(None, url=f"{SITE}/no-id/", published=None, categories=["News"]),
    record(4, site=OTHER, published="2017-05-05T00:00:00+00:00", author="Other"),
]


@pytest.fixture
def state(tmp_path):
    path = tmp_path / "state.sqlite3"
    store = StateStore(path).open()
    for rec in RECORDS:
        key = f"id:{rec['post_id']}" if rec["post_id"] is not None else f"url:{rec['url']}"
        with store.transaction():
            store.put_post(rec["site"], key, rec, "fp", capture_key=None, pending_run=None,
                           seen="t")
    store.close()
    return path


def test_json_jsonl_and_csv_hold_the_same_posts_in_the_crawls_formats(tmp_path, state):
    as_json = export(tmp_path / "posts.json", state)
    as_jsonl = export(tmp_path / "posts.jsonl", state)
    as_csv = export(tmp_path / "posts.csv", state)
    by_id = {rec["post_id"]: rec for rec in RECORDS}
    assert as_json == as_jsonl == [by_id[i] for i in (4, 1, 2, 3, None)]  # by site, then ID
    assert list(as_json[0]) == list(POST_FIELDS)
    assert [row["post_id"] for row in as_csv] == ["4", "1", "2", "3", ""]
    assert as_csv[1]["tags"] == "Europol|C++"
    assert as_csv[1]["content_text"].startswith("'=HYPERLINK")  # formula neutralized
    assert "Обзор рынков".encode() in (tmp_path / "posts.csv").read_bytes()


def test_datapackage_describes_every_export_beside_it(tmp_path, state):
    export(tmp_path / "posts.json", state)
    export(tmp_path / "posts.csv", state)
    package = json.loads((tmp_path / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {"posts.json", "posts.csv"}
    assert "hash" not in resources["posts.json"]  # frictionless counts no bytes of JSON arrays
    for path, resource in resources.items():
        data = (tmp_path / path).read_bytes()
        if path.endswith(".csv"):
            assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["encoding"] == "utf-8"
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == list(POST_FIELDS)
        assert all(f["description"] for f in fields)
    types = {f["name"]: f["type"] for f in resources["posts.json"]["schema"]["fields"]}
    assert (types["post_id"], types["tags"], types["published"]) == ("integer", "array", "string")
    csv_tags = next(f for f in resources["posts.csv"]["schema"]["fields"] if f["name"] == "tags")
    assert csv_tags["type"] == "string" and "'|'" in csv_tags["description"]
    assert {s["path"] for s in package["sources"]} == {SITE, OTHER}


@pytest.mark.parametrize(("options", "expected"), [
    (["--from", "2016-06"], [4, 2, 3]),
    (["--to", "2016"], [1, 2]),
    (["--from", "2016-01-05", "--to", "2017-02-01"], [2, 3]),
    (["--author", "anna"], [1, 3]),                      # slug, or name, any case
    (["--author", "JOSÉ MÜLLER"], [2]),
    (["--category", "news"], [1, 2, None]),
    (["--tag", "c++", "--tag", "Dream"], [1, 2]),        # repeated: any of them
    (["--category", "News", "--tag", "Dream"], [2]),     # different options: all of them
    (["--site", "other.example.net"], [4]),
    (["--site", "http://example.org"], [1, 2, 3, None]),  # scheme and www. as the crawl folds them
])
def test_filters(tmp_path, state, options, expected):
    rows = export(tmp_path / "subset.jsonl", state, *options)
    assert [row["post_id"] for row in rows] == expected


def test_filters_validate_dates():
    for wrong in ("04/01/2016", "2017-13", "2017-02-30", "2017-00"):
        with pytest.raises(ValueError, match="give a date YYYY"):
            Filters.build(since=wrong)
    assert Filters.build(since="2016-02-29").since == "2016-02-29"
    with pytest.raises(ValueError, match="after"):
        Filters.build(since="2017", until="2016-12-31")


def test_errors_are_clear_and_exit_non_zero(tmp_path, state):
    unknown = scrapy("export", str(tmp_path / "posts.xml"), "-s", f"ARCHIVE_STATE={state}")
    assert unknown.returncode == 2 and ".json, .jsonl" in unknown.stderr
    missing = scrapy("export", str(tmp_path / "p.json"), "-s", f"ARCHIVE_STATE={tmp_path}/no.db")
    assert missing.returncode == 1 and "no state store at" in missing.stderr
    assert not (tmp_path / "p.json").exists() and not (tmp_path / "no.db").exists()
    bad_date = scrapy("export", str(tmp_path / "p.json"), "--from", "yesterday",
                      "-s", f"ARCHIVE_STATE={state}")
    assert bad_date.returncode == 2 and "--from 'yesterday'" in bad_date.stderr
    no_site = scrapy("export", str(tmp_path / "p.json"), "--site", "https://elsewhere.org",
                     "-s", f"ARCHIVE_STATE={state}")
    assert no_site.returncode == 1 and f"it holds: {OTHER}, {SITE}" in no_site.stderr


KILLED_EXPORT = textwrap.dedent("""
    import os, signal, sys
    import crawler.state.dataset as dataset

    class KilledMidWay:
        \"""The export file, until 300 bytes are written: then kill -9.\"""
        def __init__(self, file):
            self.file, self.written = file, 0
        def write(self, data):
            self.written += self.file.write(data)
            if self.written > 300:
                self.file.flush()
                os.kill(os.getpid(), signal.SIGKILL)
            return len(data)
        def __getattr__(self, name):
            return getattr(self.file, name)

    make = dataset.exporter_for
    dataset.exporter_for = lambda fmt, file, settings, fields=None: make(
        fmt, KilledMidWay(file), settings, fields)
    from scrapy.cmdline import execute
    execute(["scrapy", "export", *sys.argv[1:]])
""")


@pytest.mark.parametrize("name", ["posts.jsonl", "posts.csv"])
def test_a_killed_export_leaves_the_previous_file_intact(tmp_path, state, name):
    output = tmp_path / name
    output.write_text("the previous export\n")
    result = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(output),
                             "-s", f"ARCHIVE_STATE={state}"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == -9, result.stderr
    assert output.read_text() == "the previous export\n"
    (partial,) = tmp_path.glob(f".{name}.partial-*")
    assert partial.stat().st_size > 0
