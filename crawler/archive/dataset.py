"""One dataset from all finished feeds: the newest version of every article, typed (DuckDB).

DuckDB reads the run feeds (`<run_id>.jsonl`) natively; one row per canonical URL (w3lib's
canonicalize_url, as the crawl's de-duplication) holds its newest version: of the latest run,
then the latest `crawled_at`. Typed columns: timestamps WITH TIME ZONE (a `published_at` of
only a date, `2020-05-13`, or without an offset is Asia/Shanghai local time, never UTC
midnight), DATE, lists as lists (`breadcrumb`, `images`), structs for `attachments` and
`files`. `updated_at` is when that version was crawled, `first_seen_at` when the first was,
`versions` how many exports the article had. Rows are ordered by canonical URL, so a rebuild
from the same feeds gives the same rows, and one after new runs the same plus the new ones.

The file is written next to PATH and renamed into place: Parquet (`.parquet`), a DuckDB
database (`.duckdb`) or SQLite (`.sqlite`, `.sqlite3`, `.db`; timestamps as RFC 3339 text in
UTC, lists as JSON text) by the suffix; the table is `articles`.
"""

from __future__ import annotations

from typing import Any

import os
import re
import sqlite3
from pathlib import Path

import duckdb
from w3lib.url import canonicalize_url

RUN_FEED = re.compile(r"^\d{8}T\d{6}\.\d{3}Z\.jsonl$")
SUFFIXES = {".parquet": "parquet", ".duckdb": "duckdb", ".sqlite": "sqlite",
            ".sqlite3": "sqlite", ".db": "sqlite"}  # fmt: skip

# Every key a feed line may have (older and newer record versions alike); missing ones read
# as NULL, unknown ones are ignored.
COLUMNS = {
    "url": "VARCHAR", "site": "VARCHAR", "site_name": "VARCHAR", "column": "VARCHAR",
    "breadcrumb": "VARCHAR[]", "title": "VARCHAR", "subtitle": "VARCHAR", "published_at": "VARCHAR",
    "published_date": "VARCHAR", "published_precision": "VARCHAR", "published_raw": "VARCHAR",
    "source": "VARCHAR", "author": "VARCHAR", "authors": "VARCHAR[]", "editor": "VARCHAR",
    "body": "VARCHAR",
    "images": "VARCHAR[]", "attachments": "JSON", "files": "JSON", "fingerprint": "VARCHAR",
    "crawled_at": "VARCHAR", "updated": "BOOLEAN", "run_id": "VARCHAR",
    "schema_version": "VARCHAR",
}  # fmt: skip
ATTACHMENT = '[{"url": "VARCHAR", "name": "VARCHAR"}]'
FILE = (
    '[{"url": "VARCHAR", "kind": "VARCHAR", "path": "VARCHAR", "sha256": "VARCHAR", '
    '"size": "BIGINT", "content_type": "VARCHAR", "status": "VARCHAR", "error": "VARCHAR"}]'
)


def _timestamp(name: str) -> str:
    """SQL for a text timestamp: with an offset (or Z) as given; without, Shanghai local."""
    return (
        f"CASE WHEN regexp_matches({name}, '(Z|[+-]\\d\\d:?\\d\\d)$') "
        f"THEN try_cast({name} AS TIMESTAMPTZ) "
        f"ELSE timezone('Asia/Shanghai', try_cast({name} AS TIMESTAMP)) END"
    )


