"""The state file's schema: versioned, checked on open, migrated forward, never guessed.

A damaged state must not be taken for an empty one (that re-exports every article), so an
existing file that is not a sound SQLite database of a known schema stops the run with a
StateError naming the file and the remedy. A new file is built aside and renamed into place:
an empty file at the state path is always damage, never a state being created.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from crawler.run.errors import StateError

# 1: the tables below without `meta` (user_version 0). 2: `meta` (the URL canonicalisation the
# keys were made with) and an index on fingerprints (articles known by content). 3: the
# articles' `content_digest` (every extracted field: a profile fix is re-exported), and
# `ingested.file` holds file versions "<name>|<size>|<mtime_ns>" (a fixed feed name rewritten
# by each run is read again).
SCHEMA_VERSION = 3
TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,          -- urls.url_key(): path+query on the portal's own host
    url TEXT NOT NULL,
    fingerprint TEXT,
    published_date TEXT,           -- YYYY-MM-DD or NULL
    column_name TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_column_date ON articles (column_name, published_date);
CREATE TABLE IF NOT EXISTS rejects (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    attempts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS failed (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    kind TEXT NOT NULL,            -- article | list
    column_name TEXT,
    attempts INTEGER NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS walks (
    column_name TEXT PRIMARY KEY,  -- a column whose list pages were walked to their end once
    completed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ingested (
    file TEXT PRIMARY KEY,         -- feed file name, relative to the output folder
    records INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
"""
V2 = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles (fingerprint);
"""
V3 = "ALTER TABLE articles ADD COLUMN content_digest TEXT;"
V1_COLUMNS = {
    "articles": ["key", "url", "fingerprint", "published_date", "column_name", "first_seen",
                 "last_seen"],
    "rejects": ["key", "url", "reason", "first_seen", "last_seen", "attempts"],
    "failed": ["key", "url", "reason", "kind", "column_name", "attempts", "last_seen"],
    "walks": ["column_name", "completed_at"],
    "ingested": ["file", "records", "ingested_at"],
}  # fmt: skip
V2_COLUMNS = {**V1_COLUMNS, "meta": ["key", "value"]}
V3_COLUMNS = {**V2_COLUMNS, "articles": [*V2_COLUMNS["articles"], "content_digest"]}
COLUMNS_BY_VERSION = {0: V1_COLUMNS, 1: V1_COLUMNS, 2: V2_COLUMNS, 3: V3_COLUMNS}
_HEADER = b"SQLite format 3\x00"
# Tables whose primary key is a url_key(), rebuilt when the canonicalisation changes.
KEYED = ("articles", "rejects", "failed")
# Seconds to wait for another program's write lock on the file before saying it is locked.
_BUSY_TIMEOUT = 2.0


def remedy(spider: str) -> str:
    return (
        f"rebuild it from the finished feeds: python -m crawler state rebuild {spider} "
        "(with the crawl's -s settings, e.g. -s LOCAL_RUN=1)"
    )


Rekey = Callable[[str, str], str]


def open_db(path: Path, spider: str, canon: dict, key: Rekey) -> sqlite3.Connection:
    """The state database at `path`, checked, migrated to SCHEMA_VERSION and keyed by
    `key(url, old_key)` (`canon` describes the keying; a change re-keys every row)."""
    if not path.exists():
        _create(path)
    fix = remedy(spider)
    _check_header(path, fix)
    try:
        db = sqlite3.connect(path, timeout=_BUSY_TIMEOUT)
    except sqlite3.Error as exc:
        raise StateError(f"{path}: cannot open ({exc}); {fix}") from None
    try:
        _check(db, path, fix)
        # WAL keeps the file consistent if a run is killed mid-transaction.
        db.execute("PRAGMA journal_mode=WAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version < SCHEMA_VERSION:
            _migrate(db, path, version, fix)
        _rekey(db, canon, key)
    except sqlite3.OperationalError as exc:
        db.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StateError(
                f"{path}: locked by another program ({exc}); close it (a sqlite3 shell?) and "
                "run again"
            ) from None
        raise StateError(f"{path}: unreadable ({exc}); {fix}") from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StateError(f"{path}: damaged ({exc}); {fix}") from None
    except StateError:
        db.close()
        raise
    return db


def _create(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(TABLES + V2 + V3)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.commit()
    db.close()
    os.replace(tmp, path)


def _check_header(path: Path, fix: str) -> None:
    try:
        with path.open("rb") as f:
            head = f.read(len(_HEADER))
    except OSError as exc:
        raise StateError(f"{path}: unreadable ({exc.strerror}); {fix}") from None
    if not head:
        raise StateError(f"{path}: empty file (truncated?); {fix}")
    if head != _HEADER:
        raise StateError(f"{path}: not an SQLite database (damaged or overwritten); {fix}")


def _check(db: sqlite3.Connection, path: Path, fix: str) -> None:
    verdict = db.execute("PRAGMA quick_check").fetchall()
    if verdict != [("ok",)]:
        raise StateError(f"{path}: damaged ({verdict[0][0]}); {fix}")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StateError(
            f"{path}: schema version {version} is newer than this crawler's "
            f"({SCHEMA_VERSION}); run the crawler version that wrote it, or {fix}"
        )
    expected = {name: tuple(columns) for name, columns in COLUMNS_BY_VERSION[version].items()}
    found = {
        name: tuple(row[1] for row in db.execute(f"PRAGMA table_info({name})"))
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if version == 0 and not found:
        return  # a valid but empty database: nothing to lose, the tables are created
    if found != expected:
        diff = sorted(set(found.items()) ^ set(expected.items()))
        tables = sorted({name for name, _ in diff})
        raise StateError(
            f"{path}: unknown schema (version {version}, tables differ: {', '.join(tables)}); {fix}"
        )
    # Taking the write lock once tells a locked file now, not at the first write mid-run.
    db.execute("BEGIN IMMEDIATE")
    db.rollback()


def _migrate(db: sqlite3.Connection, path: Path, version: int, fix: str) -> None:
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        # A copy before the first migration: an operator can go back to the older crawler.
        backup = sqlite3.connect(path.with_name(f"{path.name}.v1.bak"))
        db.backup(backup)
        backup.close()
    # One transaction (executescript would commit each script): a kill mid-migration leaves
    # the old version whole, never new tables under the old version number.
    steps = (TABLES + V2 if version < 2 else "") + V3
    db.execute("BEGIN")
    try:
        for statement in steps.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _rekey(db: sqlite3.Connection, canon: dict, key: Rekey) -> None:
    wanted = json.dumps(canon, sort_keys=True)
    row = db.execute("SELECT value FROM meta WHERE key = 'canon'").fetchone()
    if row and row[0] == wanted:
        return
    with db:
        for table in KEYED:
            columns = V3_COLUMNS[table]
            rows = db.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY last_seen"
            ).fetchall()
            db.execute(f"DELETE FROM {table}")
            # Two old keys may meet in one new key (a URL with and without `?from=list`):
            # the most recently seen row wins.
            db.executemany(
                f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                [(key(r[1], r[0]), *r[1:]) for r in rows],
            )
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('canon', ?)", (wanted,))
