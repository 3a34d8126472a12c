"""A comment's way through the pipelines and the state store: normalized, one record per
(site, comment ID) merged newest capture first, recorded, passed on only when new or changed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import COMMENT_FIELDS, Comment, Post
from crawler.pipelines import MergePipeline, NormalizePipeline, ValidatePipeline
from crawler.state.records import fingerprint, record_of
from crawler.state.schema import SCHEMA_VERSION
from crawler.state.store import StateStore
from crawler.versions import merge_comment
from tests.state.test_pipeline import SITE, Runs

URL = f"{SITE}/2017/01/01/a/"


def comment(**kwargs: object) -> Comment:
    base = Comment(comment_id=41, post_id=7, parent_id=None, author="Zoë", author_url=None,
                   published="2017-01-02T10:00:00+01:00", content_html="<p>Hi</p>",
                   content_text="Hi", site=SITE, post_url=URL,
                   captured_at="2018-01-01T00:00:00+00:00", source="wayback")
    return replace(base, **kwargs)  # type: ignore[arg-type]


def test_normalize_cleans_a_comment_and_leaves_post_fields_alone() -> None:
    raw = comment(author=" Zoë&nbsp;Å ", published="January 2, 2017 at 10:00 am",
                  content_text="  One \n\n\n\n Two ", comment_id="41", parent_id="40",  # type: ignore[arg-type]
                  post_url="http://example.org/2017/01/01/a/index.html#comment-41",
                  site="http://example.org")
    item = NormalizePipeline().process_item(raw)
    assert (item.author, item.published, item.content_text) == ("Zoë Å", "2017-01-02T10:00:00",
                                                              "One\n\nTwo")
    assert (item.comment_id, item.parent_id) == (41, 40)
    assert (item.site, item.post_url) == ("http://example.org", "http://example.org/2017/01/01/a/")
    assert not hasattr(item, "title")


def test_validate_keeps_comments_with_an_id() -> None:
    stats = MemoryStatsCollector(get_crawler())
    pipeline = ValidatePipeline(stats)
    assert pipeline.process_item(comment()) is not None
    with pytest.raises(DropItem):
        pipeline.process_item(comment(comment_id=None))
    assert stats.get_value("archive/dropped/comment_without_id") == 1


def test_newest_capture_wins_and_keeps_what_it_does_not_show() -> None:
    old = record_of(ItemAdapter(comment()))
    new = record_of(ItemAdapter(comment(captured_at="2019-01-01T00:00:00+00:00",
                                        content_text="Hi, edited", author_url=None, author=None,
                                        parent_id=None, published=None)))
    merged = merge_comment(old, {**new, "parent_id": None})
    assert merged["content_text"] == "Hi, edited" and merged["captured_at"].startswith("2019")
    assert merged["author"] == "Zoë" and merged["published"] == old["published"]
    # An older capture met later changes nothing the newer one shows.
    assert merge_comment(new, old)["content_text"] == "Hi, edited"


def test_merge_passes_a_comment_once_per_version_that_adds_and_checks_threads() -> None:
    stats = MemoryStatsCollector(get_crawler())
    merge = MergePipeline(stats)
    assert merge.process_item(comment()) is not None
    with pytest.raises(DropItem):
        merge.process_item(comment())  # the same capture again, through ?p=N
    assert merge.process_item(comment(captured_at="2019-01-01T00:00:00+00:00",
                                       content_text="Edited")) is not None
    merge.process_item(comment(comment_id=42, parent_id=41))
    merge.process_item(comment(comment_id=43, parent_id=99))  # its parent was on no page
    merge.process_item(Post(post_id=7, site=SITE, url=URL, comment_count=5))
    merge.close_spider()
    assert stats.get_value("archive/comments/unique") == 3
    assert stats.get_value("archive/comments/merged") == 2
    assert stats.get_value("archive/comments/replaced") == 1
    assert stats.get_value("archive/posts/unique") == 1  # posts and comments keyed apart
    assert stats.get_value("archive/comments/missing_parent") == 1
    assert stats.get_value("archive/comments/posts_incomplete") == 1  # 5 declared, 3 found


def test_recrawls_pass_new_and_changed_comments_only(tmp_path: Path) -> None:
    runs = Runs(tmp_path / "state.sqlite3").start()
    assert runs.passes(comment())
    assert runs.passes(comment(comment_id=42, parent_id=41))
    runs.start()
    assert not runs.passes(comment())  # the same comment again
    assert not runs.passes(comment(captured_at="2019-01-01T00:00:00+00:00",
                                   content_html="<div><p>Hi</p></div>"))  # a new theme's markup
    assert runs.stat("comments/unchanged") == 2 and runs.stat("comments/refreshed") == 1
    assert runs.passes(comment(comment_id=42, parent_id=41, content_text="Edited",
                               captured_at="2019-01-01T00:00:00+00:00"))
    assert runs.stat("comments/changed") == 1
    # An older capture is no change, and never replaces the newer record.
    assert not runs.passes(comment(comment_id=42, content_text="Old",
                                   captured_at="2017-06-01T00:00:00+00:00"))
    stored = runs.state.store.get_comment(SITE, 42)
    assert stored is not None and stored.record["content_text"] == "Edited"
    runs.finish()
    runs.state = None
    store = StateStore(tmp_path / "state.sqlite3", readonly=True).open()
    assert [c["comment_id"] for c in store.comment_records()] == [41, 42]  # none lost
    assert list(store.comment_records())[0].keys() == set(COMMENT_FIELDS)


def test_comments_of_a_killed_run_are_delivered_again(tmp_path: Path) -> None:
    runs = Runs(tmp_path / "state.sqlite3").start()
    assert runs.passes(comment())
    runs.finish(delivered=False)
    runs.state = None
    runs.start()
    assert runs.passes(comment()) and runs.stat("comments/redelivered") == 1


def test_fingerprints_tell_comments_from_posts() -> None:
    def print_of(**kwargs: object) -> str:
        return fingerprint(record_of(ItemAdapter(comment(**kwargs))))

    assert print_of() != print_of(author="Other")
    assert print_of() == print_of(archive_url="x", captured_at="2020-01-01T00:00:00+00:00")


def version_one_store(path: Path) -> None:
    """A store as the code before comments wrote it: schema version 1, no comments table."""
    store = StateStore(path).open()
    store.db.execute("DROP TABLE comments")
    store.db.execute("DELETE FROM schema_version")
    store.db.execute("INSERT INTO schema_version VALUES (1)")
    store.close()


def test_a_store_written_before_comments_exports_and_is_migrated_by_a_crawl(
        tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    version_one_store(path)
    reader = StateStore(path, readonly=True).open()
    assert list(reader.comment_records()) == [] and list(reader.iter_records()) == []
    reader.close()
    StateStore(path).open().close()  # what a crawl does first
    db = sqlite3.connect(path)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    versions = [v for (v,) in db.execute("SELECT version FROM schema_version ORDER BY version")]
    assert "comments" in tables and versions == [1, SCHEMA_VERSION]