LATEST = f"""
WITH versions AS (
    SELECT *, canonical_url(url) AS canonical_url,
           coalesce(run_id, regexp_extract(filename, '([0-9T.]+Z)\\.jsonl$', 1)) AS run
    FROM read_json($files, format = 'newline_delimited', columns = $columns,
                   filename = true, union_by_name = true)
    WHERE url IS NOT NULL
), ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY canonical_url
                              ORDER BY run DESC, crawled_at DESC, fingerprint DESC) AS newest,
           count(*) OVER (PARTITION BY canonical_url) AS version_count,
           min(crawled_at) OVER (PARTITION BY canonical_url) AS first_crawled_at
    FROM versions
)
SELECT canonical_url, url, site, site_name, "column", breadcrumb, title, subtitle,
       {_timestamp("published_at")} AS published_at,
       try_cast(published_date AS DATE) AS published_date,
       published_precision, published_raw, source, author, authors, editor, body, images,
       from_json(attachments, '{ATTACHMENT}') AS attachments,
       from_json(files, '{FILE}') AS files,
       fingerprint, coalesce(updated, false) AS updated, run AS run_id,
       {_timestamp("crawled_at")} AS updated_at,
       {_timestamp("first_crawled_at")} AS first_seen_at,
       version_count AS versions
FROM ranked WHERE newest = 1
ORDER BY canonical_url
"""


class DatasetError(Exception):
    """A user mistake or missing input: reported as one line."""


def run_feeds(folder: Path) -> list[Path]:
    """The finished run feeds of an output folder (no `.part`, rejects, reports)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if RUN_FEED.match(p.name))


def connect(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(database)
    con.execute("SET TimeZone = 'UTC'")  # the same values whatever the machine's zone
    con.create_function("canonical_url", _canonical, ["VARCHAR"], "VARCHAR")
    return con


def _canonical(url: str) -> str:
    return canonicalize_url(url)


def build(feeds: list[Path], to: Path) -> int:
    """Write the dataset of these feeds to `to`; the number of rows."""
    kind = SUFFIXES.get(to.suffix.lower())
    if kind is None:
        raise DatasetError(f"{to}: unknown suffix; use one of {', '.join(SUFFIXES)}")
    if not feeds:
        raise DatasetError("no finished feed to build a dataset from")
    to.parent.mkdir(parents=True, exist_ok=True)
    tmp = to.with_name(to.name + ".part")
    tmp.unlink(missing_ok=True)
    params = {"files": [str(p) for p in feeds], "columns": COLUMNS}
    if kind == "duckdb":
        con = connect(str(tmp))
        con.execute(f"CREATE TABLE articles AS {LATEST}", params)
        rows = _count(con)
        con.close()
        Path(str(tmp) + ".wal").unlink(missing_ok=True)
    else:
        con = connect()
        con.execute(f"CREATE TEMP TABLE articles AS {LATEST}", params)
        rows = _count(con)
        if kind == "parquet":
            con.execute(f"COPY articles TO '{_quoted(tmp)}' (FORMAT parquet, COMPRESSION zstd)")
        else:
            _to_sqlite(con, tmp)
        con.close()
    os.replace(tmp, to)
    return rows


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _to_sqlite(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    described = con.execute("DESCRIBE articles").fetchall()
    select, columns = [], []
    for name, sql_type, *_ in described:
        quoted = f'"{name}"'
        if "TIME ZONE" in sql_type:
            select.append(f"strftime({quoted}, '%Y-%m-%dT%H:%M:%SZ')")
            columns.append(f"{quoted} TEXT")
        elif sql_type == "DATE":
            select.append(f"strftime({quoted}, '%Y-%m-%d')")
            columns.append(f"{quoted} TEXT")
        elif sql_type.endswith("[]"):
            select.append(f"to_json({quoted})::VARCHAR")
            columns.append(f"{quoted} TEXT")
        elif sql_type in ("BIGINT", "INTEGER", "BOOLEAN"):
            select.append(f"{quoted}::BIGINT")
            columns.append(f"{quoted} INTEGER")
        else:
            select.append(quoted)
            columns.append(f"{quoted} TEXT")
    rows = con.execute(f"SELECT {', '.join(select)} FROM articles").fetchall()
    db = sqlite3.connect(path)
    with db:
        db.execute(f"CREATE TABLE articles ({', '.join(columns)}, PRIMARY KEY (canonical_url))")
        marks = ", ".join("?" * len(columns))
        db.executemany(f"INSERT INTO articles VALUES ({marks})", rows)
    db.close()


def _count(con: Any) -> int:
    row = con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0
