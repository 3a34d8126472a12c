"""The state store: what one crawl leaves for the next, in an embedded SQLite database.

Per (site, post key) it keeps the newest record of the post, a fingerprint of its content, when it
was first and last seen, the capture it came from and every URL it was seen at. Per capture of a
post page it keeps the links that page led to, so a recrawl can skip the capture and still walk on.
Cursors let a source resume an index listing (a CDX ``resumeKey``). Runs record each crawl.

Every write is one short transaction; WAL mode lets ``scrapy export`` read while a crawl writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from crawler.paths import in_project
from crawler.state.comments import CommentRows
from crawler.state.database import StateError, open_database
from crawler.state.rows import StoredPost

__all__ = ["StateError", "StateStore", "StoredPost"]
from crawler.urls import site_urls


def resolve_state_path(value: str) -> Path:
    """``ARCHIVE_STATE`` as a path: relative paths start at the project folder (the one holding
    ``scrapy.cfg``), so every command finds the same store wherever it is run from; without a
    project folder (scrapyd runs an egg) they start at the working directory."""
    return in_project(value)


def utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class StateStore(CommentRows):
    """A SQLite state database at *path*; nothing is touched until :meth:`open`. Its comments'
    rows: :class:`crawler.state.comments.CommentRows`."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._db: sqlite3.Connection | None = None

    # --- Lifecycle ------------------------------------------------------------------------------

    def open(self) -> StateStore:
        """Open the database; :class:`StateError` says why it cannot be used, and what to do."""
        self._db = open_database(self.path, readonly=self.readonly)
        return self

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:  # CommentRows' placeholder, a property here
        if self._db is None:
            raise StateError("the state store is not open")
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: committed whole, or (on an error or a kill) not at all."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # --- Posts (call inside transaction()) ------------------------------------------------------

    def get_post(self, site: str, key: str) -> StoredPost | None:
        row = self.db.execute("SELECT record, fingerprint, pending_run FROM posts "
                              "WHERE site = ? AND post_key = ?", (site, key)).fetchone()
        return None if row is None else StoredPost(json.loads(row[0]), row[1], row[2])

    def put_post(self, site: str, key: str, record: dict[str, Any], fingerprint: str, *,
                 capture_key: str | None, pending_run: int | None, seen: str) -> None:
        """Insert or replace the post's record (first_seen stays the first)."""
        self.db.execute(
            "INSERT INTO posts (site, post_key, post_id, record, fingerprint, first_seen, "
            "last_seen, capture_key, archive_url, captured_at, pending_run) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, post_key) DO UPDATE SET "
            "post_id = excluded.post_id, record = excluded.record, "
            "fingerprint = excluded.fingerprint, last_seen = excluded.last_seen, "
            "capture_key = excluded.capture_key, archive_url = excluded.archive_url, "
            "captured_at = excluded.captured_at, pending_run = excluded.pending_run",
            (site, key, record.get("post_id"), json.dumps(record, ensure_ascii=False),
             fingerprint, seen, seen, capture_key, record.get("archive_url"),
             record.get("captured_at"), pending_run))

    def touch_post(self, site: str, key: str, *, seen: str, pending_run: int | None) -> None:
        """The post was seen again without a newer version: update last_seen (and delivery)."""
        self.db.execute("UPDATE posts SET last_seen = ?, pending_run = ? "
                        "WHERE site = ? AND post_key = ?", (seen, pending_run, site, key))

    def add_url(self, site: str, key: str, url: str, *, seen: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO post_urls VALUES (?, ?, ?, ?)",
                        (site, key, url, seen))

    # --- Captures ---------------------------------------------------------------------------------

    def known_links(self, site: str, capture_key: str) -> list[str] | None:
        """The links a capture led to when it was parsed, or ``None`` if it must be fetched.

        A capture whose post or comments were passed to feeds that were never stored (a killed
        run) counts as unknown, so the page is fetched and its items delivered again.
        """
        return self.known_links_of(site, [capture_key]).get(capture_key)

    def known_links_of(self, site: str, capture_keys: list[str]) -> dict[str, list[str]]:
        """:meth:`known_links` of many captures in one query: the known ones' links by key."""
        marks = ", ".join("?" * len(capture_keys))
        rows = self.db.execute(
            f"SELECT capture_key, links FROM captures c WHERE site = ? AND capture_key IN "
            f"({marks}) AND NOT EXISTS (SELECT 1 FROM posts p WHERE p.site = c.site AND "
            "p.capture_key = c.capture_key AND p.pending_run IS NOT NULL) AND NOT EXISTS ("
            "SELECT 1 FROM comments m WHERE m.site = c.site AND m.capture_key = c.capture_key "
            "AND m.pending_run IS NOT NULL)", (site, *capture_keys))
        return {key: json.loads(links) for key, links in rows}

    def record_capture(self, site: str, capture_key: str, url: str, links: list[str],
                       run: int | None) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO captures VALUES (?, ?, ?, ?, ?, ?)",
                       (site, capture_key, url, utc_now(), json.dumps(links), run))

    # --- Cursors (index positions a source may resume from) ---------------------------------------

    def get_cursor(self, site: str, source: str, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM cursors WHERE site = ? AND source = ? AND "
                              "name = ?", (site, source, name)).fetchone()
        return None if row is None else row[0]

    def set_cursor(self, site: str, source: str, name: str, value: str | None) -> None:
        """Remember (or, with ``None``, forget) a cursor; committed at once."""
        with self.transaction() as db:
            if value is None:
                db.execute("DELETE FROM cursors WHERE site = ? AND source = ? AND name = ?",
                           (site, source, name))
            else:
                db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?, ?, ?)",
                           (site, source, name, value, utc_now()))

    # --- Runs -------------------------------------------------------------------------------------

    def start_run(self, site: str, *, full_recrawl: bool) -> int:
        with self.transaction() as db:
            cursor = db.execute("INSERT INTO runs (site, full_recrawl, started_at) "
                                "VALUES (?, ?, ?)", (site, int(full_recrawl), utc_now()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run: int, reason: str, *, delivered: bool) -> None:
        """Close a run; *delivered* means its feeds were stored, so its posts are delivered."""
        with self.transaction() as db:
            db.execute("UPDATE runs SET finished_at = ?, reason = ? WHERE id = ?",
                       (utc_now(), reason, run))
            if delivered:
                db.execute("UPDATE posts SET pending_run = NULL WHERE pending_run = ?", (run,))
                db.execute("UPDATE comments SET pending_run = NULL WHERE pending_run = ?", (run,))

    # --- Reading ----------------------------------------------------------------------------------

    def iter_records(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every post's newest record, by site then post ID (posts without an ID last).

        A store written before sites were keyed by their canonical spelling may hold one site
        under two (``http://example.org``, ``https://www.example.org``): its posts come once,
        under the first, each from the spelling that saw it last.
        """
        for key in [site] if site else self.sites():
            spellings = self.spellings_of(key)
            marks = ", ".join("?" * len(spellings))
            last = None
            for post_key, record in self.db.execute(
                    f"SELECT post_key, record FROM posts WHERE site IN ({marks}) "
                    "ORDER BY post_id IS NULL, post_id, post_key, last_seen DESC", spellings):
                if post_key != last:
                    yield json.loads(record)
                last = post_key

    def comment_records(self, site: str | None = None) -> Iterator[dict[str, Any]]:
        """Every comment's newest record, by site, then post ID, then comment ID."""
        for key in [site] if site else self.sites():
            yield from self.iter_comments(self.spellings_of(key))

    def spellings_of(self, site: str) -> list[str]:
        """*site* and the other spellings of it an older store may hold (see iter_records)."""
        return [site, *self._other_spellings(site)]

    def site_key(self, root: str) -> str:
        """The spelling under which the store knows *root*'s site (its first run's), or *root*:
        ``http://example.org`` and ``https://www.example.org`` are one site, one key."""
        key = site_urls(root).key
        return next((s for s in self._spellings() if site_urls(s).key == key), root)

    def sites(self) -> list[str]:
        """The sites with posts, one spelling each (see :meth:`site_key`)."""
        return sorted({self.site_key(site) for site in self._post_sites()})

    def _spellings(self) -> list[str]:
        """Every site spelling the store holds, the first used first."""
        runs = [site for (site,) in self.db.execute(
            "SELECT site FROM runs GROUP BY site ORDER BY min(id)")]
        return runs + [site for site in self._post_sites() if site not in runs]

    def _post_sites(self) -> list[str]:
        """Sites with posts (or, in a store with comments, comments), the first seen first."""
        union = (" UNION ALL SELECT site, first_seen FROM comments"
                 if self.has_comments_table() else "")
        return [site for (site,) in self.db.execute(
            f"SELECT site FROM (SELECT site, first_seen FROM posts{union}) GROUP BY site "
            "ORDER BY min(first_seen)")]

    def _other_spellings(self, site: str) -> list[str]:
        key = site_urls(site).key
        return [s for s in self._post_sites() if s != site and site_urls(s).key == key]

    def counts(self, site: str) -> dict[str, int]:
        def count(table: str) -> int:
            row = self.db.execute(f"SELECT count(*) FROM {table} WHERE site = ?", (site,))
            return int(row.fetchone()[0])
        return {"posts": count("posts"), "captures": count("captures"),
                "comments": count("comments") if self.has_comments_table() else 0}
