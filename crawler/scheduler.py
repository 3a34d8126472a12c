"""Where requests wait: Scrapy's scheduler, with the queue on disk and a compact seen-set.

A crawl's frontier (links found, not yet fetched) grows with the site. A WordPress site links
every post to its categories, tags, author and day archives, so a crawl finds listing pages far
faster than it can read them: from a mirror of 100,000 posts Scrapy's memory queue held 54,000
requests, and the crawl 318 MiB, a tenth of the way through (issue 14). Requests in a queue
cost ~3 KB each in memory (a ``Request``, its headers, its parsed URL); on disk, nothing.

:class:`DiskQueueScheduler` keeps Scrapy's disk queue on in every crawl: in ``JOBDIR`` when one
is set (Scrapy's pause and resume, unchanged: every request on disk), else in a temporary
folder deleted when the crawl ends, for the requests beyond ``ARCHIVE_QUEUE_MEMORY`` (2,000)
waiting in memory. The disk is for the overflow only: each read from Scrapy's disk queue
truncates its file, and on a disk busy with the state store's writes one truncate held the
reactor 0.98 s in a 100,000-post crawl.
``ARCHIVE_QUEUE_ON_DISK = False`` keeps every request in memory; a folder left by a killed
crawl is removed by the next. A request that cannot be pickled waits in memory, as with
``JOBDIR`` (counted in ``scheduler/unserializable``). Requests in memory are taken first.

:class:`CompactDupeFilter` is Scrapy's ``RFPDupeFilter`` (same ``JOBDIR`` file, same log
lines) holding 60 bits of each fingerprint in a :class:`crawler.seen.HashSet`: ~10 bytes a
request instead of ~150.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.core.scheduler import Scheduler
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.defer import deferred_from_coro

from crawler.seen import HashSet, bytes_key

if TYPE_CHECKING:
    from scrapy import Request
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

FAILED_REASON = "queue_failed"
"""Finish reason of a crawl stopped because its queue could not be written (exit status 1)."""
_PREFIX = "archive-queue-"
_OWNER = "owner.pid"
_SIZE_BYTES = 2
"""Bytes of the length before each fingerprint in ``JOBDIR/requests.seen`` (Scrapy's format)."""


class DiskQueueScheduler(Scheduler):
    """Scrapy's scheduler whose requests beyond a few thousand wait on disk (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self._failed = False
        settings = self.crawler.settings if self.crawler is not None else None
        on_disk = settings is None or settings.getbool("ARCHIVE_QUEUE_ON_DISK", True)
        self.memory_room = settings.getint("ARCHIVE_QUEUE_MEMORY", 2000) if settings else 0
        if self.dqdir is None and on_disk:
            remove_abandoned_queues()
            try:
                self._scratch = tempfile.TemporaryDirectory(prefix=_PREFIX)
                Path(self._scratch.name, _OWNER).write_text(str(os.getpid()), encoding="ascii")
            except OSError as exc:
                logger.warning("Requests wait in memory: no folder for them in %s (TMPDIR): %s",
                               tempfile.gettempdir(), exc)
            else:
                self.dqdir = self._scratch.name

    def enqueue_request(self, request: Request) -> bool:
        try:
            return super().enqueue_request(request)
        except OSError as exc:
            self._stop(exc)
            return False

    def _dqpush(self, request: Request) -> bool:
        if self._scratch is not None:
            if len(self.mqs) < self.memory_room:
                return False  # in memory: there is room
            if request.callback is None:
                # In memory: `scrapy shell` sets a request's callback after queuing it, so a
                # copy read back from disk would have none (Scrapy's own shell fails so with
                # JOBDIR). The spider's own requests all name their callback.
                return False
        return super()._dqpush(request)

    def next_request(self) -> Request | None:
        try:
            return super().next_request()
        except OSError as exc:
            self._stop(exc)
            return None

    def close(self, reason: str) -> Deferred[None] | None:
        try:
            return super().close(reason)
        except OSError:
            if self._scratch is None or not self._failed:
                raise  # JOBDIR's state, which a resumed crawl needs
            return None  # the folder goes next: nothing to save
        finally:
            if self._scratch is not None:
                self._scratch.cleanup()
                self._scratch = None

    def _stop(self, error: OSError) -> None:
        """The queue's folder cannot be written (a full ``TMPDIR``): stop the crawl at once, as
        when the merge spool beside it cannot be, rather than fail request after request.
        Nothing was delivered, so the next run reads the same pages again."""
        if self._failed:
            return
        self._failed = True
        if self.stats is not None:
            self.stats.set_value("archive/queue_failed", 1)
        logger.error("Requests cannot wait in %s (%s): %s; stopping the crawl", self.dqdir,
                     "TMPDIR" if self._scratch is not None else "JOBDIR", error)
        if self.crawler is not None and self.crawler.engine is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=FAILED_REASON))


def remove_abandoned_queues() -> None:
    """Delete the queue folders of crawls killed before they could (``kill -9``, a power cut):
    those whose owner process is gone. Each is a crawl's leftover frontier, tens of MB at most,
    that nothing reads again (the state store says what is left to fetch)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            owner = int(Path(folder, _OWNER).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not ours, or being created this instant
        if not _alive(owner):
            shutil.rmtree(folder, ignore_errors=True)
            logger.info("Removed %s, the request queue of a crawl that was killed", folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's live process
    return True


class CompactDupeFilter(RFPDupeFilter):
    """Scrapy's fingerprint dupefilter, each fingerprint kept as 60 bits (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seen = HashSet()
        for fingerprint in self._fingerprints:  # read back from JOBDIR on a resumed crawl
            self._seen.add(bytes_key(fingerprint))
        self._fingerprints = set()

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.fingerprinter.fingerprint(request)
        if not self._seen.add(bytes_key(fingerprint)):
            return True
        if self.file:
            self.file.write(len(fingerprint).to_bytes(_SIZE_BYTES, "big") + fingerprint)
        return False

    def __len__(self) -> int:
        return len(self._seen)
