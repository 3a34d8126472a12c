"""The state store's comments: one row per (site, comment ID), kept like posts.

A mixin of :class:`crawler.state.store.StateStore` (the schema block is in
``crawler.state.schema``, version 2). A store written before comments existed has no
``comments`` table until a crawl opens it; read as it is (``scrapy export``), it has no comments.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from crawler.state.rows import StoredPost


class CommentRows:
    """Comment rows of the store (call the writers inside ``transaction()``)."""

    @property
    def db(self) -> sqlite3.Connection:
        raise NotImplementedError

    def get_comment(self, site: str, comment_id: int) -> StoredPost | None:
        row = self.db.execute("SELECT record, fingerprint, pending_run FROM comments "
                              "WHERE site = ? AND comment_id = ?", (site, comment_id)).fetchone()
        return None if row is None else StoredPost(json.loads(row[0]), row[1], row[2])

    def put_comment(self, site: str, record: dict[str, Any], fingerprint: str, *,
                    post_key: str | None, capture_key: str | None, pending_run: int | None,
                    seen: str) -> None:
        """Insert or replace the comment's record (first_seen stays the first)."""
        self.db.execute(
            "INSERT INTO comments (site, comment_id, post_key, record, fingerprint, first_seen, "
            "last_seen, capture_key, pending_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (site, comment_id) DO UPDATE SET post_key = excluded.post_key, "
            "record = excluded.record, fingerprint = excluded.fingerprint, "
            "last_seen = excluded.last_seen, capture_key = excluded.capture_key, "
            "pending_run = excluded.pending_run",
            (site, record["comment_id"], post_key, json.dumps(record, ensure_ascii=False),
             fingerprint, seen, seen, capture_key, pending_run))

    def touch_comment(self, site: str, comment_id: int, *, seen: str,
                      pending_run: int | None) -> None:
        self.db.execute("UPDATE comments SET last_seen = ?, pending_run = ? "
                        "WHERE site = ? AND comment_id = ?",
                        (seen, pending_run, site, comment_id))

    def iter_comments(self, spellings: list[str]) -> Iterator[dict[str, Any]]:
        """The comments of one site (under any of its *spellings*), by post then comment ID."""
        if not self.has_comments_table():
            return
        marks = ", ".join("?" * len(spellings))
        last = None
        for comment_id, record in self.db.execute(
                f"SELECT comment_id, record FROM comments WHERE site IN ({marks}) "
                "ORDER BY json_extract(record, '$.post_id') IS NULL, "
                "json_extract(record, '$.post_id'), comment_id, last_seen DESC", spellings):
            if comment_id != last:
                yield json.loads(record)
            last = comment_id

    def has_comments_table(self) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                               "AND name = 'comments'").fetchone() is not None
