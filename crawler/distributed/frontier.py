"""The shared frontier: scrapy-redis's priority queue and dupefilter, with leases.

scrapy-redis pops a request by deleting it from the queue: a worker killed before it is done
with the request loses it. Here a pop moves the request into the worker's *lease* hash in the
same Lua call, and the request is done (acknowledged) only when everything its page gave is in
Redis: :meth:`LeasedQueue.commit` deletes the lease, queues the page's new links (through the
dupefilter) and appends its items to the run's stream, all in one script, so a page's effects
happen once or not at all. The leases of a worker whose ``alive`` key expired go back to the
queue (:meth:`LeasedQueue.requeue`); a commit for a lease that was taken back is refused, and the
page's effects are left to the worker that reads it again.
"""

from __future__ import annotations

import pickle
import uuid
import zlib
from collections import deque
from collections.abc import Sequence
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue

from crawler.distributed.config import Keys

POP_BATCH = 4
"""Requests popped from the shared queue at once."""
LEASE_META = "archive_lease"
"""Request meta key holding the lease a popped request is held under."""

# KEYS: queue, lease hash, workers. ARGV: lease id prefix, worker, how many. The worker is
# (again) one the run waits for: one whose leases were taken back while it was busy, and that
# goes on, counts again.
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1], ARGV[3])
if #popped == 0 then return {} end
local taken = {}
for i = 1, #popped, 2 do
  local lease = ARGV[1] .. ':' .. i
  redis.call('HSET', KEYS[2], lease, popped[i], lease .. ':score', popped[i + 1])
  table.insert(taken, lease)
  table.insert(taken, popped[i])
end
redis.call('SADD', KEYS[3], ARGV[2])
return taken
"""

# KEYS: lease hash, queue, seen, items. ARGV: lease id ('' for none), number of requests, then
# (fingerprint or '' for dont_filter, score, request) per request, then one entry per item.
_COMMIT = """
if ARGV[1] ~= '' and redis.call('HDEL', KEYS[1], ARGV[1], ARGV[1] .. ':score') == 0 then
  return -1
end
local queued, at = 0, 3
for _ = 1, tonumber(ARGV[2]) do
  if ARGV[at] == '' or redis.call('SADD', KEYS[3], ARGV[at]) == 1 then
    redis.call('ZADD', KEYS[2], ARGV[at + 1], ARGV[at + 2])
    queued = queued + 1
  end
  at = at + 3
end
for i = at, #ARGV do redis.call('XADD', KEYS[4], '*', 'i', ARGV[i]) end
return queued
"""

# KEYS: lease hash, queue, workers, alive. ARGV: worker. Nothing happens while it is alive.
_REQUEUE = """
if redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
local held = redis.call('HGETALL', KEYS[1])
local back = 0
for i = 1, #held, 2 do
  local name = held[i]
  if string.sub(name, -6) ~= ':score' then
    redis.call('ZADD', KEYS[2], redis.call('HGET', KEYS[1], name .. ':score'), held[i + 1])
    back = back + 1
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return back
"""


def pack(item: Any) -> bytes:
    """An item as the stream carries it: pickled (it is a dataclass), then deflated (bodies are
    most of it, and compress several times over)."""
    return zlib.compress(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(data: bytes) -> Any:
    return pickle.loads(zlib.decompress(data))  # noqa: S301 (the run's own Redis, like scrapy-redis)


class LeaseLost(Exception):
    """The lease was taken back (the worker was silent too long): another worker has the
    request now, and this one's results must not count."""


class LeasedQueue(PriorityQueue):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis's :class:`PriorityQueue`, whose pop leases the request to one worker."""

    def __init__(self, server: Redis, spider: Spider, keys: Keys, worker: str) -> None:
        super().__init__(server, spider, keys.queue)
        self.keys = keys
        self.worker = worker
        self.lease_key = keys.of("lease", worker)
        self._pop = server.register_script(_POP)
        self._commit = server.register_script(_COMMIT)
        self._requeue = server.register_script(_REQUEUE)
        self._taken: deque[tuple[bytes, bytes]] = deque()
        """Requests popped (and leased) but not yet handed to the engine."""

    def pop(self, timeout: int = 0) -> Request | None:
        """The next request, leased. Taken :data:`POP_BATCH` at a time: a round trip to Redis
        blocks the reactor, and a worker killed with some in hand loses none of them."""
        if not self._taken:
            taken = self._pop(keys=[self.key, self.lease_key, self.keys.workers],
                              args=[uuid.uuid4().hex, self.worker, POP_BATCH])
            self._taken.extend(zip(taken[::2], taken[1::2], strict=True))
        if not self._taken:
            return None
        lease, data = self._taken.popleft()
        request: Request = self._decode_request(data)
        request.meta[LEASE_META] = lease.decode()
        return request

    def encode(self, request: Request) -> bytes:
        """A request as the queue keeps it, without the lease it may have been popped under."""
        lease = request.meta.pop(LEASE_META, None)
        try:
            return self._encode_request(request)  # type: ignore[no-any-return]
        finally:
            if lease is not None:
                request.meta[LEASE_META] = lease

    def commit(self, lease: str | None, requests: Sequence[tuple[str, Request]],
               items: Sequence[bytes]) -> int:
        """Acknowledge *lease* (if any), queue *requests* (``(fingerprint, request)``, an empty
        fingerprint for ``dont_filter``) that the dupefilter lets through, and append *items* to
        the stream, atomically. Returns how many requests were queued; raises
        :class:`LeaseLost` (and changes nothing) when the lease was taken back."""
        args: list[Any] = [lease or "", len(requests)]
        for fingerprint, request in requests:
            args += [fingerprint, -request.priority, self.encode(request)]
        args += items
        queued = self._commit(
            keys=[self.lease_key, self.key, self.keys.seen, self.keys.items], args=args)
        if queued == -1:
            raise LeaseLost(lease)
        return int(queued)

    def requeue(self, worker: str) -> int | None:
        """Put a dead worker's leased requests back; ``None`` while it is alive."""
        back = self._requeue(keys=[self.keys.of("lease", worker), self.key, self.keys.workers,
                                   self.keys.of("alive", worker)], args=[worker])
        return None if back == -1 else int(back)

    def leased(self) -> int:
        """Requests leased by the workers in the run, this one included."""
        workers = self.server.smembers(self.keys.workers)
        with self.server.pipeline(transaction=False) as pipe:
            for worker in workers:
                pipe.hlen(self.keys.of("lease", worker.decode()))
            return int(sum(pipe.execute())) // 2  # two fields per lease


class SharedDupeFilter(RFPDupeFilter):  # type: ignore[misc]  # scrapy-redis has no types
    """scrapy-redis's dupefilter with the crawl's own request fingerprints.

    scrapy-redis fingerprints with ``w3lib``'s ``canonicalize_url`` whatever
    ``REQUEST_FINGERPRINTER_CLASS`` says; ours (:mod:`crawler.fingerprint`) folds ``http``/
    ``https``, ``www.``, ``/amp/`` and tracking parameters, so a page is fetched once by all
    workers together. Never cleared when a worker closes: the set belongs to the run.
    """

    def __init__(self, server: Redis, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug)
        self.fingerprinter = fingerprinter

    def request_fingerprint(self, request: Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()  # type: ignore[no-any-return]

    def close(self, reason: str = "") -> None:
        """Keep the run's fingerprints (scrapy-redis deletes them)."""
