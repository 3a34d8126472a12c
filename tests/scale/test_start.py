"""A big mirror's start: its files enumerated off the reactor in bounded batches, and start
requests made only while the scheduler has room (issue 14: 31 s without a progress line at
30,000 posts, and every enumerated request held in the scheduler)."""

from __future__ import annotations

import asyncio
import time

from scrapy import Request

from crawler.sources import mirror as mirror_module
from crawler.sources.mirror import BATCH, MirrorSource
from crawler.spiders.archive import START_QUEUE
from crawler.urls import SiteUrls
from tests.test_spider import ROOT, make_spider

PAGES = 3 * BATCH + 7


def write_mirror(tmp_path, count: int = PAGES):
    host = tmp_path / "www.example.org"
    for i in range(count):
        folder = host / "2017" / "11" / f"post-{i:05d}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_bytes(b"<html><body>a post</body></html>")
    return tmp_path


class FakeScheduler:
    def __init__(self) -> None:
        self.queue: list[Request] = []

    def __len__(self) -> int:
        return len(self.queue)


class FakeEngine:
    def __init__(self) -> None:
        self.scheduler = FakeScheduler()


def test_enumeration_goes_to_a_thread_in_bounded_batches_and_the_loop_keeps_turning(
        tmp_path, monkeypatch):
    source = MirrorSource(SiteUrls(ROOT), write_mirror(tmp_path))
    trips: list[int] = []
    real_to_thread = asyncio.to_thread

    async def to_thread(function, *args):
        found = await real_to_thread(function, *args)
        trips.append(len(found))
        return found

    monkeypatch.setattr(mirror_module.asyncio, "to_thread", to_thread)

    async def crawl():
        gaps, done = [], False

        async def ticker():
            last = time.monotonic()
            while not done:
                await asyncio.sleep(0)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        tick = asyncio.create_task(ticker())
        urls = [url async for url in source.seed_urls()]
        done = True
        await tick
        return urls, gaps

    urls, gaps = asyncio.run(crawl())
    assert len(urls) == PAGES + 1  # the root, then every file
    assert trips == [BATCH, BATCH, BATCH, 7, 0]
    assert len(gaps) >= len(trips)  # the loop turned between batches
    assert max(gaps) < 0.5


def test_start_requests_wait_for_room_in_the_scheduler(tmp_path):
    spider = make_spider(archive=str(write_mirror(tmp_path, START_QUEUE + 40)))
    engine = FakeEngine()
    spider.crawler.engine = engine
    spider.crawler.crawling = True
    queue = engine.scheduler.queue

    async def take(start, count: int) -> None:
        for _ in range(count):
            queue.append(await anext(start))

    async def crawl() -> None:
        start = spider.start()
        await take(start, START_QUEUE)
        waiting = asyncio.ensure_future(take(start, 1))
        await asyncio.sleep(0.3)
        assert not waiting.done() and len(queue) == START_QUEUE  # full: no request made
        del queue[:100]  # the downloader took some
        await asyncio.wait_for(waiting, 5)
        await take(start, 40)
        assert [r async for r in start] == []

    asyncio.run(crawl())
    assert len(queue) == START_QUEUE + 41 - 100  # every file and the root, each once
