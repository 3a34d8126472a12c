"""One rate limiter for every request a source sends to an archive.

The Internet Archive allows its CDX API about 30 requests a minute and page fetches about 8 a
second, and when 429s keep coming it blocks the IP at the firewall for an hour (doubling on
repeat): connections are then refused. So each kind of request has its own budget (a minimum
interval between two sends), and any sign of trouble pauses *all* archive requests: a 429 for
``Retry-After`` seconds or at least ``ARCHIVE_BACKOFF_429``, a 503 or a network error for
``ARCHIVE_BACKOFF_503``, a refused connection for ``ARCHIVE_BACKOFF_BLOCKED``. Pauses double while
trouble repeats and reset after a success. Retries wait on the budget like any request, so nothing
is ever sent faster than it allows.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy.exceptions import IgnoreRequest
from scrapy.settings import BaseSettings

from crawler.distributed.config import redis_url

logger = logging.getLogger(__name__)

INDEX = "index"
PAGE = "page"


@dataclass
class _Budget:
    interval: float
    next_at: float = 0.0
    """The next free slot (reservations are handed out in order)."""
    released: float = float("-inf")
    """When the last request was let go (a late wake-up must not shorten the next interval)."""


@dataclass(frozen=True)
class Ticket:
    """Handed out by :meth:`RateLimiter.acquire`; says which pause period a request was sent in,
    so that many requests failing together escalate the backoff once, not once each."""

    budget: str
    epoch: int


class RateLimiter:
    """Budgets per kind of request (requests per minute; 0: unlimited) and shared backoffs."""

    def __init__(
        self,
        per_minute: dict[str, float],
        *,
        backoff_429: float = 60.0,
        backoff_503: float = 15.0,
        backoff_blocked: float = 3600.0,
        backoff_max: float = 4 * 3600.0,
        stats: Any = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.budgets = {
            name: _Budget(60.0 / rate if rate > 0 else 0.0) for name, rate in per_minute.items()
        }
        self.backoff = {"429": backoff_429, "503": backoff_503, "blocked": backoff_blocked}
        self.backoff_max = backoff_max
        self.stats = stats
        self.clock = clock
        self.sleep = sleep
        self.paused_until = 0.0
        self.epoch = 0
        self.strikes = {"throttled": 0, "blocked": 0}

    @classmethod
    def from_settings(cls, settings: BaseSettings, stats: Any,
                      sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> RateLimiter:
        """The limiter the settings ask for: in a distributed run (a Redis URL), the one budget
        all its workers share (``crawler.distributed.budget``)."""
        if redis_url(settings):
            from crawler.distributed.budget import SharedRateLimiter
            return SharedRateLimiter.shared(settings, stats, sleep)
        return cls(**limiter_options(settings), stats=stats, sleep=sleep)

    async def acquire(self, budget: str) -> Ticket:
        """Wait until a request of kind *budget* may be sent.

        Slots are reserved in order, and a request goes when its slot comes, and no sooner than
        one interval after the request before it actually went: a busy event loop that wakes a
        request late delays the next ones by that much, never shortens an interval, and costs
        no slot (sending a late request to the back of the queue had wasted its slot: 12 of 20
        fetches a second on a loaded machine).
        """
        slot = self.budgets[budget]
        self._inc(f"{budget}/requests")
        waited = 0.0
        while True:
            now, epoch = self.clock(), self.epoch
            start = max(now, self.paused_until, slot.next_at, slot.released + slot.interval)
            slot.next_at = start + slot.interval
            while start > now and epoch == self.epoch:
                waited += start - now
                await self.sleep(start - now)
                now = self.clock()
                start = slot.released + slot.interval  # the one before went late: wait on
            if epoch == self.epoch:
                break
            # a pause began while we slept: queue again, after it
        slot.released = self.clock()
        if waited:
            self._inc(f"{budget}/waits")
            self._inc(f"{budget}/wait_seconds", round(waited, 3))
        return Ticket(budget, self.epoch)

    def succeeded(self, ticket: Ticket) -> None:
        if ticket.epoch == self.epoch:
            self.strikes = dict.fromkeys(self.strikes, 0)

    def throttled(self, ticket: Ticket, status: int, retry_after: str | None, url: str) -> float:
        """The archive answered 429 or 5xx: pause, honouring ``Retry-After``. Returns the pause."""
        self._inc(str(status))
        given = parse_retry_after(retry_after, time.time())
        base = self.backoff["429" if status == 429 else "503"]
        delay = given if given is not None else self._escalate(ticket, "throttled", base)
        why = f"Retry-After: {retry_after}" if given is not None else "no Retry-After"
        return self._pause(ticket, delay, f"HTTP {status} ({why}) for {url}")

    def failed(self, ticket: Ticket, reason: str, url: str) -> float:
        """A timeout or a dropped connection: the archive is struggling; pause like a 503."""
        self._inc("errors")
        delay = self._escalate(ticket, "throttled", self.backoff["503"])
        return self._pause(ticket, delay, f"{reason} for {url}")

    def refused(self, ticket: Ticket, url: str) -> float:
        """A refused connection: the archive's firewall has most likely blocked this IP."""
        self._inc("refused")
        delay = self._escalate(ticket, "blocked", self.backoff["blocked"])
        if ticket.epoch == self.epoch:
            self._inc("blocked")
            logger.warning(
                "The archive refused the connection (%s): it has most likely blocked this IP for "
                "sending too many requests (the Internet Archive blocks for an hour, doubling on "
                "repeat). Pausing all archive requests for %.0f s; lower ARCHIVE_INDEX_RATE / "
                "ARCHIVE_PAGE_RATE before crawling again.",
                url,
                delay,
            )
        return self._pause(ticket, delay, f"connection refused for {url}", log=False)

    def _escalate(self, ticket: Ticket, kind: str, base: float) -> float:
        if ticket.epoch == self.epoch:
            self.strikes[kind] += 1
        return float(min(base * 2 ** max(self.strikes[kind] - 1, 0), self.backoff_max))

    def _pause(self, ticket: Ticket, delay: float, why: str, *, log: bool = True) -> float:
        if ticket.epoch != self.epoch:
            return max(self.paused_until - self.clock(), 0.0)  # already pausing for this
        delay = min(max(delay, 0.0), self.backoff_max)
        self.paused_until = max(self.paused_until, self.clock() + delay)
        self.epoch += 1
        for slot in self.budgets.values():
            slot.next_at = self.paused_until
        self._log_pause(delay, why, log)
        return delay

    def _log_pause(self, delay: float, why: str, log: bool) -> None:
        self._inc("pauses")
        self._inc("pause_seconds", round(delay, 3))
        if log:
            logger.warning(
                "Archive trouble: %s. Pausing all archive requests for %.1f s", why, delay
            )

    def _inc(self, name: str, value: float = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"archive/ratelimit/{name}", value)


