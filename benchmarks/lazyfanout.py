"""The patch to Scrapy proposed by ``benchmarks/fanout.py``, loadable into a crawl as an
extension (``benchmarks.lazyfanout.LazyFanOut``): Scrapy's per-response fan-out with its worker
tasks started lazily."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable
from typing import Any

from scrapy.utils.asyncgen import as_async_generator
from scrapy.utils.asyncio import _QUEUE_END, _QueueEnd


async def lazy_parallel_asyncio(iterable: Iterable[Any] | AsyncIterator[Any], count: int,
                                callable_: Callable[..., Coroutine[Any, Any, None]],
                                *args: Any, **kwargs: Any) -> None:
    """Scrapy 2.19's ``scrapy.utils.asyncio._parallel_asyncio`` with workers started as
    outputs come (at most *count*) and the queue filled by the caller's own task."""
    queue: asyncio.Queue[Any] = asyncio.Queue(count * 2)

    async def worker() -> None:
        while True:
            item = await queue.get()
            if isinstance(item, _QueueEnd):
                break
            try:
                await callable_(item, *args, **kwargs)
            finally:
                queue.task_done()

    workers: list[asyncio.Task[None]] = []
    async for item in as_async_generator(iterable):
        if len(workers) < count:
            workers.append(asyncio.create_task(worker()))
        await queue.put(item)
    for _ in workers:
        await queue.put(_QUEUE_END)
    if workers:
        await asyncio.wait(workers)


class LazyFanOut:
    """An extension that, loaded, puts :func:`lazy_parallel_asyncio` in Scrapy's scraper."""

    def __init__(self) -> None:
        import scrapy.core.scraper

        scrapy.core.scraper._parallel_asyncio = lazy_parallel_asyncio  # type: ignore[assignment]
