"""How a crawl becomes part of a distributed run: settings changed before the crawler is built.

Called from the spider's ``update_settings`` (Scrapy's hook while a crawl's settings can still
change). Without ``ARCHIVE_REDIS_URL``/``REDIS_URL`` it changes nothing: the crawl is today's
single process. With it, this process joins the run and learns its role there, because the role
decides what is built: only the run's *writer* (the holder of the run lease) opens the state
store, takes its lock and writes feeds; every other worker runs neither, and hands what its pages
give to the writer through Redis.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.settings import BaseSettings

from crawler.distributed.config import RunConfig, redis_url
from crawler.feedcheck import comments_wanted

if TYPE_CHECKING:  # redis is imported only by a distributed run's own modules
    from redis import Redis

logger = logging.getLogger(__name__)

READ_COMMENTS_SETTING = "ARCHIVE_REDIS_READ_COMMENTS"
"""Set on a worker: whether the writer's store or feeds take comments (the spider reads them
then), since the worker's own settings no longer say."""
PRIORITY = "cmdline"
"""Over everything: a worker must not write a feed or open the store whatever it was given."""

COMPONENTS = {
    "SCHEDULER": "crawler.distributed.scheduler.SharedScheduler",
    "SPIDER_MIDDLEWARES": {
        # Outermost (below Scrapy's start middleware at 25): takes everything a page gave.
        "crawler.distributed.relay.PageRelay": 5,
        # Pages are parsed on every worker, items written by one: a capture's links and its
        # post's commit no longer meet in one process (README: distributed runs).
        "crawler.state.middleware.CaptureRecorderMiddleware": None,
        "crawler.coverage.CoverageSpiderMiddleware": None,
    },
    "DOWNLOADER_MIDDLEWARES": {
        "crawler.distributed.relay.LeaseRelease": 1,
        "crawler.coverage.CoverageDownloaderMiddleware": None,
    },
    "EXTENSIONS": {
        # First: it decides the role before the feeds and the state store are built, and its
        # spider_closed handler puts the run's totals in the stats they read.
        "crawler.distributed.run.DistributedRun": -100,
        "crawler.coverage.CoverageRecorder": None,
    },
}
def configure(settings: BaseSettings) -> bool:
    """Put the distributed components in *settings* when they name a Redis server (returns
    whether they do); without one, nothing changes. The role is decided later
    (:func:`assign_role`), once ``-a`` arguments have named the site."""
    if not redis_url(settings):
        return False
    for name, value in COMPONENTS.items():
        if isinstance(value, dict):
            merged = dict(settings.getdict(name))
            merged.update(value)
            settings.set(name, merged, priority=PRIORITY)
        else:
            settings.set(name, value, priority=PRIORITY)
    return True


def assign_role(settings: BaseSettings, server: Redis, config: RunConfig) -> bool:
    """Take the run lease if it is free (returns whether this process is now the writer). A
    worker keeps no state store and writes no feed, but reads what they would take."""
    writer = config.writer and claim_writer(server, config)
    if not writer:
        settings.set(READ_COMMENTS_SETTING, comments_wanted(settings), priority=PRIORITY)
        settings.set("ARCHIVE_STATE", "", priority=PRIORITY)
        settings.set("FEEDS", {}, priority=PRIORITY)
    logger.info("Distributed run %s (%s): this process, %s, is %s", config.run, config.url,
                config.worker, "the writer" if writer else "a worker")
    return writer


def claim_writer(server: Redis, config: RunConfig) -> bool:
    """Take the run lease if nobody holds it. Not in the minute after the run finished: a
    worker started late must not start the whole crawl again (it stops at once instead)."""
    keys = config.keys
    if server.exists(keys.finished):
        logger.warning("Run %s finished moments ago: nothing to do (another run of the site can "
                       "start in a minute, or now with another ARCHIVE_REDIS_RUN)", config.run)
        return False
    taken = server.set(keys.writer, config.worker, nx=True,
                       px=int(config.lease_timeout * 1000))
    return bool(taken)