def limiter_options(settings: BaseSettings) -> dict[str, Any]:
    """A :class:`RateLimiter`'s budgets and backoffs, from the ``ARCHIVE_*`` settings."""
    return {
        "per_minute": {
            INDEX: settings.getfloat("ARCHIVE_INDEX_RATE"),
            PAGE: settings.getfloat("ARCHIVE_PAGE_RATE"),
        },
        "backoff_429": settings.getfloat("ARCHIVE_BACKOFF_429"),
        "backoff_503": settings.getfloat("ARCHIVE_BACKOFF_503"),
        "backoff_blocked": settings.getfloat("ARCHIVE_BACKOFF_BLOCKED"),
        "backoff_max": settings.getfloat("ARCHIVE_BACKOFF_MAX"),
    }


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date); ``None`` if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.fromtimestamp(now, UTC)).total_seconds(), 0.0)


def interruptible_sleep(running: Callable[[], bool],
                        step: float = 1.0) -> Callable[[float], Awaitable[None]]:
    """A sleep that gives up (``IgnoreRequest``) once ``running()`` turns false.

    Backoffs last up to hours; Ctrl-C or ``systemctl stop`` must not wait for them: Scrapy's
    graceful shutdown waits for every request in progress, including one waiting here.
    """

    async def sleep(seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if not running():
                raise IgnoreRequest("the crawl is stopping")
            await asyncio.sleep(min(left, step))

    return sleep
