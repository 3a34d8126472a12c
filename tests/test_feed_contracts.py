"""Feed contracts: every format Scrapy offers keeps one row per post (or is refused before the
crawl), each feed holds one dataset (``-O`` the posts, ``-a comments=`` the comments), and a feed
Scrapy switches off fails the crawl instead of letting it run and write nothing."""

from __future__ import annotations

import csv
import io
import json
import marshal
import pickle
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from scrapy.settings import default_settings

from crawler import settings
from crawler.exporters import LatestVersionMixin, PostCsvItemExporter
from crawler.items import COMMENT_FIELDS, POST_FIELDS, Comment, Post
from tests.state.run import scrapy


def read_back(path: Path) -> list[dict[str, Any]]:
    fmt = path.suffix.lstrip(".")
    data = path.read_bytes()
    if fmt == "json":
        return list(json.loads(data))
    if fmt in ("jsonl", "jsonlines", "jl"):
        return [json.loads(line) for line in data.decode("utf-8").split("\n") if line]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    if fmt == "xml":
        return [{el.tag: el.text for el in item} for item in etree.fromstring(data)]
    loads = pickle.load if fmt == "pickle" else marshal.load
    stream, rows = io.BytesIO(data), []
    while stream.tell() < len(data):
        rows.append(loads(stream))
    return rows


def test_every_format_scrapy_offers_has_an_exporter_that_keeps_one_row_per_key() -> None:
    assert set(settings.FEED_EXPORTERS) == set(default_settings.FEED_EXPORTERS_BASE)
    from scrapy.utils.misc import load_object
    for path in settings.FEED_EXPORTERS.values():
        assert issubclass(load_object(path), LatestVersionMixin), path


def test_every_format_gives_each_post_once(tmp_path: Path) -> None:
    formats = sorted(default_settings.FEED_EXPORTERS_BASE)
    feeds = {str(tmp_path / f"posts.{fmt}"): {"format": fmt} for fmt in formats}
    done = scrapy("crawl", "archive", "-s", "ARCHIVE_STATE=", "-s", f"FEEDS={json.dumps(feeds)}")
    assert done.returncode == 0, done.stderr[-3000:]
    expected = json.loads((Path(settings.__file__).parents[1] / "sample_archive" /
                           "expected.json").read_text(encoding="utf-8"))
    want = sorted(str(p["post_id"]) for p in expected)
    for fmt in formats:
        rows = read_back(tmp_path / f"posts.{fmt}")
        assert sorted(str(r["post_id"]) for r in rows) == want, fmt  # once each, posts only
        assert list(rows[0]) == list(POST_FIELDS), fmt


def test_posts_to_o_and_comments_to_their_own_feed(tmp_path: Path) -> None:
    posts, comments = tmp_path / "posts.jsonl", tmp_path / "comments.csv"
    done = scrapy("crawl", "archive", "-s", "ARCHIVE_STATE=", "-O", str(posts),
                  "-a", f"comments={comments}")
    assert done.returncode == 0, done.stderr[-3000:]
    assert all("comment_id" not in row and row["url"] for row in read_back(posts))
    rows = read_back(comments)
    assert rows and list(rows[0]) == list(COMMENT_FIELDS)
    assert len({r["comment_id"] for r in rows}) == len(rows)


def test_comment_csv_cells_are_formula_safe_and_utf8() -> None:
    buffer = io.BytesIO()
    exporter = PostCsvItemExporter(buffer, fields_to_export=list(COMMENT_FIELDS),
                                   encoding="utf-8")
    exporter.start_exporting()
    exporter.export_item(Comment(comment_id=1, author="=cmd|' /C calc'!A0", site="s",
                                 content_text="+Олена", post_url="u"))
    exporter.finish_exporting()
    row = next(csv.DictReader(io.StringIO(buffer.getvalue().decode("utf-8"))))
    assert row["author"].startswith("'=") and row["content_text"] == "'+Олена"


def test_an_empty_csv_still_has_its_header() -> None:
    buffer = io.BytesIO()
    exporter = PostCsvItemExporter(buffer, fields_to_export=list(POST_FIELDS), encoding="utf-8")
    exporter.start_exporting()
    exporter.finish_exporting()
    assert buffer.getvalue().decode("utf-8").strip() == ",".join(POST_FIELDS)


@pytest.mark.parametrize(("args", "says"), [
    (["-O", "s3://bucket/posts.json"], "s3:// feeds are disabled: missing boto3 library"),
    (["-O", "nosuch://host/posts.json"], "unknown storage scheme 'nosuch'"),
    (["-O", "{tmp}/posts.jl", "-s", 'FEED_EXPORTERS={{"jl": '
      '"scrapy.exporters.JsonLinesItemExporter"}}'], "would keep every version of a post"),
    (["-s", 'FEEDS={{"{tmp}/both.json": {{"format": "json", "item_classes": '
      '["crawler.items.Post", "crawler.items.Comment"]}}}}'], "give each its own feed"),
    (["-O", "{tmp}/posts.jsonl", "-a", "comments={tmp}/posts.jsonl"], "a file of their own"),
    (["-a", "comments={tmp}/comments.txt"], "name a file ending in"),
])
def test_a_feed_that_cannot_be_written_as_asked_stops_the_crawl(tmp_path: Path,
                                                                args: list[str],
                                                                says: str) -> None:
    (tmp_path / "posts.json").write_text("previous")
    done = scrapy("crawl", "archive", "-s", "ARCHIVE_STATE=",
                  *[a.format(tmp=tmp_path) for a in args])
    assert done.returncode != 0, done.stderr[-2000:]
    assert says in done.stderr
    assert "Crawled (200)" not in done.stderr  # nothing fetched
    assert not [p for p in tmp_path.iterdir() if p.name != "posts.json"]


def test_item_classes_in_feeds_pick_a_dataset() -> None:
    from scrapy.utils.test import get_crawler

    from crawler.feedexport import GuardedFeedExporter
    crawler = get_crawler(settings_dict={
        "FEEDS": {"p.json": {"format": "json"},
                  "c.csv": {"format": "csv", "item_classes": ["crawler.items.Comment"]},
                  "mine.csv": {"format": "csv", "item_classes": ["crawler.items.Comment"],
                               "fields": ["comment_id"]}},
        "FEED_EXPORTERS": settings.FEED_EXPORTERS,
        "FEED_EXPORT_FIELDS": settings.FEED_EXPORT_FIELDS})
    exporter = GuardedFeedExporter(crawler)
    assert exporter.filters["p.json"].item_classes == (Post,)
    assert exporter.filters["c.csv"].item_classes == (Comment,)
    assert exporter.feeds["c.csv"]["fields"] == list(COMMENT_FIELDS)
    assert exporter.feeds["mine.csv"]["fields"] == ["comment_id"]
