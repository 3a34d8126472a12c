"""One polite budget for every worker: the archive rate limiter's state, kept in Redis.

:class:`~crawler.sources.ratelimit.RateLimiter` spaces one process's archive requests and
pauses them all after trouble; N processes with one each would send N times the budget (the
Internet Archive counts per IP, and blocks the IP). Here the same rules hold for all workers
together: the slots of each budget are handed out by Redis, a request is let go only when the
last one sent by *any* worker is a full interval old, and a 429/503/refusal seen by one worker
pauses all of them (its epoch, strikes and ``paused_until`` are shared). Times are Redis's own
clock (``TIME``), so workers on several machines agree on them.

The state is per archive host and egress (:attr:`RunConfig.budget_key`): runs of different sites
through one IP share the IP's budget too.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from redis import Redis
from scrapy.settings import BaseSettings

from crawler.distributed.config import RunConfig
from crawler.sources.ratelimit import RateLimiter, Ticket, limiter_options

# KEYS: state hash. ARGV: budget, interval. -> {seconds to wait, epoch}
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local start = math.max(now, tonumber(redis.call('HGET', KEYS[1], 'paused_until') or 0),
                       tonumber(redis.call('HGET', KEYS[1], 'next:' .. ARGV[1]) or 0))
redis.call('HSET', KEYS[1], 'next:' .. ARGV[1], tostring(start + tonumber(ARGV[2])))
return {tostring(start - now), tonumber(redis.call('HGET', KEYS[1], 'epoch') or 0)}
"""

# KEYS: state hash. ARGV: budget, interval, epoch. -> {0 sent / 1 too early / 2 paused since,
# seconds to wait}. The request is let go only if no pause began since its slot was given and the
# last request of the budget (any worker's) was let go a full interval ago.
_CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
if tonumber(redis.call('HGET', KEYS[1], 'epoch') or 0) ~= tonumber(ARGV[3]) then
  return {2, '0'}
end
local due = tonumber(redis.call('HGET', KEYS[1], 'sent:' .. ARGV[1]) or -1e18) + tonumber(ARGV[2])
if now < due then return {1, tostring(due - now)} end
redis.call('HSET', KEYS[1], 'sent:' .. ARGV[1], tostring(now))
return {0, '0'}
"""

# KEYS: state hash. ARGV: strike kind, epoch. Counts a strike once per pause period.
_STRIKE = """
if tonumber(redis.call('HGET', KEYS[1], 'epoch') or 0) == tonumber(ARGV[2]) then
  return redis.call('HINCRBY', KEYS[1], 'strikes:' .. ARGV[1], 1)
end
return tonumber(redis.call('HGET', KEYS[1], 'strikes:' .. ARGV[1]) or 0)
"""

# KEYS: state hash. ARGV: delay, epoch, budgets... -> {1 paused / 0 already pausing, seconds left}
_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1e6
local until_ = tonumber(redis.call('HGET', KEYS[1], 'paused_until') or 0)
if tonumber(redis.call('HGET', KEYS[1], 'epoch') or 0) ~= tonumber(ARGV[2]) then
  return {0, tostring(math.max(until_ - now, 0))}
end
until_ = math.max(until_, now + tonumber(ARGV[1]))
redis.call('HSET', KEYS[1], 'paused_until', tostring(until_))
redis.call('HINCRBY', KEYS[1], 'epoch', 1)
for i = 3, #ARGV do redis.call('HSET', KEYS[1], 'next:' .. ARGV[i], tostring(until_)) end
return {1, ARGV[1]}
"""

# KEYS: state hash. ARGV: epoch. A success in the current period forgives the strikes.
_SUCCEED = """
if tonumber(redis.call('HGET', KEYS[1], 'epoch') or 0) == tonumber(ARGV[1]) then
  redis.call('HDEL', KEYS[1], 'strikes:throttled', 'strikes:blocked')
end
return 0
"""


class SharedRateLimiter(RateLimiter):
    """:class:`RateLimiter` whose slots, pauses and strikes are shared through Redis."""

    def __init__(self, server: Redis, key: str, per_minute: dict[str, float],
                 **kwargs: Any) -> None:
        super().__init__(per_minute, **kwargs)
        self.server = server
        self.key = key
        self._reserve = server.register_script(_RESERVE)
        self._claim = server.register_script(_CLAIM)
        self._strike = server.register_script(_STRIKE)
        self._pause_script = server.register_script(_PAUSE)
        self._succeed = server.register_script(_SUCCEED)

    @classmethod
    def shared(cls, settings: BaseSettings, stats: Any,
               sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> SharedRateLimiter:
        """The budget of the run's archive host and egress (see the module)."""
        config = RunConfig.from_settings(settings)
        return cls(Redis.from_url(config.url), config.budget_key, **limiter_options(settings),
                   stats=stats, sleep=sleep)

    async def acquire(self, budget: str) -> Ticket:
        interval = self.budgets[budget].interval
        self._inc(f"{budget}/requests")
        waited = 0.0
        while True:
            wait, epoch = self._reserve(keys=[self.key], args=[budget, interval])
            wait = float(wait)
            while True:
                if wait > 0:
                    waited += wait
                    await self.sleep(wait)
                outcome, wait = self._claim(keys=[self.key], args=[budget, interval, epoch])
                wait = float(wait)
                if outcome != 1:  # sent, or a pause began: take a new slot after it
                    break
            if outcome == 0:
                break
        self.epoch = int(epoch)
        if waited:
            self._inc(f"{budget}/waits")
            self._inc(f"{budget}/wait_seconds", round(waited, 3))
        return Ticket(budget, self.epoch)

    def succeeded(self, ticket: Ticket) -> None:
        self._succeed(keys=[self.key], args=[ticket.epoch])

    def _escalate(self, ticket: Ticket, kind: str, base: float) -> float:
        strikes = int(self._strike(keys=[self.key], args=[kind, ticket.epoch]))
        return min(base * 2.0 ** max(strikes - 1, 0), self.backoff_max)

    def _pause(self, ticket: Ticket, delay: float, why: str, *, log: bool = True) -> float:
        delay = min(max(delay, 0.0), self.backoff_max)
        paused, left = self._pause_script(keys=[self.key],
                                          args=[delay, ticket.epoch, *self.budgets])
        if not paused:
            return float(left)
        self.epoch = ticket.epoch + 1
        self._log_pause(delay, why, log)
        return delay
