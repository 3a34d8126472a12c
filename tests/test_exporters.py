"""Exporters as Scrapy's feed storage uses them: bytes in a file, read back as data."""

import csv
import io
import json
from dataclasses import replace

import pytest

from crawler import settings
from crawler.exporters import (
    PostCsvItemExporter,
    PostJsonItemExporter,
    PostJsonLinesItemExporter,
    neutralize_formula,
)
from crawler.items import POST_FIELDS, Post

CYRILLIC = "Новости даркнета: обзор"


def post(**kwargs):
    base = Post(post_id=1, site="https://www.example.org", url="https://www.example.org/a/",
                slug="a", title=CYRILLIC, author="Анна Петрова", categories=["News", "Новости"],
                tags=["Dark Web", "C++"], content_text="=HYPERLINK(\"http://evil\")", word_count=1,
                images=["https://www.example.org/i.png"], comment_count=0, source="mirror")
    return replace(base, **kwargs)


def export(exporter_class, items):
    buffer = io.BytesIO()
    exporter = exporter_class(buffer, fields_to_export=list(POST_FIELDS), encoding="utf-8")
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return buffer.getvalue()


def test_settings_columns_are_the_schema():
    assert tuple(settings.FEED_EXPORT_FIELDS) == POST_FIELDS


def test_json_is_utf8_readable_with_lists():
    raw = export(PostJsonItemExporter, [post()])
    assert CYRILLIC.encode() in raw  # not \u escapes
    (row,) = json.loads(raw)
    assert list(row) == list(POST_FIELDS)
    assert row["tags"] == ["Dark Web", "C++"]
    assert row["author"] == "Анна Петрова"
    assert "page_kind" not in row


def test_jsonl_one_object_per_line():
    raw = export(PostJsonLinesItemExporter, [post(), post(post_id=2, url="https://www.example.org/b/")])
    rows = [json.loads(line) for line in raw.decode().splitlines()]
    assert [r["post_id"] for r in rows] == [1, 2]
    assert rows[0]["title"] == CYRILLIC


def test_csv_columns_joins_and_formula_injection():
    raw = export(PostCsvItemExporter, [post(title="@SUM(A1)", author="-2+3", comment_count=None)])
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert list(rows[0]) == list(POST_FIELDS)
    row = rows[0]
    assert row["categories"] == "News|Новости"
    assert row["tags"] == "Dark Web|C++"
    assert row["content_text"] == "'=HYPERLINK(\"http://evil\")"
    assert row["title"] == "'@SUM(A1)"
    assert row["author"] == "'-2+3"
    assert row["comment_count"] == ""
    assert row["word_count"] == "1"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_neutralize_formula(value):
    assert neutralize_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "1-2", "", None, 5, "a=b"])
def test_neutralize_leaves_safe_values(value):
    assert neutralize_formula(value) == value


@pytest.mark.parametrize("exporter_class", [PostJsonItemExporter, PostJsonLinesItemExporter])
def test_later_version_replaces_earlier_in_file(exporter_class):
    old = post(title="old", modified="2017-01-01T00:00:00+00:00")
    other = post(post_id=2, url="https://www.example.org/b/", title="other")
    new = post(url="https://www.example.org/?p=1", title="new",
               modified="2018-01-01T00:00:00+00:00")
    raw = export(exporter_class, [old, other, new]).decode()
    text = raw if raw.startswith("[") else "[" + ",".join(raw.splitlines()) + "]"
    rows = json.loads(text)
    assert [(r["post_id"], r["title"]) for r in rows] == [(1, "new"), (2, "other")]
