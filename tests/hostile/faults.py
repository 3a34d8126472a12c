"""Faults a filesystem cannot place at a chosen moment, injected through Scrapy settings.

``-s FEED_EXPORTERS={"jsonl": "tests.hostile.faults.SpoolFullAtThirdPost"}`` makes the feed's
spool fail at the third post, as a ``TMPDIR`` that fills up in the middle of a crawl does (a real
full ``TMPDIR`` fails the merge pipeline's spool first, so no post ever reaches the feed).
"""

from __future__ import annotations

import errno
import itertools
from typing import Any

from crawler.exporters import PostJsonLinesItemExporter
from crawler.spool import SpoolError


class SpoolFullAtThirdPost(PostJsonLinesItemExporter):
    """The crawl's JSON Lines exporter, whose spool is full from the third post on."""

    def start_exporting(self) -> None:
        super().start_exporting()
        put, count = self._spool.put, itertools.count(1)

        def put_until_full(key: str, item: Any) -> None:
            if next(count) >= 3:
                raise SpoolError(errno.ENOSPC, "cannot write the spool: database or disk is full")
            put(key, item)

        self._spool.put = put_until_full  # type: ignore[method-assign]
