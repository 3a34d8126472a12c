"""The state store's tables. Bump :data:`SCHEMA_VERSION` (and migrate) when they change.

Changes are additive blocks (:data:`MIGRATIONS`), each creating what its version added with
``IF NOT EXISTS``: a crawl opening an older store runs the blocks it lacks and records the new
version; ``scrapy export`` reads an older store as it is (a table it lacks holds nothing).
"""

SCHEMA_VERSION = 2
APPLICATION_ID = 0x57504143
"""``PRAGMA application_id`` of a state store (``WPAC``): tells it from other SQLite databases,
so ``ARCHIVE_STATE`` pointing at another application's file never gets our tables added."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    site TEXT NOT NULL, post_key TEXT NOT NULL, post_id INTEGER,
    record TEXT NOT NULL, fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    capture_key TEXT, archive_url TEXT, captured_at TEXT,
    pending_run INTEGER,  -- run that passed this version to its feeds, until they are stored
    PRIMARY KEY (site, post_key));
CREATE INDEX IF NOT EXISTS posts_capture ON posts (site, capture_key);
CREATE TABLE IF NOT EXISTS post_urls (
    site TEXT NOT NULL, post_key TEXT NOT NULL, url TEXT NOT NULL, first_seen TEXT NOT NULL,
    PRIMARY KEY (site, post_key, url));
CREATE TABLE IF NOT EXISTS captures (
    site TEXT NOT NULL, capture_key TEXT NOT NULL, url TEXT NOT NULL,
    fetched_at TEXT NOT NULL, links TEXT NOT NULL, run INTEGER,
    PRIMARY KEY (site, capture_key));
CREATE TABLE IF NOT EXISTS cursors (
    site TEXT NOT NULL, source TEXT NOT NULL, name TEXT NOT NULL,
    value TEXT NOT NULL, updated_at TEXT NOT NULL,
    PRIMARY KEY (site, source, name));
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT, site TEXT NOT NULL, full_recrawl INTEGER NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, reason TEXT);
"""

# --- Version 2: comments (issue 10) ------------------------------------------------------------
# One row per (site, comment ID), like posts: the comment's merged record, its fingerprint and
# delivery state; post_key ties it to its post's row.
_COMMENTS = """
CREATE TABLE IF NOT EXISTS comments (
    site TEXT NOT NULL, comment_id INTEGER NOT NULL, post_key TEXT,
    record TEXT NOT NULL, fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    capture_key TEXT, pending_run INTEGER,
    PRIMARY KEY (site, comment_id));
CREATE INDEX IF NOT EXISTS comments_capture ON comments (site, capture_key);
"""
# --------------------------------------------------------------------------------------------------


def _statements(script: str) -> tuple[str, ...]:
    """One statement each: ``executescript`` would commit the caller's transaction."""
    return tuple(s.strip() for s in script.split(";") if s.strip())


MIGRATIONS: dict[int, tuple[str, ...]] = {1: _statements(_SCHEMA), 2: _statements(_COMMENTS)}
"""Schema version -> the statements that bring a store to it from the version before."""
SCHEMA_STATEMENTS = tuple(s for version in sorted(MIGRATIONS) for s in MIGRATIONS[version])
"""Every table and index of the current version (each ``IF NOT EXISTS``)."""

TABLES = frozenset({"schema_version", "posts", "post_urls", "captures", "cursors", "runs",
                    "sqlite_sequence", "comments"})


def is_state_store(application_id: int, tables: set[str]) -> bool:
    """Whether a database is a state store, or an empty file that may become one. Stores made
    before :data:`APPLICATION_ID` was set have no ID, and our tables only."""
    if application_id == APPLICATION_ID:
        return True
    return application_id == 0 and (not tables or ("schema_version" in tables and tables <= TABLES))
