"""The run's totals: what the pages cost is added up over every worker, what happened to items
is the writer's alone (a successor writer counted its predecessor's items again)."""

from __future__ import annotations

from crawler.distributed.config import RunConfig
from crawler.distributed.stats import WORKERS_STAT, snapshot, totals


def test_crawl_side_added_item_side_from_the_writer():
    writer = {"item_scraped_count": 30, "archive/posts/unique": 30, "finish_reason": "finished",
              "response_received_count": 40}
    workers = {"a": {"response_received_count": 40, "item_scraped_count": 12},
               "b": {"response_received_count": 25, "archive/refused/feed": 3}}
    run = totals(writer, workers, took_part=3)
    assert run["response_received_count"] == 65
    assert run["archive/refused/feed"] == 3
    assert run["item_scraped_count"] == 30 and run["archive/posts/unique"] == 30
    assert run["finish_reason"] == "finished"
    assert run[WORKERS_STAT] == 3


def test_a_snapshot_keeps_counts_not_times_or_memory():
    published = snapshot({"response_received_count": 5, "elapsed_time_seconds": 2.5,
                          "memusage/max": 10**8, "finish_reason": "finished", "flag": True})
    assert published == '{"response_received_count": 5}'


def test_keys_are_per_site_and_run_and_budgets_per_archive_host():
    def config(site: str, run: str, archive: str, egress: str = "") -> RunConfig:
        return RunConfig(url="redis://x", run=run, site_key=site, archive_host=archive,
                         egress=egress, worker="w")

    one = config("example.org", "a", "web.archive.org")
    assert one.keys.queue == "archive-crawler:{example.org:a}:queue"
    assert config("example.org", "b", "web.archive.org").keys.queue != one.keys.queue
    assert config("other.org", "a", "web.archive.org").budget_key == one.budget_key
    assert config("example.org", "a", "web.archive.org", "ip2").budget_key != one.budget_key
