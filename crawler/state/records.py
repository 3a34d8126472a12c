"""How a crawled post (or comment) compares with what the state store holds about it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from crawler.items import COMMENT_FIELDS, POST_FIELDS
from crawler.state.store import StoredPost
from crawler.versions import is_comment

CONTENT_FIELDS = ("title", "author", "author_slug", "published", "modified", "categories", "tags",
                  "content_text", "images", "links", "comment_count")
"""What a reader of the post would see change. Left out: provenance (``archive_url``,
``captured_at``, ``source``) and the URL it was reached at, so a new capture of the same text or
the same post reached through ``?p=N`` is not a change; and ``content_html``, whose markup
changes when the site changes theme or editor while the text, images and links stay the same."""

COMMENT_CONTENT_FIELDS = ("post_id", "parent_id", "author", "author_url", "published",
                          "content_text")
"""What a reader of the comment would see change (not where or when it was captured, nor its
markup)."""

NEW, CHANGED, UNCHANGED, OLDER = "new", "changed", "unchanged", "older"


def record_of(adapter: Any) -> dict[str, Any]:
    """The dataset columns of an item (``page_kind`` and any helper field left out)."""
    names = COMMENT_FIELDS if "comment_id" in adapter else POST_FIELDS
    return {name: adapter.get(name) for name in names}


def fingerprint(record: dict[str, Any]) -> str:
    names = COMMENT_CONTENT_FIELDS if is_comment(record) else CONTENT_FIELDS
    content = {name: record.get(name) for name in names}
    encoded = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def compare(stored: StoredPost | None, merged_print: str, incoming_older: bool) -> str:
    """``new``; ``unchanged`` (the post merged with the incoming version has the stored content);
    ``older`` (the same, from a version older than the stored one: never stored over it, since a
    capture window can go back in time); or ``changed``: the post changed, or an older capture
    filled a field the stored record lacked.

    *merged_print* is the fingerprint of the stored record merged with the incoming version
    (:func:`crawler.versions.merge`), so a newer theme that hides a field is not a change.
    """
    if stored is None:
        return NEW
    if merged_print == stored.fingerprint:
        return OLDER if incoming_older else UNCHANGED
    return CHANGED
