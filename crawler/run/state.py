"""Durable crawl state per spider: what was exported (from finished feed files) and rejected.

The state is derived from the output, never ahead of it: an article becomes "known" only
when a finished feed file holding its record is ingested. A crash can therefore never mark
an unsaved article as done, and re-ingesting a file is a no-op.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.normalize.record import content_digest
from crawler.run.feeds import PART_SUFFIX
from crawler.run.inuse import in_use
from crawler.run.schema import SCHEMA_VERSION, open_db
from crawler.run.urls import url_key


def now_utc() -> str:
    # Microseconds: a walk's completion must sort after the records its own run ingested
    # a moment before (StateView.established compares the two).
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Known:
    fingerprint: str | None
    published_date: date | None
    digest: str | None = None  # content_digest of the exported record


@dataclass
class Recovery:
    """What recover_output() did to files left by an interrupted run."""

    finished: list[Path]  # .part files closed into complete files
    torn_bytes: int  # bytes of torn trailing lines set aside
    set_aside: list[Path]  # where the torn bytes went


def repair_part_file(part: Path) -> tuple[Path, int, Path | None]:
    """Close a `.part` file left by a killed crawl: keep whole lines, set a torn tail aside.

    Returns (finished path, torn bytes, torn-bytes file or None).
    """
    data = part.read_bytes()
    cut = data.rfind(b"\n") + 1
    good, torn = data[:cut], data[cut:]
    # A complete-looking last line that is not valid JSON is torn too (killed mid-write).
    lines = good.splitlines(keepends=True)
    while lines:
        try:
            json.loads(lines[-1])
            break
        except ValueError:
            torn = lines.pop() + torn
    good = b"".join(lines)
    final = part.with_name(part.name[: -len(PART_SUFFIX)])
    aside = None
    if torn:
        aside = final.with_name(final.name + ".torn")
        with aside.open("ab") as f:
            f.write(torn)
    tmp = part.with_name(part.name + ".tmp")
    tmp.write_bytes(good)
    os.replace(tmp, final)
    part.unlink()
    return final, len(torn), aside


def recover_output(folder: Path, spider: str | None = None) -> Recovery:
    """Close the `.part` JSON-lines files of a folder a killed run left (whole lines kept, a
    torn last one set aside). With `spider`, only its own and those that name no spider: in
    a folder spiders share, another's file waits for that spider."""
    recovery = Recovery([], 0, [])
    if not folder.is_dir():
        return recovery
    for part in sorted(folder.glob(f"*.jsonl{PART_SUFFIX}")):
        if not recoverable(part, () if spider is None else (spider,)):
            continue
        final, torn, aside = repair_part_file(part)
        recovery.finished.append(final)
        recovery.torn_bytes += torn
        if aside:
            recovery.set_aside.append(aside)
    return recovery


def line_owner(line: Any) -> str | None:
    """The spider a feed record (its `site`) or a rejects or failed line (its `spider`)
    belongs to; None when it names none."""
    owner = line.get("spider", line.get("site")) if isinstance(line, dict) else None
    return owner if isinstance(owner, str) else None


def first_line_owner(path: Path) -> str | None:
    """line_owner of a file's first line; None when it has no complete first line."""
    with path.open("rb") as f:
        first = f.readline(1 << 20)
    if not first.endswith(b"\n"):
        return None
    try:
        return line_owner(json.loads(first))
    except ValueError:
        return None


def owned(line: Any, owner: str) -> bool:
    """Whether a line is `owner`'s, or names no spider (a folder spiders share holds other
    spiders' lines too)."""
    return line_owner(line) in (None, owner)


def recoverable(part: Path, owners: tuple[str, ...] = ()) -> bool:
    """Whether a `.part` file is a killed run's to close now: no running crawl holds it
    (in_use), and with `owners`, its first line names one of them or no spider (another
    spider's file waits for that spider's next start)."""
    if in_use(part):
        return False
    return not owners or first_line_owner(part) in (None, *owners)


