"""Normalize -> validate -> dedupe, each on hand-made items."""

from dataclasses import replace

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import Post
from crawler.pipelines import DedupePipeline, NormalizePipeline, ValidatePipeline

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


def test_dedupe_by_post_id_keeps_newer_by_modified_then_capture():
    collector = stats()
    pipeline = DedupePipeline(collector)
    first = raw_post(modified="2017-01-01T00:00:00+00:00", captured_at="2018-01-01T00:00:00+00:00")
    assert pipeline.process_item(first) is first
    with pytest.raises(DropItem):  # older edit, whatever its capture time
        pipeline.process_item(replace(first, modified="2016-01-01T00:00:00+00:00",
                                      captured_at="2019-01-01T00:00:00+00:00"))
    with pytest.raises(DropItem):  # same version, same capture: a plain duplicate
        pipeline.process_item(replace(first, url=SITE + "/?p=7"))
    newer_capture = replace(first, captured_at="2019-06-01T00:00:00+00:00")
    assert pipeline.process_item(newer_capture) is newer_capture
    newer_edit = replace(first, modified="2017-06-01T00:00:00+00:00", captured_at=None)
    assert pipeline.process_item(newer_edit) is newer_edit
    assert collector.get_value("archive/posts/unique") == 1
    assert collector.get_value("archive/duplicates/merged") == 4
    assert collector.get_value("archive/duplicates/replaced") == 2


def test_dedupe_without_id_is_by_url():
    pipeline = DedupePipeline(stats())
    pipeline.process_item(raw_post(post_id=None, url=SITE + "/a/"))
    pipeline.process_item(raw_post(post_id=None, url=SITE + "/b/"))
    with pytest.raises(DropItem):
        pipeline.process_item(raw_post(post_id=None, url=SITE + "/a/"))


def test_dedupe_is_per_site():
    pipeline = DedupePipeline(stats())
    pipeline.process_item(raw_post())
    pipeline.process_item(raw_post(site="https://other.example"))
