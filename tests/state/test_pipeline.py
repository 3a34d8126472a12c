"""The state pipeline: record every post, pass on only the new and the changed."""

from dataclasses import replace

import pytest
from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import Post
from crawler.pipelines.state import StatePipeline
from crawler.state.extension import CrawlState
from crawler.state.records import fingerprint, record_of

SITE = "https://www.example.org"


def post(**kwargs):
    base = Post(post_id=7, site=SITE, url=f"{SITE}/2017/01/01/a/", slug="a", title="A",
                published="2017-01-01T09:00:00+00:00", modified="2017-01-02T09:00:00+00:00",
                content_text="Body", captured_at="2018-01-01T00:00:00+00:00", source="wayback")
    return replace(base, **kwargs)


class Runs:
    """Consecutive runs over one store, each with a fresh pipeline."""

    def __init__(self, path, full=False):
        self.path, self.full = path, full
        self.state = None

    def start(self, full=None):
        if self.state is not None:
            self.finish()
        stats = MemoryStatsCollector(get_crawler())
        self.state = CrawlState(str(self.path), SITE, self.full if full is None else full, stats)
        self.state.store.open()
        self.state.run = self.state.store.start_run(SITE, full_recrawl=self.state.full_recrawl)
        self.pipeline = StatePipeline(self.state, stats)
        return self

    def passes(self, item):
        try:
            return self.pipeline.process_item(item) is item
        except DropItem:
            return False

    def stat(self, name):
        return self.state.stats.get_value(f"archive/state/{name}")

    def stored(self, key="id:7"):
        return self.state.store.get_post(SITE, key)

    def finish(self, delivered=True):
        self.state.store.finish_run(self.state.run, "finished", delivered=delivered)
        self.state.store.close()


@pytest.fixture
def runs(tmp_path):
    runs = Runs(tmp_path / "s.sqlite3")
    yield runs
    if runs.state is not None and runs.state.store._db is not None:
        runs.state.store.close()


def test_first_run_passes_everything_and_records_it(runs):
    runs.start()
    assert runs.passes(post())
    assert runs.passes(post(post_id=8, url=f"{SITE}/b/"))
    assert runs.stat("new") == 2
    assert runs.stored().record == record_of(ItemAdapter(post()))


def test_unchanged_post_is_recorded_but_not_passed(runs):
    runs.start().passes(post())
    runs.start()
    assert not runs.passes(post(archive_url="https://web.archive.org/web/2019/x",
                                url=f"{SITE}/?p=7"))  # new capture and URL, same content
    assert runs.stat("unchanged") == 1
    urls = runs.state.store.db.execute("SELECT url FROM post_urls ORDER BY url").fetchall()
    assert urls == [(f"{SITE}/2017/01/01/a/",), (f"{SITE}/?p=7",)]


def test_changed_post_is_passed_and_replaces_the_record(runs):
    runs.start().passes(post())
    runs.start()
    changed = post(title="A, updated", modified="2017-03-01T00:00:00+00:00")
    assert runs.passes(changed)
    assert runs.stat("changed") == 1
    assert runs.stored().record["title"] == "A, updated"
    assert runs.stored().fingerprint == fingerprint(record_of(ItemAdapter(changed)))


def test_an_older_version_never_replaces_a_newer_one(runs):
    runs.start().passes(post(title="New", modified="2018-01-01T00:00:00+00:00"))
    runs.start()  # e.g. a capture window going back in time
    assert not runs.passes(post(title="Old", modified="2017-01-01T00:00:00+00:00"))
    assert runs.stat("older") == 1
    assert runs.stored().record["title"] == "New"


def test_same_version_different_content_the_later_observation_wins(runs):
    runs.start().passes(post(modified=None, captured_at=None, content_text="v1"))
    runs.start()
    assert runs.passes(post(modified=None, captured_at=None, content_text="v2"))
    assert runs.stored().record["content_text"] == "v2"


def test_posts_of_a_run_whose_feeds_were_not_stored_are_delivered_again(runs):
    runs.start().passes(post())
    runs.finish(delivered=False)  # killed before its feeds were stored
    runs.state = None
    runs.start()
    assert runs.passes(post())
    assert runs.stat("redelivered") == 1
    assert not runs.passes(post(archive_url="another capture"))  # once per run is enough
    runs.start()
    assert not runs.passes(post())


def test_full_recrawl_passes_unchanged_posts_and_still_records(runs):
    runs.start().passes(post())
    runs.start(full=True)
    assert runs.passes(post())
    assert runs.stat("unchanged") == 1


def test_posts_without_id_are_keyed_by_url(runs):
    runs.start()
    assert runs.passes(post(post_id=None))
    assert runs.stored(f"url:{SITE}/2017/01/01/a/") is not None


def test_page_kind_is_not_part_of_the_record(runs):
    runs.start().passes(post())
    assert "page_kind" not in runs.stored().record


def test_same_content_from_a_newer_capture_refreshes_the_record_quietly(runs):
    runs.start().passes(post(archive_url="capture-2018", captured_at="2018-01-01T00:00:00+00:00"))
    runs.start()
    assert not runs.passes(post(archive_url="capture-2019", content_html="<p>new theme</p>",
                                captured_at="2019-01-01T00:00:00+00:00"))
    assert runs.stat("refreshed") == 1
    assert runs.stored().record["archive_url"] == "capture-2019"
    older = post(archive_url="capture-2017", captured_at="2017-01-01T00:00:00+00:00")
    assert not runs.passes(older)
    assert runs.stored().record["archive_url"] == "capture-2019"  # never back in time


def test_a_theme_switch_that_hides_fields_is_no_change(runs):
    """Run 1 read a classic theme; run 2 the same posts under a block theme that shows no author,
    modified date or tags: only the post really edited is a change, and the store keeps what the
    new theme hides."""
    runs.start()
    assert runs.passes(post(author="Anna", author_slug="anna", tags=["x"]))
    assert runs.passes(post(post_id=8, url=f"{SITE}/b/", author="Anna", tags=["y"]))
    runs.start()
    block = {"author": None, "author_slug": None, "modified": None, "tags": [],
             "captured_at": "2020-01-01T00:00:00+00:00", "archive_url": "https://a.example/2020"}
    assert not runs.passes(post(**block))
    assert runs.stat("unchanged") == 1 and runs.stat("refreshed") == 1
    stored = runs.stored().record
    assert (stored["author"], stored["tags"], stored["modified"]) == (
        "Anna", ["x"], "2017-01-02T09:00:00+00:00")
    assert stored["archive_url"] == "https://a.example/2020"  # the newest capture's body
    edited = post(post_id=8, url=f"{SITE}/b/", title="B, edited", **block)
    assert runs.passes(edited) and runs.stat("changed") == 1
    assert (edited.title, edited.author, edited.tags) == ("B, edited", "Anna", ["y"])


def test_an_older_capture_fills_what_the_stored_record_lacks(runs):
    runs.start().passes(post(author=None))
    runs.start()
    older = {"author": "Anna", "captured_at": "2017-06-01T00:00:00+00:00", "title": "Old title"}
    assert runs.passes(post(**older)) and runs.stat("changed") == 1
    assert runs.stored().record["author"] == "Anna"
    assert runs.stored().record["title"] == "A"  # the newer capture's title stays
    assert not runs.passes(post(**older)) and runs.stat("older") == 1
