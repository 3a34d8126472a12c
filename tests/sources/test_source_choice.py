"""``-a archive=`` picks the source; nothing is read or fetched until the crawl needs it."""

import pytest
from scrapy.utils.test import get_crawler

from crawler.sources import source_from_crawler
from crawler.sources.mirror import MirrorSource
from crawler.sources.warc import WarcSource
from crawler.sources.wayback import WaybackSource


def source(archive, **settings):
    crawler = get_crawler(
        settings_dict={
            "ARCHIVE_SITE": "https://www.deepdotweb.com",
            "ARCHIVE": archive,
            "ARCHIVE_INDEX_RATE": 24,
            "ARCHIVE_PAGE_RATE": 240,
            "ARCHIVE_CDX_PAGE_SIZE": 10000,
            **settings,
        }
    )
    return source_from_crawler(crawler)


def test_wayback_is_the_internet_archive():
    src = source("wayback", ARCHIVE_FROM="2016", ARCHIVE_TO="20190501")
    assert isinstance(src, WaybackSource)
    assert src.urls.prefix == "https://web.archive.org/web/"
    assert (
        src.query.endpoint == "https://web.archive.org/cdx/search/cdx"
        and src.query.dialect.name == "ia"
    )
    assert (src.window.since, src.window.until) == ("20160101000000", "20190501235959")
    assert src._index is None  # no I/O before the crawl asks


def test_a_replay_prefix_is_pywb_unless_told_otherwise():
    src = source("http://127.0.0.1:8080/my-collection/")
    assert (
        src.query.endpoint == "http://127.0.0.1:8080/my-collection/cdx"
        and src.query.dialect.name == "pywb"
    )
    src = source(
        "http://archive.example/wayback/", ARCHIVE_CDX_URL="http://archive.example/cdx/search/cdx"
    )
    assert src.query.dialect.name == "ia"


def test_warc_files_folders_and_pywb_collections(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(b"")
    (tmp_path / "coll" / "archive").mkdir(parents=True)
    (tmp_path / "coll" / "archive" / "b.warc").write_bytes(b"")
    assert isinstance(source(str(tmp_path / "a.warc.gz")), WarcSource)
    assert source(str(tmp_path)).files == [tmp_path / "a.warc.gz"]
    assert source(str(tmp_path / "coll")).files == [tmp_path / "coll" / "archive" / "b.warc"]


def test_other_folders_are_mirrors(tmp_path):
    (tmp_path / "www.deepdotweb.com").mkdir()
    assert isinstance(source(str(tmp_path)), MirrorSource)


def test_bad_prefix_is_explained():
    with pytest.raises(ValueError, match="replay prefix"):
        source("https://web.archive.org/web/?x=1")
