"""The limiter's rules on a fake clock: budgets, Retry-After, backoffs, blocks."""

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from scrapy.exceptions import IgnoreRequest

from crawler.sources.ratelimit import (
    INDEX,
    PAGE,
    RateLimiter,
    interruptible_sleep,
    parse_retry_after,
)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.now += seconds


class Stats(dict):
    def inc_value(self, key, count=1, start=0):
        self[key] = self.get(key, start) + count


def limiter(**kwargs):
    clock, stats = Clock(), Stats()
    return (
        RateLimiter({INDEX: 24, PAGE: 240}, clock=clock, sleep=clock.sleep, stats=stats, **kwargs),
        clock,
        stats,
    )


def times_of(limiter, clock, budget, n):
    async def run():
        sent = []
        for _ in range(n):
            await limiter.acquire(budget)
            sent.append(clock.now)
        return sent

    return asyncio.run(run())


def test_each_budget_spaces_its_own_requests():
    lim, clock, stats = limiter()
    assert times_of(lim, clock, INDEX, 3) == [1000.0, 1002.5, 1005.0]  # 24/min
    start = clock.now
    sent = times_of(lim, clock, PAGE, 3)
    assert [round(t - start, 3) for t in sent] == [0.0, 0.25, 0.5]  # 240/min, not held by INDEX
    assert stats["archive/ratelimit/index/waits"] == 2
    assert stats["archive/ratelimit/index/requests"] == 3


def test_zero_means_no_limit():
    clock = Clock()
    lim = RateLimiter({PAGE: 0}, clock=clock, sleep=clock.sleep)
    assert times_of(lim, clock, PAGE, 3) == [1000.0] * 3


def test_429_without_retry_after_pauses_everything_at_least_the_minimum_and_doubles():
    lim, clock, stats = limiter()
    ticket = asyncio.run(lim.acquire(PAGE))
    assert lim.throttled(ticket, 429, None, "u") == 60
    assert times_of(lim, clock, INDEX, 1) == [1060.0]
    ticket = asyncio.run(lim.acquire(PAGE))
    assert lim.throttled(ticket, 429, None, "u") == 120
    lim.succeeded(asyncio.run(lim.acquire(PAGE)))
    assert lim.throttled(asyncio.run(lim.acquire(PAGE)), 429, None, "u") == 60
    assert stats["archive/ratelimit/429"] == 3 and stats["archive/ratelimit/pauses"] == 3


def test_retry_after_is_honoured():
    lim, clock, _ = limiter()
    assert lim.throttled(asyncio.run(lim.acquire(PAGE)), 429, "7", "u") == 7
    assert times_of(lim, clock, PAGE, 1) == [1007.0]


def test_many_requests_failing_together_escalate_once():
    lim, clock, _ = limiter()

    async def three():
        return [await lim.acquire(PAGE) for _ in range(3)]

    tickets = asyncio.run(three())
    delays = [lim.throttled(t, 503, None, "u") for t in tickets]
    assert delays[0] == 15 and lim.strikes["throttled"] == 1
    assert all(d <= 15 for d in delays[1:])


def test_refused_connection_is_a_block_with_a_long_pause():
    lim, clock, stats = limiter()
    ticket = asyncio.run(lim.acquire(PAGE))
    assert lim.refused(ticket, "u") == 3600
    assert times_of(lim, clock, PAGE, 1)[0] >= 1000 + 3600
    assert lim.refused(asyncio.run(lim.acquire(PAGE)), "u") == 7200  # doubling, like IA's block
    assert stats["archive/ratelimit/blocked"] == 2 and stats["archive/ratelimit/refused"] == 2


def test_pauses_are_capped():
    lim, _, _ = limiter(backoff_max=100)
    assert lim.refused(asyncio.run(lim.acquire(PAGE)), "u") == 100
    assert lim.throttled(asyncio.run(lim.acquire(PAGE)), 429, "99999", "u") == 100


def test_parse_retry_after():
    now = datetime(2020, 1, 1, tzinfo=UTC)
    assert parse_retry_after("120", now.timestamp()) == 120
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(later, now.timestamp()) == 30
    assert parse_retry_after(None, 0) is None and parse_retry_after("soon", 0) is None


def test_interruptible_sleep_gives_up_when_the_crawl_stops():
    state = {"running": True}
    sleep = interruptible_sleep(lambda: state["running"], step=0.01)

    async def stop_soon():
        await asyncio.sleep(0.05)
        state["running"] = False

    async def main():
        asyncio.get_running_loop().create_task(stop_soon())
        started = time.monotonic()
        with pytest.raises(IgnoreRequest):
            await sleep(3600)
        return time.monotonic() - started

    assert asyncio.run(main()) < 1.0


class BusyLoop:
    """Virtual time for many requests waiting at once, on an event loop so busy that every
    third sleep ends *late* seconds after it should (the others on time)."""

    def __init__(self, late):
        self.now, self.late, self.timers, self.count = 1000.0, late, [], 0

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        wake = asyncio.get_running_loop().create_future()
        self.count += 1
        late = self.late if self.count % 3 == 0 else 0.0
        heapq.heappush(self.timers, (self.now + seconds + late, self.count, wake))
        await wake

    def run(self, limiter, budget, n):
        async def one(sent):
            await limiter.acquire(budget)
            sent.append(self.now)

        async def drive():
            sent = []
            tasks = [asyncio.ensure_future(one(sent)) for _ in range(n)]
            while not all(task.done() for task in tasks):
                for _ in range(3):
                    await asyncio.sleep(0)  # every woken request runs to its next wait
                if self.timers:
                    when, _, wake = heapq.heappop(self.timers)
                    self.now = max(self.now, when)
                    wake.set_result(None)
            return sent

        return asyncio.run(drive())


@pytest.mark.parametrize("late", [0.0, 0.02, 0.1, 0.3])
def test_a_busy_loop_delays_requests_but_never_wastes_a_slot(late):
    loop = BusyLoop(late)
    lim = RateLimiter({PAGE: 240}, clock=loop, sleep=loop.sleep)  # one every 0.25 s
    sent = loop.run(lim, PAGE, 40)
    gaps = [b - a for a, b in itertools.pairwise(sent)]
    assert len(sent) == 40
    assert min(gaps) >= 0.25 - 1e-9  # never faster than the budget
    # each request costs its interval and, at most, the loop's lateness once
    assert sent[-1] - sent[0] <= 39 * (0.25 + late) + 1e-6, (late, sent[-1] - sent[0])
