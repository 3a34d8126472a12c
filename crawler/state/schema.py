"""The state store's tables. Bump :data:`SCHEMA_VERSION` (and migrate) when they change.

Changes are additive blocks (:data:`MIGRATIONS`), each creating what its version added with
``IF NOT EXISTS``: a crawl opening an older store runs the blocks it lacks and records the new
version; ``scrapy export`` reads an older store as it is (a table it lacks holds nothing).
"""

SCHEMA_VERSION = 3
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

# --- Version 3: coverage (issue 12: scrapy report) -----------------------------------------------
# What each crawl met, for `scrapy report`. A store written before them gains them at its next
# crawl and reads without them (the report then says it has no coverage record). Written in batches
# by crawler.coverage, upserted so that a recrawl meeting the same capture adds no row.
_COVERAGE = """
CREATE TABLE IF NOT EXISTS capture_log (
    site TEXT NOT NULL, url TEXT NOT NULL,
    capture TEXT NOT NULL,    -- the capture's identity, or '' for a URL answered without one
    verdict TEXT NOT NULL,    -- real, unproven, an afterlife kind, redirect, error, missing...
    served INTEGER NOT NULL,  -- 1: this capture (or its absence) answered the request
    fetched INTEGER NOT NULL, -- 0: passed over unread (a payload known to be an afterlife page)
    route TEXT, source TEXT, captured_at TEXT, status INTEGER,
    page_kind TEXT, post_id INTEGER, referer TEXT,
    first_run INTEGER, last_run INTEGER,
    PRIMARY KEY (site, url, capture, verdict));
CREATE TABLE IF NOT EXISTS listing_pages (
    site TEXT NOT NULL, url TEXT NOT NULL, capture TEXT NOT NULL,
    listing TEXT NOT NULL,    -- the listing's first page (home, a category, an author...)
    kind TEXT NOT NULL, page INTEGER NOT NULL, last_page INTEGER,
    entries INTEGER NOT NULL, sticky INTEGER NOT NULL, max_post_id INTEGER,
    captured_at TEXT, run INTEGER,
    PRIMARY KEY (site, url, capture));
CREATE TABLE IF NOT EXISTS site_counts (
    site TEXT NOT NULL,
    what TEXT NOT NULL,       -- category, tag or month
    term TEXT NOT NULL,       -- the term's URL below the site root, YYYY-MM for a month
    count INTEGER NOT NULL,   -- posts the site printed (-1: listed without a count)
    name TEXT, first_seen TEXT, last_seen TEXT,
    PRIMARY KEY (site, what, term, count));
CREATE TABLE IF NOT EXISTS run_details (
    run INTEGER PRIMARY KEY, site TEXT NOT NULL, archive TEXT, window_from TEXT,
    window_to TEXT, exported INTEGER, stats TEXT NOT NULL, afterlife TEXT NOT NULL);
"""
COVERAGE_TABLES = frozenset({"capture_log", "listing_pages", "site_counts", "run_details"})
# --------------------------------------------------------------------------------------------------


def _statements(script: str) -> tuple[str, ...]:
    """One statement each: ``executescript`` would commit the caller's transaction."""
    return tuple(s.strip() for s in script.split(";") if s.strip())


MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: _statements(_SCHEMA), 2: _statements(_COMMENTS), 3: _statements(_COVERAGE)}
"""Schema version -> the statements that bring a store to it from the version before."""
SCHEMA_STATEMENTS = tuple(s for version in sorted(MIGRATIONS) for s in MIGRATIONS[version])
"""Every table and index of the current version (each ``IF NOT EXISTS``)."""

TABLES = frozenset({"schema_version", "posts", "post_urls", "captures", "cursors", "runs",
                    "sqlite_sequence", "comments"}) | COVERAGE_TABLES


def is_state_store(application_id: int, tables: set[str]) -> bool:
    """Whether a database is a state store, or an empty file that may become one. Stores made
    before :data:`APPLICATION_ID` was set have no ID, and our tables only."""
    if application_id == APPLICATION_ID:
        return True
    return application_id == 0 and (not tables or ("schema_version" in tables and tables <= TABLES))
