"""Memory between runs: the state store, its lock and the crawl components that use them.

``ARCHIVE_STATE`` names the SQLite file (default ``.state/archive.sqlite3``; empty switches state
off). See the README, "Recrawls, exports and scheduling".
"""

from crawler.state.extension import CrawlState, state_of
from crawler.state.lock import LockHeld, StateLock
from crawler.state.store import StateError, StateStore
from crawler.state.tracking import KNOWN_CAPTURE_META

__all__ = ["KNOWN_CAPTURE_META", "CrawlState", "LockHeld", "StateError", "StateLock",
           "StateStore", "state_of"]
