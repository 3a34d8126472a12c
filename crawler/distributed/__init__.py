"""Distributed crawling on Redis: many workers, one dataset, one polite budget (README
"Distributed crawling"). Nothing here is imported unless a Redis URL is set."""

LEASE_LOST_STAT = "feedexport/failed_count/writer_lease_lost"
"""Set when the writer lost the run lease: its feeds are not delivered (another process writes
the run) and, counted as a failed feed, its posts stay pending in the state store."""
