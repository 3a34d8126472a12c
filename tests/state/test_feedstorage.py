"""Feeds are written under a temporary name and renamed into place only when stored."""

from scrapy.utils.test import get_crawler

from crawler.feedstorage import AtomicFileFeedStorage, partial_path


def storage(target, overwrite=True, crawler=None):
    return AtomicFileFeedStorage(str(target), feed_options={"overwrite": overwrite},
                                 crawler=crawler)


def test_the_target_appears_only_when_stored(tmp_path):
    target = tmp_path / "out" / "posts.jsonl"
    feed = storage(target)
    file = feed.open(spider=None)
    file.write(b'{"post_id": 1}\n')
    assert not target.exists()
    assert partial_path(target).name.startswith(".posts.jsonl.partial-")
    feed.store(file)
    assert target.read_bytes() == b'{"post_id": 1}\n'
    assert not partial_path(target).exists()


def test_an_unfinished_feed_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "posts.json"
    target.write_bytes(b"[previous]")
    file = storage(target).open(spider=None)
    file.write(b'[{"post_id": 1}')  # the crawl is killed here: store() never runs
    file.flush()
    assert target.read_bytes() == b"[previous]"
    assert partial_path(target).read_bytes() == b'[{"post_id": 1}'


def test_append_mode_replaces_the_file_whole(tmp_path):
    target = tmp_path / "posts.jsonl"
    target.write_bytes(b"line 1\n")
    feed = storage(target, overwrite=False)
    file = feed.open(spider=None)
    file.write(b"line 2\n")
    assert target.read_bytes() == b"line 1\n"
    feed.store(file)
    assert target.read_bytes() == b"line 1\nline 2\n"


def test_file_uris_work_too(tmp_path):
    target = tmp_path / "posts.csv"
    feed = AtomicFileFeedStorage(target.as_uri(), feed_options={"overwrite": True})
    file = feed.open(spider=None)
    file.write(b"a,b\n")
    feed.store(file)
    assert target.read_bytes() == b"a,b\n"


def test_a_refused_crawl_does_not_replace_the_last_feed(tmp_path):
    class Refused:
        refused = True

    crawler = get_crawler()
    crawler.get_extension = lambda cls: Refused()
    target = tmp_path / "posts.json"
    target.write_bytes(b"[previous]")
    feed = storage(target, crawler=crawler)
    file = feed.open(spider=None)
    file.write(b"[]")
    feed.store(file)
    assert target.read_bytes() == b"[previous]"
    assert not partial_path(target).exists()
