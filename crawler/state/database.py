"""The state store's SQLite file, opened for a crawl or for reading, or refused with a reason.

A crawl relies on the store from its first page to its last, so everything that would make it
fail later is found at open, before the crawl starts: another application's database (never
extended with our tables), a read-only file or folder (``chattr +i``, a read-only mount), a
newer schema. Reading (``scrapy export``) works from read-only media too.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crawler.state.schema import (
    APPLICATION_ID,
    SCHEMA_STATEMENTS,
    SCHEMA_VERSION,
    is_state_store,
)


class StateError(Exception):
    """The state store cannot be used (missing, foreign, read-only, written by a newer
    version); the message says what to do."""


def open_database(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit: ``BEGIN IMMEDIATE``)."""
    if readonly and not path.is_file():
        raise StateError(f"no state store at {str(path)!r}")
    db: sqlite3.Connection | None = None
    try:
        db = _connect_readonly(path) if readonly else _connect(path)
        db.isolation_level = None
        db.execute("PRAGMA busy_timeout = 10000")
        _check_ours(db, path)
        if not readonly:
            _prepare_for_writing(db)
        _check_version(db, path)
    except (sqlite3.Error, OSError, StateError) as exc:
        if db is not None:
            db.close()
        if isinstance(exc, StateError):
            raise
        raise StateError(_unusable(path, exc, readonly)) from exc
    return db


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(path)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opening is lazy
    except sqlite3.OperationalError as exc:
        db.close()
        if Path(f"{path}-wal").exists():  # read as immutable, its transactions would be lost
            raise StateError(
                f"{str(path)!r} cannot be read here ({exc}): its -wal file holds transactions "
                "that SQLite must write into it first; copy the store and its -wal file to a "
                "writable folder and export from there") from exc
        # Read-only media: SQLite cannot create the WAL index (-shm) beside the file, and
        # nobody can be writing the file there, so it may be read as immutable.
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return db


def _check_ours(db: sqlite3.Connection, path: Path) -> None:
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master "
                                             "WHERE type = 'table'")}
    if not is_state_store(db.execute("PRAGMA application_id").fetchone()[0], tables):
        raise StateError(
            f"{str(path)!r} is another application's SQLite database (tables: "
            f"{', '.join(sorted(tables))}), not a state store; give ARCHIVE_STATE a file of "
            "its own")


def _prepare_for_writing(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode = WAL")
    # Survives kill -9 (the WAL is in the OS cache); a power cut may lose the last
    # transactions, never corrupt the file.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        # A write on every open: a read-only store fails here, not in the middle of a crawl.
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in SCHEMA_STATEMENTS:  # IF NOT EXISTS: an older store gains new tables
            db.execute(statement)
        version = db.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version is None or version < SCHEMA_VERSION:
            db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _check_version(db: sqlite3.Connection, path: Path) -> None:
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    # An older version reads fine (the tables it lacks are empty); a newer one may mean more.
    if row is None or row[0] is None or row[0] > SCHEMA_VERSION:
        raise StateError(f"{str(path)!r} has schema version {row and row[0]}, "
                         f"this crawler reads versions up to {SCHEMA_VERSION}")


def _unusable(path: Path, exc: Exception, readonly: bool) -> str:
    message = f"{str(path)!r} is not a usable state store: {exc}"
    if readonly or not isinstance(exc, sqlite3.OperationalError):
        return message
    # A read-only file (chattr +i, a read-only mount) or folder (no room for -wal and -shm)
    return (message + "; a crawl writes the store and the -wal and -shm files beside it: make "
            "them writable, or give ARCHIVE_STATE another path (scrapy export can read a "
            "read-only store)")
