"""Where a distributed run lives in Redis, and who this process is in it.

A run is named by the site and ``ARCHIVE_REDIS_RUN``: every key of it starts with
``archive-crawler:{<site key>:<run>}:`` (the braces keep a run's keys in one Redis Cluster slot,
which the Lua scripts need). The rate budgets are named by the archive's host instead, and by
``ARCHIVE_REDIS_EGRESS``: the Internet Archive counts requests per IP, whatever the site or run.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scrapy.settings import BaseSettings

from crawler.urls import site_urls

PREFIX = "archive-crawler"
LEASE_TIMEOUT = 15.0
"""Default ``ARCHIVE_REDIS_LEASE_TIMEOUT``."""


def redis_url(settings: BaseSettings) -> str:
    """``ARCHIVE_REDIS_URL``, else scrapy-redis's own ``REDIS_URL``; empty: no distributed run."""
    return (settings.get("ARCHIVE_REDIS_URL") or settings.get("REDIS_URL") or "").strip()


def worker_name() -> str:
    """Unique per process and readable in a log: host, PID and a random suffix (PIDs recur)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class Keys:
    """The Redis keys of one run."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.queue = f"{base}:queue"
        """scrapy-redis's priority queue (a sorted set of pickled requests)."""
        self.seen = f"{base}:seen"
        """scrapy-redis's dupefilter set: our canonical-URL fingerprints."""
        self.items = f"{base}:items"
        """The stream of items, from every worker to the writer."""
        self.cursor = f"{base}:cursor"
        """The last stream entry the writer has put through its pipelines."""
        self.workers = f"{base}:workers"
        """Workers now in the run (a dead one is removed once its leases are back in the queue)."""
        self.everyone = f"{base}:everyone"
        """Every worker that ever took part."""
        self.writer = f"{base}:writer"
        """The run lease: the worker that writes the dataset."""
        self.seeded = f"{base}:seeded"
        self.finished = f"{base}:finished"
        self.index = f"{base}:index"
        self.index_builder = f"{base}:index:builder"

    def of(self, kind: str, worker: str) -> str:
        """A per-worker key: ``lease`` (its requests in progress), ``alive``, ``stats``."""
        return f"{self.base}:{kind}:{worker}"

    def run_keys(self) -> list[str]:
        """The keys deleted when the run is over (per-worker keys are matched by pattern)."""
        return [self.queue, self.seen, self.items, self.cursor, self.workers, self.writer,
                self.seeded, self.index, self.index_builder]


@dataclass(frozen=True)
class RunConfig:
    """What ``settings.py`` says about the run (see its ``ARCHIVE_REDIS_*`` settings)."""

    url: str
    run: str
    site_key: str
    archive_host: str
    writer: bool = True
    """Whether this process may hold the run lease (and so write the dataset)."""
    egress: str = ""
    lease_timeout: float = LEASE_TIMEOUT
    worker: str = field(default_factory=worker_name)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RunConfig:
        archive = (settings.get("ARCHIVE") or "").strip()
        return cls(
            url=redis_url(settings),
            run=settings.get("ARCHIVE_REDIS_RUN") or "default",
            site_key=site_urls(settings.get("ARCHIVE_SITE") or "").key,
            archive_host=archive_host(archive),
            writer=settings.getbool("ARCHIVE_REDIS_WRITER", True),
            egress=settings.get("ARCHIVE_REDIS_EGRESS") or "",
            lease_timeout=settings.getfloat("ARCHIVE_REDIS_LEASE_TIMEOUT", LEASE_TIMEOUT),
        )

    @property
    def keys(self) -> Keys:
        return Keys(f"{PREFIX}:{{{self.site_key}:{self.run}}}")

    @property
    def budget_key(self) -> str:
        """One hash per archive host and egress: all runs through one IP share its budget."""
        return f"{PREFIX}:budget:{self.archive_host}:{self.egress or 'shared'}"


def archive_host(archive: str) -> str:
    """The host an ``ARCHIVE`` value sends requests to (``local`` for files and folders)."""
    if archive == "wayback":
        return "web.archive.org"
    if archive.startswith(("http://", "https://")):
        return urlsplit(archive).netloc.lower()
    return "live" if archive == "live" else "local"
