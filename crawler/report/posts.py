"""Figures about the posts a store holds, aggregated in SQL.

One pass reads every post's record (the JSON the store keeps) into a temporary table of the
few facts the report needs (``facts``: a few dozen bytes a post, no body), in one statement:
SQLite parses each record once however many fields are taken from it. Every figure is then a
``GROUP BY`` over that table; no query returns more rows than there are months, terms or bins.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

FIELDS = {
    "title": "title <> ''",
    "author": "author IS NOT NULL AND author <> ''",
    "author_slug": "author_slug IS NOT NULL AND author_slug <> ''",
    "published": "published IS NOT NULL",
    "modified": "modified IS NOT NULL",
    "categories": "categories > 0",
    "tags": "tags > 0",
    "body": "words > 0",
    "images": "images > 0",
    "comment_count": "comment_count IS NOT NULL",
}
"""Field -> when a post has it: present, and not empty."""

_FACTS = """
CREATE TEMP TABLE facts AS
SELECT post_key, json_extract(record, '$.post_id') AS post_id,
       coalesce(json_extract(record, '$.title'), '') AS title,
       json_extract(record, '$.author') AS author,
       json_extract(record, '$.author_slug') AS author_slug,
       json_extract(record, '$.published') AS published,
       json_extract(record, '$.modified') AS modified,
       json_array_length(coalesce(json_extract(record, '$.categories'), '[]')) AS categories,
       json_array_length(coalesce(json_extract(record, '$.tags'), '[]')) AS tags,
       json_extract(record, '$.categories') AS category_names,
       json_extract(record, '$.tags') AS tag_names,
       coalesce(json_extract(record, '$.word_count'), 0) AS words,
       json_array_length(coalesce(json_extract(record, '$.images'), '[]')) AS images,
       json_extract(record, '$.comment_count') AS comment_count
FROM (SELECT post_key, record, max(last_seen) FROM posts WHERE site IN ({sites})
      GROUP BY post_key)
"""


def load_facts(db: sqlite3.Connection, sites: Sequence[str]) -> None:
    """Fill ``temp.facts`` with one row per post of *sites* (the spellings of one site: a post
    stored under two counts once, from the spelling that saw it last)."""
    db.execute("DROP TABLE IF EXISTS temp.facts")
    db.execute(_FACTS.format(sites=", ".join("?" * len(sites))), list(sites))
    db.execute("CREATE INDEX temp.facts_words ON facts (words)")


def summary(db: sqlite3.Connection) -> dict[str, Any]:
    """How many posts, and the first and last by publication time (compared in UTC: the dates
    keep the offsets the pages showed)."""
    row = db.execute("SELECT count(*), count(post_id), max(post_id) FROM facts").fetchone()

    def end(order: str) -> str | None:
        found = db.execute("SELECT published FROM facts WHERE published IS NOT NULL "
                           f"ORDER BY datetime(published) {order}, published LIMIT 1").fetchone()
        return found[0] if found else None

    return {"posts": row[0], "with_post_id": row[1], "first_published": end("ASC"),
            "last_published": end("DESC"), "max_post_id": row[2]}


def per_month(db: sqlite3.Connection) -> dict[str, int]:
    """Posts by the month of ``published`` (``YYYY-MM``), as the page showed it (its own
    UTC offset); posts without a date are left out."""
    return dict(db.execute("SELECT substr(published, 1, 7) AS month, count(*) FROM facts "
                           "WHERE published IS NOT NULL GROUP BY month ORDER BY month"))


def field_shares(db: sqlite3.Connection) -> list[dict[str, Any]]:
    columns = ", ".join(f"sum({test})" for test in FIELDS.values())
    row = db.execute(f"SELECT count(*), {columns} FROM facts").fetchone()
    total = row[0]
    return [{"field": name, "posts": have or 0, "share": (have or 0) / total if total else 0.0}
            for name, have in zip(FIELDS, row[1:], strict=True)]


def top_terms(db: sqlite3.Connection, column: str, limit: int = 20) -> list[dict[str, Any]]:
    """The *limit* most frequent values of a list column (``category_names``, ``tag_names``)."""
    assert column in ("category_names", "tag_names")
    rows = db.execute(f"SELECT value, count(*) AS n FROM facts, json_each(facts.{column}) "
                      "GROUP BY value ORDER BY n DESC, value LIMIT ?", (limit,))
    return [{"name": name, "posts": n} for name, n in rows]


def term_posts(db: sqlite3.Connection, column: str) -> dict[str, int]:
    """Posts per value of a list column, every value (as many as the site has terms), names
    case-folded: for comparing with the counts the site printed."""
    assert column in ("category_names", "tag_names")
    found: dict[str, int] = {}
    for name, n in db.execute(f"SELECT value, count(*) FROM facts, json_each(facts.{column}) "
                              "GROUP BY value"):
        found[str(name).casefold()] = found.get(str(name).casefold(), 0) + n
    return found


def top_authors(db: sqlite3.Connection, limit: int = 20) -> list[dict[str, Any]]:
    rows = db.execute("SELECT coalesce(author, author_slug) AS who, count(*) AS n FROM facts "
                      "WHERE who IS NOT NULL GROUP BY who ORDER BY n DESC, who LIMIT ?", (limit,))
    return [{"name": name, "posts": n} for name, n in rows]


def author_posts(db: sqlite3.Connection) -> dict[str, int]:
    """Posts per author slug (as author archives name them)."""
    return dict(db.execute("SELECT author_slug, count(*) FROM facts "
                           "WHERE author_slug IS NOT NULL GROUP BY author_slug"))


def words(db: sqlite3.Connection, bins: int = 30) -> dict[str, Any]:
    """Words per post: a histogram of equal bins up to the 99th percentile (the longest 1% in
    the last bin), and the quartiles."""
    total = db.execute("SELECT count(*) FROM facts").fetchone()[0]
    if not total:
        return {"posts": 0, "bins": [], "quartiles": [], "mean": None}

    def at(share: float) -> int:
        row = db.execute("SELECT words FROM facts ORDER BY words LIMIT 1 OFFSET ?",
                         (min(total - 1, int(share * (total - 1))),)).fetchone()
        return int(row[0])

    top = max(at(0.99), 1)
    width = max(1, -(-top // bins))
    counts = dict(db.execute("SELECT min(words / ?, ?), count(*) FROM facts GROUP BY 1",
                             (width, bins - 1)))
    mean = db.execute("SELECT avg(words) FROM facts").fetchone()[0]
    return {"posts": total, "mean": round(mean, 1),
            "quartiles": [at(0.25), at(0.5), at(0.75)],
            "bins": [{"from": i * width, "to": None if i == bins - 1 else (i + 1) * width,
                      "posts": counts.get(i, 0)} for i in range(bins)]}
