"""Figures about the captures the crawls met (``capture_log``), aggregated in SQL."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from crawler.progress import pages_fetched
from crawler.routing import LISTING_ROUTES

NOT_AFTERLIFE = ("real", "redirect", "error", "failed", "missing", "unavailable")
"""Verdicts that are not an afterlife kind (see :mod:`crawler.coverage.rows`)."""
_IS_AFTERLIFE = f"verdict NOT IN ({', '.join(repr(v) for v in NOT_AFTERLIFE)})"
_PAGE = (f"CASE WHEN route = 'POST' THEN 'post pages' WHEN route IN "
         f"({', '.join(repr(r) for r in LISTING_ROUTES)}) THEN 'listings' ELSE 'other' END")
_CLASS = ("CASE WHEN verdict = 'real' THEN 'real' WHEN verdict = 'redirect' THEN 'redirect' "
          "WHEN verdict IN ('error', 'failed') THEN 'error' ELSE 'afterlife' END")


def marks(sites: Sequence[str]) -> str:
    return ", ".join("?" * len(sites))


def per_month(db: sqlite3.Connection, sites: Sequence[str]) -> list[dict[str, Any]]:
    """Captures met (fetched, or passed over as a known afterlife payload) by month of capture,
    source, kind of page and verdict class (``real``, ``afterlife``, ``error``, ``redirect``)."""
    rows = db.execute(
        f"SELECT substr(captured_at, 1, 7) AS month, coalesce(source, '?'), {_PAGE}, {_CLASS}, "
        f"count(*) FROM capture_log WHERE site IN ({marks(sites)}) AND captured_at IS NOT NULL "
        "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4", list(sites))
    return [{"month": m, "source": s, "page": p, "verdict": v, "captures": n}
            for m, s, p, v, n in rows]


def undated(db: sqlite3.Connection, sites: Sequence[str]) -> dict[str, int]:
    """Captures without a time (mirror files), by source."""
    return dict(db.execute(
        f"SELECT coalesce(source, '?'), count(*) FROM capture_log WHERE site IN ({marks(sites)})"
        " AND captured_at IS NULL AND capture <> '' GROUP BY 1", list(sites)))


def life(db: sqlite3.Connection, sites: Sequence[str]) -> dict[str, Any]:
    """First and last real capture, and the first afterlife capture after the last real one."""
    first, last = db.execute(
        f"SELECT min(captured_at), max(captured_at) FROM capture_log WHERE site IN "
        f"({marks(sites)}) AND verdict = 'real' AND captured_at IS NOT NULL",
        list(sites)).fetchone()
    after = db.execute(
        f"SELECT min(captured_at) FROM capture_log WHERE site IN ({marks(sites)}) AND "
        f"{_IS_AFTERLIFE} AND captured_at > ?", [*sites, last or ""]).fetchone()[0]
    return {"first_real_capture": first, "last_real_capture": last,
            "first_afterlife_capture": after}


def afterlife_kinds(db: sqlite3.Connection, sites: Sequence[str]) -> list[dict[str, Any]]:
    """Captures judged afterlife pages, by kind: how many, at how many URLs, when."""
    rows = db.execute(
        f"SELECT verdict, count(*), count(DISTINCT url), sum(fetched), min(captured_at), "
        f"max(captured_at) FROM capture_log WHERE site IN ({marks(sites)}) AND {_IS_AFTERLIFE} "
        "AND capture <> '' GROUP BY verdict ORDER BY min(captured_at), verdict", list(sites))
    return [{"kind": k, "captures": n, "urls": u, "fetched": f, "first": a, "last": b}
            for k, n, u, f, a, b in rows]


def afterlife_pages(db: sqlite3.Connection, sites: Sequence[str]) -> list[dict[str, Any]]:
    """The afterlife pages the runs named (kind and title; catch-all pages the archive's index
    showed included), merged across runs."""
    pages: dict[tuple[str, str], dict[str, Any]] = {}
    for (found,) in db.execute(f"SELECT afterlife FROM run_details WHERE site IN "
                               f"({marks(sites)}) ORDER BY run", list(sites)):
        for page in json.loads(found):
            key = (page["kind"], page["title"])
            known = pages.setdefault(key, dict(page))
            known["urls"] = max(known["urls"], page["urls"])
            known["first"] = min(filter(None, (known["first"], page["first"])), default=None)
            known["last"] = max(filter(None, (known["last"], page["last"])), default=None)
    return sorted(pages.values(), key=lambda p: (p["first"] or "", p["kind"], p["title"]))


def runs(db: sqlite3.Connection, sites: Sequence[str]) -> list[dict[str, Any]]:
    """Every crawl of the site: when, from which archive and window, what it exported."""
    rows = db.execute(
        f"SELECT r.id, r.started_at, r.finished_at, r.reason, r.full_recrawl, d.archive, "
        f"d.window_from, d.window_to, d.exported, d.stats FROM runs r LEFT JOIN run_details d "
        f"ON d.run = r.id WHERE r.site IN ({marks(sites)}) ORDER BY r.id", list(sites))
    found = []
    for run, started, finished, reason, full, archive, since, until, exported, stats in rows:
        counts = json.loads(stats) if stats else {}
        found.append({
            "run": run, "started_at": started, "finished_at": finished, "finish_reason": reason,
            "full_recrawl": bool(full), "archive": archive, "from": since, "to": until,
            "exported": exported, "new": counts.get("archive/state/new"),
            "changed": counts.get("archive/state/changed"),
            "pages_fetched": _fetched(counts) if counts else None})
    return found


def _fetched(stats: dict[str, Any]) -> int:
    return pages_fetched(stats)
