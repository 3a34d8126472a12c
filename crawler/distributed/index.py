"""The capture index, loaded once per run and shared: workers never repeat the CDX queries.

The first worker to need the index takes the builder mark and loads it (CDX queries through the
shared budget, or a scan of the WARC files); the others wait for its copy in Redis. A builder
that dies before it is done leaves the mark to the next worker that finds it silent.
"""

from __future__ import annotations

import asyncio
import logging
import pickle
import zlib
from collections.abc import Awaitable, Callable
from typing import Any

from crawler.distributed.config import Keys

logger = logging.getLogger(__name__)

POLL = 0.2
"""Seconds between two looks for the builder's copy."""


class SharedIndex:
    """``await get(load)``: the run's index, loaded here only if nobody else is loading it."""

    def __init__(self, server: Any, keys: Keys, worker: str) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker

    async def get(self, load: Callable[[], Awaitable[Any]]) -> Any:
        while True:
            data = self.server.get(self.keys.index)
            if data is not None:
                return pickle.loads(zlib.decompress(data))  # noqa: S301 (the run's own copy)
            if self._claim():
                index = await load()
                blob = zlib.compress(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL), 1)
                self.server.set(self.keys.index, blob)
                logger.info("Capture index shared with the run's workers (%d KB)",
                            len(blob) // 1024)
                return index
            await asyncio.sleep(POLL)

    def _claim(self) -> bool:
        """Take the builder mark if it is free, or if its holder stopped answering."""
        if self.server.set(self.keys.index_builder, self.worker, nx=True):
            return True
        holder = self.server.get(self.keys.index_builder)
        if holder is None or self.server.exists(self.keys.of("alive", holder.decode())):
            return False
        logger.warning("The worker loading the capture index stopped answering: loading it here")
        return bool(self.server.set(self.keys.index_builder, self.worker))
