"""The coverage tables of the state store (``schema._COVERAGE``): written in batches during a
crawl, read by ``scrapy report``.

Each write is an upsert, so a recrawl that meets the same capture, listing page or printed count
again adds no row: the tables grow with what the archive holds, not with the number of runs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from typing import Any

from crawler.state.schema import COVERAGE_TABLES


@dataclass
class CaptureRow:
    """One capture a crawl met for a URL (or the absence of one), and what came of it."""

    url: str
    capture: str
    """The capture's identity: its time, else its key (a mirror file); ``''``: none."""
    verdict: str
    served: bool
    fetched: bool
    route: str | None
    source: str | None
    captured_at: str | None
    status: int | None
    page_kind: str | None = None
    post_id: int | None = None
    referer: str | None = None


@dataclass(frozen=True)
class ListingRow:
    url: str
    capture: str
    listing: str
    kind: str
    page: int
    last_page: int
    entries: int
    sticky: int
    max_post_id: int | None
    captured_at: str | None


@dataclass(frozen=True)
class CountRow:
    what: str
    term: str
    count: int
    name: str
    first_seen: str | None
    last_seen: str | None


_CAPTURE = (
    "INSERT INTO capture_log (site, url, capture, verdict, served, fetched, route, source, "
    "captured_at, status, page_kind, post_id, referer, first_run, last_run) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (site, url, capture, verdict) DO UPDATE SET "
    "served = max(served, excluded.served), fetched = max(fetched, excluded.fetched), "
    "route = coalesce(route, excluded.route), status = coalesce(excluded.status, status), "
    "captured_at = coalesce(excluded.captured_at, captured_at), "
    "page_kind = coalesce(excluded.page_kind, page_kind), "
    "post_id = coalesce(excluded.post_id, post_id), referer = coalesce(referer, excluded.referer), "
    "last_run = excluded.last_run")
_LISTING = "INSERT OR REPLACE INTO listing_pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
_COUNT = (
    "INSERT INTO site_counts VALUES (?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (site, what, term, count) DO UPDATE SET name = coalesce(name, excluded.name), "
    "first_seen = min(coalesce(first_seen, excluded.first_seen), "
    "coalesce(excluded.first_seen, first_seen)), "
    "last_seen = max(coalesce(last_seen, excluded.last_seen), "
    "coalesce(excluded.last_seen, last_seen))")


def write_coverage(db: sqlite3.Connection, site: str, run: int, captures: Iterable[CaptureRow],
                   listings: Iterable[ListingRow], counts: Iterable[CountRow]) -> None:
    """Upsert a batch of rows (inside the caller's transaction)."""
    db.executemany(_CAPTURE, ((site, r.url, r.capture, r.verdict, int(r.served), int(r.fetched),
                               r.route, r.source, r.captured_at, r.status, r.page_kind,
                               r.post_id, r.referer, run, run) for r in captures))
    db.executemany(_LISTING, ((site, *astuple(r), run) for r in listings))
    db.executemany(_COUNT, ((site, *astuple(r)) for r in counts))


def write_run_details(db: sqlite3.Connection, run: int, site: str, *, archive: str,
                      window: tuple[str | None, str | None], exported: int,
                      stats: dict[str, Any], afterlife: list[dict[str, Any]]) -> None:
    """What a run read and exported, beside its row in ``runs``."""
    db.execute("INSERT OR REPLACE INTO run_details VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (run, site, archive, window[0], window[1], exported,
                json.dumps(stats, sort_keys=True, default=str), json.dumps(afterlife)))


def coverage_tables(db: sqlite3.Connection) -> frozenset[str]:
    """The coverage tables a store has: none in a store no crawl has opened since they were
    added (it is read as it is: ``scrapy report`` may not write)."""
    names = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return COVERAGE_TABLES & names
