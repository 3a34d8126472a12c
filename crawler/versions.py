"""One post, many captures: which version is newer, and the one record they make together.

An archive holds a post many times: under old and new slugs, as ``?p=N`` and ``/amp/``, before
and after a theme change, as a full page and as a stripped copy. They are one post (one key) and
one record, :func:`merge`: each field comes from the newest version that shows it, so a newer
page whose theme hides the author (or the modified date, the tags...) never turns a value into
null; the body comes, with its provenance, from the newest version that has one.

"Newer" (:func:`is_newer`) compares ``modified`` when both versions show it, else capture times:
a stale copy captured later (an AMP cache) loses to the edited page, and a theme that hides the
modified date does not make the newest capture look old. Pure functions of plain mappings.
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
