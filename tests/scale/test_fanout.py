"""The lazy fan-out proposed to Scrapy (``benchmarks/lazyfanout.py``) does what Scrapy's does:
every output handed on once, in order, at most ``count`` at a time, and no task for none."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.lazyfanout import lazy_parallel_asyncio


@pytest.mark.parametrize(("outputs", "count"), [(0, 100), (1, 100), (7, 100), (250, 100),
                                                (5, 1)])
def test_lazy_fan_out_hands_every_output_on_with_bounded_parallelism(outputs, count):
    seen, running, most = [], [0], [0]

    async def handle(item, tag):
        running[0] += 1
        most[0] = max(most[0], running[0])
        await asyncio.sleep(0)
        seen.append((item, tag))
        running[0] -= 1

    async def go():
        before = len(asyncio.all_tasks())
        await lazy_parallel_asyncio(iter(range(outputs)), count, handle, "t")
        return len(asyncio.all_tasks()) - before

    left = asyncio.run(go())
    assert sorted(seen) == [(i, "t") for i in range(outputs)]
    assert most[0] == min(outputs, count)
    assert left == 0
