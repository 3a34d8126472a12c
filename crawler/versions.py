"""One post (or comment), many captures: which version is newer, and the record they make.

An archive holds a post many times: under old and new slugs, as ``?p=N`` and ``/amp/``, before
and after a theme change, as a full page and as a stripped copy. They are one post (one key) and
one record, :func:`merge`: each field comes from the newest version that shows it, so a newer
page whose theme hides the author (or the modified date, the tags...) never turns a value into
null; the body comes, with its provenance, from the newest version that has one.

"Newer" (:func:`is_newer`) compares ``modified`` when both versions show it, else capture times:
a stale copy captured later (an AMP cache) loses to the edited page, and a theme that hides the
modified date does not make the newest capture look old.

A comment is one record by (site, comment ID) across every capture of every copy of its post
(:func:`merge_comment`): the newest capture's, each field it does not show taken from an older
one; a comment missing from later captures keeps the record an earlier one gave. Pure functions
of plain mappings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crawler.normalize import sort_key

Record = Mapping[str, Any]

FIELD_GROUPS: tuple[tuple[str, ...], ...] = (
    ("title",), ("author",), ("author_slug",), ("published", "published_raw"),
    ("modified", "modified_raw"), ("categories",), ("tags",), ("comment_count",),
)
"""Fields taken each from the newest version that shows them; a date and its raw text go
together (a raw text is kept only beside a date that could not be parsed)."""
BODY_GROUP = ("content_html", "content_text", "word_count", "images", "links",
              "archive_url", "captured_at", "source")
"""The body and its provenance, taken together from the newest version that has a body."""


def post_key(record: Record) -> tuple[str, str]:
    """``(site, "id:<post ID>")``, or ``(site, "url:<url>")`` for a post whose page showed no ID."""
    post_id = record.get("post_id")
    return record["site"], f"id:{post_id}" if post_id is not None else f"url:{record['url']}"


def is_newer(a: Record, b: Record) -> bool:
    """Whether version *a* is strictly newer than version *b* (see the module docstring)."""
    if a.get("modified") and b.get("modified"):
        ma, mb = sort_key(a["modified"]), sort_key(b["modified"])
        if ma != mb:
            return ma > mb
    ca, cb = a.get("captured_at"), b.get("captured_at")
    if ca and cb and ca != cb:
        return sort_key(ca) > sort_key(cb)
    return False


def merge(current: Record, incoming: Record, *, ties_to_incoming: bool = True) -> dict[str, Any]:
    """The record of two versions of one post. Between equals, the incoming one is taken as the
    newer when *ties_to_incoming* (across runs: it is the archive's state as last seen, e.g. a
    rewritten mirror file), else the current one (within a run: the post as first reached, rather
    than the same capture reached again through ``?p=N``)."""
    if ties_to_incoming:
        incoming_newer = not is_newer(current, incoming)
    else:
        incoming_newer = is_newer(incoming, current)
    older, newer = (current, incoming) if incoming_newer else (incoming, current)
    merged = dict(newer)
    for group in FIELD_GROUPS:
        if not _shows(newer, group) and _shows(older, group):
            merged.update({name: older.get(name) for name in group if name in older})
    if not newer.get("content_text") and older.get("content_text"):
        merged.update({name: older.get(name) for name in BODY_GROUP if name in older})
    return merged


def _shows(record: Record, group: tuple[str, ...]) -> bool:
    return any(record.get(name) not in (None, "", []) for name in group)


COMMENT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("post_id",), ("parent_id",), ("author", "author_url"), ("published",),
    ("content_html", "content_text"),
)
"""A comment's fields, each taken from the newest capture that shows it: a theme without
threading shows every reply at the top level, one that hides dates shows none."""


def comment_key(record: Record) -> tuple[str, str]:
    """``(site, "comment:<comment ID>")``."""
    return record["site"], f"comment:{record['comment_id']}"


def is_comment(record: Record) -> bool:
    return "comment_id" in record


def record_key(record: Record) -> tuple[str, str]:
    """The key of a post's or a comment's record: one row per key in feeds and the store."""
    return comment_key(record) if is_comment(record) else post_key(record)


def merge_comment(current: Record, incoming: Record, *,
                  ties_to_incoming: bool = True) -> dict[str, Any]:
    """The record of two captures of one comment: the newer capture's (by capture time; ties as
    in :func:`merge`), with each group of fields it does not show taken from the older one."""
    ca, cb = current.get("captured_at"), incoming.get("captured_at")
    differ = bool(ca and cb and ca != cb)
    incoming_newer = sort_key(cb) > sort_key(ca) if differ else ties_to_incoming
    older, newer = (current, incoming) if incoming_newer else (incoming, current)
    merged = dict(newer)
    for group in COMMENT_GROUPS:
        if not _shows(newer, group) and _shows(older, group):
            merged.update({name: older.get(name) for name in group if name in older})
    return merged


def merge_record(current: Record, incoming: Record, *,
                 ties_to_incoming: bool = True) -> dict[str, Any]:
    """:func:`merge` for posts, :func:`merge_comment` for comments."""
    how = merge_comment if is_comment(current) else merge
    return how(current, incoming, ties_to_incoming=ties_to_incoming)
