"""Normalize -> validate -> merge, each on hand-made items."""

from dataclasses import replace

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import Post
from crawler.pipelines import MergePipeline, NormalizePipeline, ValidatePipeline

SITE = "https://www.example.org"


def stats():
    return MemoryStatsCollector(get_crawler())


def raw_post(**kwargs):
    base = Post(post_id=7, site=SITE + "/", url="http://example.org/2017/11/18/a-post/#comments",
                title="  Co&#8217;s &amp;\n News ", author=" Анна\xa0Петрова ",
                published="2016-09-08T05:57:58-03:00", modified="September 9, 2016",
                categories=["News", " News", "Local"], tags=["Dark Web", ""],
                content_text="  First   para. \n\n\n Second\xa0para.  ", word_count=0,
                images=[" https://www.example.org/a.png", "https://www.example.org/a.png"])
    return replace(base, **kwargs)


def test_normalize_formats():
    item = NormalizePipeline().process_item(raw_post())
    assert item.url == "https://www.example.org/2017/11/18/a-post/"
    assert item.site == SITE
    assert item.slug == "a-post"
    assert item.title == "Co\u2019s & News"
    assert item.author == "Анна Петрова"
    assert item.published == "2016-09-08T05:57:58-03:00"
    assert item.modified == "2016-09-09"
    assert item.categories == ["News", "Local"]
    assert item.tags == ["Dark Web"]
    assert item.content_text == "First para.\n\nSecond para."
    assert item.word_count == 4
    assert item.images == ["https://www.example.org/a.png"]


def test_normalize_empty_author_is_none():
    assert NormalizePipeline().process_item(raw_post(author="  ")).author is None


def test_validate_keeps_posts_and_counts_missing_ids():
    collector = stats()
    pipeline = ValidatePipeline(collector)
    pipeline.process_item(raw_post(post_id=None))
    assert collector.get_value("archive/validate/no_post_id") == 1


@pytest.mark.parametrize("kind", ["page", "attachment", "listing", "error"])
def test_validate_drops_non_posts(kind):
    collector = stats()
    with pytest.raises(DropItem):
        ValidatePipeline(collector).process_item(raw_post(page_kind=kind))
    assert collector.get_value(f"archive/dropped/{kind}") == 1


def test_validate_keeps_unknown_kind_that_looks_like_a_post():
    collector = stats()
    ValidatePipeline(collector).process_item(raw_post(page_kind="unknown", content_text="Body"))
    assert collector.get_value("archive/validate/unknown_kind_kept") == 1
    with pytest.raises(DropItem):
        ValidatePipeline(collector).process_item(raw_post(page_kind="unknown", content_text=""))


def test_merge_passes_a_post_once_per_version_that_adds_to_it():
    collector = stats()
    pipeline = MergePipeline(collector)
    first = raw_post(modified="2017-01-01T00:00:00+00:00", captured_at="2018-01-01T00:00:00+00:00")
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem):  # an older edit, whatever its capture time, adds nothing
        pipeline.process_item(replace(first, modified="2016-01-01T00:00:00+00:00",
                                      captured_at="2019-01-01T00:00:00+00:00", title="Old"))
    with pytest.raises(DropItem):  # same version, same capture: a plain duplicate
        pipeline.process_item(replace(first, url=SITE + "/?p=7"))
    newer_capture = replace(first, captured_at="2019-06-01T00:00:00+00:00")
    assert pipeline.process_item(newer_capture) is newer_capture
    newer_edit = replace(first, modified="2017-06-01T00:00:00+00:00", captured_at=None)
    assert pipeline.process_item(newer_edit) is newer_edit
    assert collector.get_value("archive/posts/unique") == 1
    assert collector.get_value("archive/duplicates/merged") == 4
    assert collector.get_value("archive/duplicates/replaced") == 2
    pipeline.close_spider()


def test_merge_keeps_what_a_newer_theme_hides_and_takes_what_it_shows():
    pipeline = MergePipeline(stats())
    classic = raw_post(author="Anna", author_slug="anna", tags=["x", "y"], comment_count=3,
                       modified="2017-01-01T00:00:00+00:00", captured_at="2018-01-01T00:00:00Z")
    block = replace(classic, author=None, author_slug=None, tags=[], comment_count=None,
                    modified=None, title="Edited title", captured_at="2020-01-01T00:00:00Z",
                    archive_url="https://archive.example/2020/a", content_text="New body")
    pipeline.process_item(classic)
    merged = pipeline.process_item(block)
    assert (merged.author, merged.author_slug, merged.tags, merged.comment_count) == (
        "Anna", "anna", ["x", "y"], 3)
    assert merged.modified == "2017-01-01T00:00:00+00:00" and merged.title == "Edited title"
    assert (merged.content_text, merged.archive_url) == ("New body", "https://archive.example/2020/a")
    # An older capture seen later fills nothing more, so it is dropped.
    with pytest.raises(DropItem):
        pipeline.process_item(replace(classic, captured_at="2017-01-01T00:00:00Z"))
    pipeline.close_spider()


def test_merge_without_id_is_by_url():
    pipeline = MergePipeline(stats())
    pipeline.process_item(raw_post(post_id=None, url=SITE + "/a/"))
    pipeline.process_item(raw_post(post_id=None, url=SITE + "/b/"))
    with pytest.raises(DropItem):
        pipeline.process_item(raw_post(post_id=None, url=SITE + "/a/"))


def test_merge_is_per_site():
    pipeline = MergePipeline(stats())
    pipeline.process_item(raw_post())
    pipeline.process_item(raw_post(site="https://other.example"))