def sidecar_lines(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a rejects or failed file that name a URL and a reason (a line that is
    not one is skipped: the file is information, the crawl does not depend on it)."""
    with path.open("rb") as f:
        for raw in f:
            try:
                line = json.loads(raw)
            except ValueError:
                continue
            if isinstance(line, dict) and isinstance(line.get("url"), str) and line.get("reason"):
                yield line


def feed_files(folder: Path) -> list[Path]:
    """Finished article feeds in an output folder (not rejects, reports or torn tails)."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.endswith((".rejects.jsonl",)))


class CrawlState:
    """SQLite store of one spider's exported and rejected articles."""

    def __init__(
        self,
        path: Path,
        home_host: str | None = None,
        tracking: Iterable[str] = (),
        spider: str | None = None,
        site: str | None = None,
    ):
        """Open (or create) the state; StateError if it is damaged, locked or unknown.

        `site`: the profile id of the spider's records; ingest_feed then skips the records
        of other portals (a feed folder spiders share: FEEDS without %(name)s)."""
        self.path = path
        self.home_host = home_host
        self.tracking = tuple(tracking)
        canon = {"key": "urls.url_key/1", "tracking": sorted(self.tracking)}
        self.site = site
        self.db = open_db(path, spider or path.stem, canon, self.rekey)
        self.schema_version = SCHEMA_VERSION

    def close(self) -> None:
        self.db.close()

    def key(self, url: str) -> str:
        return url_key(url, self.home_host, self.tracking)

    def rekey(self, url: str, old_key: str) -> str:
        """The key of a stored row under the current canonicalisation. A host-less key stays
        host-less: its URL was on the portal's own host (or a mirror of it) when stored."""
        home = urlsplit(url).hostname if old_key.startswith("/") else self.home_host
        return url_key(url, home, self.tracking)

    def known_content(self, fingerprint: str | None) -> str | None:
        """The URL of an exported article with this content fingerprint, if any."""
        if not fingerprint:
            return None
        row = self.db.execute(
            "SELECT url FROM articles WHERE fingerprint = ? LIMIT 1", (fingerprint,)
        ).fetchone()
        return row[0] if row else None

    def known(self, url: str) -> Known | None:
        row = self.db.execute(
            "SELECT fingerprint, published_date, content_digest FROM articles WHERE key = ?",
            (self.key(url),),
        ).fetchone()
        if row is None:
            return None
        return Known(row[0], date.fromisoformat(row[1]) if row[1] else None, row[2])

    def rejected(self, url: str) -> str | None:
        row = self.db.execute("SELECT reason FROM rejects WHERE key = ?", (self.key(url),))
        found = row.fetchone()
        return found[0] if found else None

    def newest_date(self, column: str | None = None) -> date | None:
        if column is None:
            row = self.db.execute("SELECT max(published_date) FROM articles").fetchone()
        else:
            row = self.db.execute(
                "SELECT max(published_date) FROM articles WHERE column_name = ?", (column,)
            ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def established(self, column: str, url: str) -> bool:
        """Whether the URL was known (exported or permanently rejected) before the column's
        last complete walk by a finished run: the stop rule's only evidence (navigation.py).
        What a cut-short run saved is known but not established until such a walk passes it.
        """
        key = self.key(url)
        row = self.db.execute(
            """
            SELECT 1 FROM walks w WHERE w.column_name = ? AND (
                EXISTS (SELECT 1 FROM articles a
                        WHERE a.key = ? AND a.first_seen < w.completed_at)
                OR EXISTS (SELECT 1 FROM rejects r
                           WHERE r.key = ? AND r.first_seen < w.completed_at)
            )
            """,
            (column, key, key),
        ).fetchone()
        return row is not None

    def newest_established_date(self, column: str) -> date | None:
        """The newest publication date among the column's established articles."""
        row = self.db.execute(
            """
            SELECT max(a.published_date) FROM articles a
            JOIN walks w ON w.column_name = a.column_name
            WHERE a.column_name = ? AND a.first_seen < w.completed_at
            """,
            (column,),
        ).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def _seen_now(self) -> str:
        """Now, but never before the latest completed walk: with a clock that stepped back,
        records ingested now must not look established by a walk that never saw them."""
        latest = self.db.execute("SELECT max(completed_at) FROM walks").fetchone()[0]
        now = now_utc()
        return max(now, latest) if latest else now

    def counts(self) -> dict[str, int]:
        articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        rejects = self.db.execute("SELECT count(*) FROM rejects").fetchone()[0]
        failed = self.db.execute("SELECT count(*) FROM failed").fetchone()[0]
        return {"articles": articles, "rejects": rejects, "failed": failed}

    def record_failures(self, failures: Iterable[tuple[str, str, str, str | None, int]]) -> None:
        """(url, reason, kind, column, attempts) of URLs a run could not fetch."""
        seen = now_utc()
        with self.db:
            self.db.executemany(
                """
                INSERT INTO failed (key, url, reason, kind, column_name, attempts, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET reason = excluded.reason,
                    attempts = attempts + excluded.attempts, last_seen = excluded.last_seen
                """,
                [(self.key(u), u, r, k, c, a, seen) for u, r, k, c, a in failures],
            )

    def failures(self) -> list[tuple[str, str, str | None]]:
        """(url, kind, column) of every URL still recorded as failed."""
        rows = self.db.execute("SELECT url, kind, column_name FROM failed ORDER BY last_seen")
        return [(url, kind, column) for url, kind, column in rows]

    def forget_failures(self, urls: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM failed WHERE key = ?", [(self.key(u),) for u in urls])

    def record_walks(self, columns: Iterable[str]) -> None:
        seen = now_utc()
        with self.db:
            self.db.executemany(
                "INSERT INTO walks (column_name, completed_at) VALUES (?, ?) "
                "ON CONFLICT (column_name) DO UPDATE SET completed_at = excluded.completed_at",
                [(column, seen) for column in columns],
            )

    def ingested(self, name: str) -> bool:
        # Rows are file versions, "<name>|<size>|<mtime_ns>" (schema 3), or bare names (older).
        row = self.db.execute(
            "SELECT 1 FROM ingested WHERE file = ? OR substr(file, 1, ?) = ?",
            (name, len(name) + 1, name + "|"),
        ).fetchone()
        return row is not None

    def _upgrade_bare_name(self, name: str, version: str) -> bool:
        """A feed a schema-2 state recorded by name alone is this version of it: record it
        so (no re-read after the migration; a later rewrite of the file is read again)."""
        with self.db:
            changed = self.db.execute(
                "UPDATE ingested SET file = ? WHERE file = ?", (version, name)
            ).rowcount
        return changed > 0

    def ingested_file(self, path: Path) -> bool:
        """Whether this version of the feed file (name, size, mtime) is in the state."""
        return self.ingested(_file_version(path))

    def ingest_feed(self, path: Path) -> int:
        """Record every article of a finished feed file; once per file version (name, size,
        mtime): a fixed feed name rewritten by each run (`overwrite`) is read again."""
        version = _file_version(path)
        if self.ingested(version):
            return 0
        if self._upgrade_bare_name(path.name, version):
            return 0  # ingested by an older crawler, under its name alone

        seen = self._seen_now()
        count = 0
        with self.db:  # one transaction: a file is ingested whole or not at all
            for record in _records(path):
                url = record.get("url")
                if not url or (self.site and not owned(record, self.site)):
                    # Another portal's record, in a feed folder spiders share (FEEDS without
                    # %(name)s): its own state learns it.
                    continue
                self.db.execute(
                    """
                    INSERT INTO articles (key, url, fingerprint, published_date, column_name,
                                          first_seen, last_seen, content_digest)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET
                        url = excluded.url, fingerprint = excluded.fingerprint,
                        content_digest = excluded.content_digest,
                        published_date = coalesce(excluded.published_date, published_date),
                        column_name = coalesce(excluded.column_name, column_name),
                        last_seen = excluded.last_seen
                    """,
                    (
                        self.key(url),
                        url,
                        record.get("fingerprint"),
                        record.get("published_date"),
                        record.get("column"),
                        seen,
                        seen,
                        content_digest(record),
                    ),
                )
                self.db.execute("DELETE FROM rejects WHERE key = ?", (self.key(url),))
                self.db.execute("DELETE FROM failed WHERE key = ?", (self.key(url),))
                count += 1
            self.db.execute(
                "INSERT INTO ingested (file, records, ingested_at) VALUES (?, ?, ?)",
                (version, count, seen),
            )
        return count

    def record_rejects(self, rejects: Iterable[tuple[str, str]]) -> None:
        seen = self._seen_now()
        with self.db:
            for url, reason in rejects:
                self.db.execute(
                    """
                    INSERT INTO rejects (key, url, reason, first_seen, last_seen, attempts)
                    VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT (key) DO UPDATE SET reason = excluded.reason,
                        last_seen = excluded.last_seen, attempts = attempts + 1
                    """,
                    (self.key(url), url, reason, seen, seen),
                )


def _file_version(path: Path) -> str:
    stat = path.stat()
    return f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}"


def _records(path: Path) -> Iterator[dict]:
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
