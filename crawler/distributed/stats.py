"""One set of stats for a run of many workers.

Each worker publishes its own counts to Redis every second (and when it closes). The run's
totals add up what happened on every worker that took part (pages fetched, links refused,
rate-limit waits...), dead ones included, and take what happened to items from the writer alone:
only the writer runs the item pipelines, and a writer that took over read the whole stream of
items again, so a dead writer's item counts are already in its successor's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from redis import Redis

from crawler.distributed.config import Keys

ITEM_SIDE = (
    "item_scraped_count", "item_dropped_count", "item_dropped_reasons_count/",
    "archive/posts/", "archive/duplicates/", "archive/state/", "archive/comments/unique",
    "archive/comments/merged", "archive/comments/replaced", "archive/comments/scraped",
    "archive/comments/missing_parent", "archive/comments/posts_incomplete", "archive/validate/",
    "archive/dropped/", "archive/merge/", "feedexport/",
)
"""Stats that count what the item pipelines and feeds did: the writer's own."""
OWN_PAGES = "archive/distributed/pages_here"
"""Pages this process fetched itself (its final stats are the run's)."""
WORKERS_STAT = "archive/distributed/workers"
"""How many workers took part in the run (in the writer's final stats)."""


OWN = ("elapsed_time_seconds", "memusage/")
"""Numbers that mean nothing added up: each process keeps its own."""


def is_item_side(key: str) -> bool:
    return key.startswith(ITEM_SIDE)


def snapshot(stats: Mapping[str, Any]) -> str:
    """A worker's numeric stats as JSON (times, reasons and memory stay in its own log)."""
    return json.dumps({k: v for k, v in stats.items() if _number(v) and not k.startswith(OWN)})


def publish(server: Redis, keys: Keys, worker: str, stats: Mapping[str, Any]) -> None:
    server.set(keys.of("stats", worker), snapshot(stats))


def worker_stats(server: Any, keys: Keys) -> dict[str, dict[str, float]]:
    """Every participating worker's last published counts."""
    workers = sorted(w.decode() for w in server.smembers(keys.everyone))
    values = server.mget([keys.of("stats", w) for w in workers]) if workers else []
    return {w: json.loads(v) for w, v in zip(workers, values, strict=True) if v}


def totals(writer: Mapping[str, Any], workers: Mapping[str, Mapping[str, float]],
           took_part: int) -> dict[str, Any]:
    """The run's stats: the writer's item-side stats, everyone's crawl-side stats added up
    (non-numeric values are the writer's); *took_part* workers (one killed before it published
    anything has no stats, but took part)."""
    result = {k: v for k, v in writer.items() if is_item_side(k) or not _number(v)}
    for stats in workers.values():
        _add(result, (kv for kv in stats.items() if not is_item_side(kv[0])))
    result[WORKERS_STAT] = took_part
    return result


def _add(into: dict[str, Any], values: Iterable[tuple[str, float]]) -> None:
    for key, value in values:
        into[key] = into.get(key, 0) + value


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
