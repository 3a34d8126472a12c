"""A test-only add-on that ends the crawl with SIGKILL at a chosen point, repeatably.

``-s ADDONS={"tests.state.killer.KillSwitch": 0} -s KILL_AT=<point>:<n>`` kills the process
the n-th time the crawl reaches <point>:

* ``item``: an item was passed to the feeds (mid-crawl);
* ``committed``: a post was committed to the store, its capture not yet recorded;
* ``capture``: a post page's capture was recorded;
* ``feed``: the feed is written in full but not yet renamed into place.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from scrapy import signals

from crawler import feedstorage
from crawler.state.store import StateStore
from crawler.state.tracking import PageTracker


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class KillSwitch:
    """The add-on: enables :class:`Killer` when ``KILL_AT`` is set."""

    def update_settings(self, settings: Any) -> None:
        if settings.get("KILL_AT"):
            settings["EXTENSIONS"]["tests.state.killer.Killer"] = 0


class Killer:
    def __init__(self, point: str, n: int) -> None:
        self.point, self.n, self.seen = point, n, 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> Killer:
        point, _, n = crawler.settings["KILL_AT"].partition(":")
        killer = cls(point, int(n or 1))
        if point == "item":
            crawler.signals.connect(killer.count, signal=signals.item_scraped)
        elif point == "committed":
            killer.wrap(PageTracker, "item_done", before=True)
        elif point == "capture":
            killer.wrap(StateStore, "record_capture", before=False)
        elif point == "feed":
            killer.wrap(feedstorage, "replace_atomically", before=True)
        else:
            raise ValueError(f"KILL_AT: unknown point {point!r}")
        return killer

    def count(self, *args: Any, **kwargs: Any) -> None:
        self.seen += 1
        if self.seen >= self.n:
            _die()

    def wrap(self, owner: Any, name: str, before: bool) -> None:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if before:
                self.count()
            result = original(*args, **kwargs)
            if not before:
                self.count()
            return result

        setattr(owner, name, wrapper)
