"""Coverage rows waiting to be written: a few hundred at most, whatever the size of the crawl."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from crawler.state.coverage import CaptureRow, CountRow, ListingRow, write_coverage

BATCH = 500
"""Rows written per transaction."""
REMEMBERED = 50_000
"""Printed counts remembered, so that the same count on every page's sidebar is written once;
past that the memory starts over (the store's upserts keep the rows right)."""


class Batch:
    """Pending rows; :meth:`full` says when to :meth:`write` them."""

    def __init__(self) -> None:
        self.captures: list[CaptureRow] = []
        self.listings: list[ListingRow] = []
        self.counts: dict[tuple[str, str, int], CountRow] = {}
        self.dirty: set[tuple[str, str, int]] = set()

    def full(self) -> bool:
        return len(self.captures) + len(self.listings) + len(self.dirty) >= BATCH

    def count(self, row: CountRow) -> None:
        """A count a widget printed: pending only if new, or seen earlier or later than before."""
        key = (row.what, row.term, row.count)
        known = self.counts.get(key)
        if known is not None:
            name = known.name or row.name
            first = _earliest(known.first_seen, row.first_seen)
            last = _latest(known.last_seen, row.last_seen)
            if (name, first, last) == (known.name, known.first_seen, known.last_seen):
                return  # the common case: the same sidebar on another page of the same capture
            row = replace(known, name=name, first_seen=first, last_seen=last)
        self.counts[key] = row
        self.dirty.add(key)

    def write(self, db: sqlite3.Connection | None, site: str, run: int | None) -> None:
        """Write the pending rows (inside the caller's transaction), or drop them (no *db*)."""
        captures, listings = self.captures, self.listings
        counts = [self.counts[key] for key in self.dirty]
        self.captures, self.listings, self.dirty = [], [], set()
        if len(self.counts) > REMEMBERED:
            self.counts.clear()
        if db is not None and run is not None:
            write_coverage(db, site, run, captures, listings, counts)

    def __bool__(self) -> bool:
        return bool(self.captures or self.listings or self.dirty)


def _earliest(a: str | None, b: str | None) -> str | None:
    return min(a, b) if a and b else a or b


def _latest(a: str | None, b: str | None) -> str | None:
    return max(a, b) if a and b else a or b
