"""Feeds are written under a temporary name and renamed into place only when stored."""

import pytest

from crawler.feedstorage import AtomicFileFeedStorage


def storage(target, overwrite=True):
    return AtomicFileFeedStorage(str(target), feed_options={"overwrite": overwrite})


def partials(target):
    return list(target.parent.glob(f".{target.name}.partial-*"))


def test_the_target_appears_only_when_stored(tmp_path):
    target = tmp_path / "out" / "posts.jsonl"
    feed = storage(target)
    file = feed.open(spider=None)
    file.write(b'{"post_id": 1}\n')
    assert not target.exists()
    assert partials(target) == [feed.partial]
    feed.store(file)
    assert target.read_bytes() == b'{"post_id": 1}\n'
    assert partials(target) == []


def test_an_unfinished_feed_leaves_the_previous_file_intact(tmp_path):
    target = tmp_path / "posts.json"
    target.write_bytes(b"[previous]")
    file = storage(target).open(spider=None)
    file.write(b'[{"post_id": 1}')  # the crawl is killed here: store() never runs
    file.flush()
    assert target.read_bytes() == b"[previous]"
    (partial,) = partials(target)
    assert partial.read_bytes() == b'[{"post_id": 1}'


def test_two_feeds_of_one_target_get_two_temporary_files(tmp_path):
    target = tmp_path / "posts.json"
    first, second = storage(target), storage(target)
    first.open(spider=None)
    second.open(spider=None)
    assert first.partial != second.partial
    assert len(partials(target)) == 2


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


def test_a_discarded_feed_leaves_nothing_behind(tmp_path):
    target = tmp_path / "posts.json"
    target.write_bytes(b"[previous]")
    feed = storage(target)
    feed.open(spider=None).write(b"[]")
    feed.discard()
    assert target.read_bytes() == b"[previous]"
    assert partials(target) == []


def test_check_refuses_a_folder_in_the_targets_place(tmp_path):
    (tmp_path / "posts.json").mkdir()
    with pytest.raises(IsADirectoryError, match="a folder is in the way"):
        storage(tmp_path / "posts.json").check()
    assert partials(tmp_path / "posts.json") == []


def test_check_leaves_no_file(tmp_path):
    storage(tmp_path / "new" / "posts.json").check()
    assert list((tmp_path / "new").iterdir()) == []


def test_a_failed_store_removes_the_partial_file_and_keeps_the_target(tmp_path):
    target = tmp_path / "posts.json"
    target.write_bytes(b"[previous]")
    feed = storage(target)
    file = feed.open(spider=None)
    file.write(b"[]")
    target.unlink()
    target.mkdir()  # rename(2) cannot replace a folder: the store fails at its last step
    with pytest.raises(IsADirectoryError):
        feed.store(file)
    assert partials(target) == []
