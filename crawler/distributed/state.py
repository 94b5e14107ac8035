"""The incremental state in Redis, behind the interface of the SQLite state (run/state.py).

Same rules as the SQLite state: the state is derived from finished feed files only (the
exporter ingests a file after renaming it), a file is ingested once, and the stop rule's
evidence is the same: an article is *established* for a column when it was known before the
column's last complete walk by a run that finished (navigation.py). Walks are recorded by the
exporter only when a whole distributed run finished, after its feeds were ingested.

    <prefix>:state:<spider>:articles   hash key -> {"fp", "date", "column", "first", "last"}
    <prefix>:state:<spider>:rejects    hash key -> {"reason", "first", "last", "attempts"}
    <prefix>:state:<spider>:failed     hash key -> {"url", "reason", "kind", "column", ...}
    <prefix>:state:<spider>:walks      hash column -> completed_at
    <prefix>:state:<spider>:newest     hash column -> newest date known (kept on ingest)
    <prefix>:state:<spider>:settled    hash column -> newest date when the walk was recorded
    <prefix>:state:<spider>:ingested   hash feed file name -> records
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from crawler.distributed.keys import state_key
from crawler.normalize.record import content_digest
from crawler.run.state import Known, _records, now_utc
from crawler.run.urls import url_key


class RedisCrawlState:
    """One spider's state in Redis; the methods of `crawler.run.state.CrawlState`."""

    def __init__(
        self,
        server: Any,
        prefix: str,
        spider: str,
        home_host: str | None = None,
        tracking: Iterable[str] = (),
    ):
        self.server = server
        self.home_host = home_host
        self.tracking = tuple(tracking)  # URL_TRACKING_PARAMS, as in the SQLite state
        self.k = {
            what: state_key(prefix, spider, what)
            for what in (
                "articles", "rejects", "failed", "walks", "newest", "settled", "ingested",
                "fingerprints",
            )
        }  # fmt: skip

    def close(self) -> None:
        """Nothing to close: the Redis client is shared."""

    def key(self, url: str) -> str:
        return url_key(url, self.home_host, self.tracking)

    def known_content(self, fingerprint: str | None) -> str | None:
        """The URL of an exported article with this content fingerprint, if any."""
        if not fingerprint:
            return None
        raw = self.server.hget(self.k["fingerprints"], fingerprint)
        return raw.decode() if raw else None

    def _article(self, url: str) -> dict[str, Any] | None:
        raw = self.server.hget(self.k["articles"], self.key(url))
        return json.loads(raw) if raw else None

    def known(self, url: str) -> Known | None:
        row = self._article(url)
        if row is None:
            return None
        day = date.fromisoformat(row["date"]) if row.get("date") else None
        return Known(row.get("fp"), day, row.get("digest"))

    def rejected(self, url: str) -> str | None:
        raw = self.server.hget(self.k["rejects"], self.key(url))
        return json.loads(raw)["reason"] if raw else None

    def established(self, column: str, url: str) -> bool:
        walk = self.server.hget(self.k["walks"], column)
        if walk is None:
            return False
        walk = walk.decode()
        row = self._article(url)
        if row is None:
            raw = self.server.hget(self.k["rejects"], self.key(url))
            row = json.loads(raw) if raw else None
        return row is not None and row["first"] < walk

    def newest_established_date(self, column: str) -> date | None:
        # The column's newest date when its last complete walk was recorded: every article
        # known then was first seen before the walk's completion, and none known later is.
        raw = self.server.hget(self.k["settled"], column)
        return date.fromisoformat(raw.decode()) if raw else None

    def newest_date(self, column: str | None = None) -> date | None:
        if column is not None:
            raw = self.server.hget(self.k["newest"], column)
            return date.fromisoformat(raw.decode()) if raw else None
        values = [v.decode() for v in self.server.hvals(self.k["newest"])]
        return date.fromisoformat(max(values)) if values else None

    def _seen_now(self) -> str:
        walks = [v.decode() for v in self.server.hvals(self.k["walks"])]
        now = now_utc()
        return max([now, *walks])

    def counts(self) -> dict[str, int]:
        pipe = self.server.pipeline()
        for what in ("articles", "rejects", "failed"):
            pipe.hlen(self.k[what])
        articles, rejects, failed = pipe.execute()
        return {"articles": articles, "rejects": rejects, "failed": failed}

    def ingested(self, name: str) -> bool:
        return bool(self.server.hexists(self.k["ingested"], name))

    def ingest_feed(self, path: Path) -> int:
        """Record every article of a finished feed file; once per file name (one MULTI)."""
        if self.ingested(path.name):
            return 0
        seen = self._seen_now()
        keys = []
        rows = []
        for record in _records(path):
            if record.get("url"):
                keys.append(self.key(record["url"]))
                rows.append(record)
        old = self.server.hmget(self.k["articles"], keys) if keys else []
        newest: dict[str, str] = {}
        pipe = self.server.pipeline(transaction=True)
        for key, record, before in zip(keys, rows, old, strict=True):
            prior = json.loads(before) if before else {}
            day = record.get("published_date") or prior.get("date")
            column = record.get("column") or prior.get("column")
            value = {"url": record["url"], "fp": record.get("fingerprint"), "date": day,
                     "digest": content_digest(record),
                     "column": column, "first": prior.get("first", seen), "last": seen}  # fmt: skip
            pipe.hset(self.k["articles"], key, json.dumps(value, ensure_ascii=False))
            if record.get("fingerprint"):
                pipe.hset(self.k["fingerprints"], record["fingerprint"], record["url"])
            pipe.hdel(self.k["rejects"], key)
            pipe.hdel(self.k["failed"], key)
            if column and day and day > newest.get(column, ""):
                newest[column] = day
        olds = self.server.hmget(self.k["newest"], list(newest)) if newest else []
        current = dict(zip(newest, olds, strict=True))
        for column, day in newest.items():
            if current[column] is None or current[column].decode() < day:
                pipe.hset(self.k["newest"], column, day)
        pipe.hset(self.k["ingested"], path.name, len(keys))
        pipe.execute()
        return len(keys)

    def record_walks(self, columns: Iterable[str]) -> None:
        seen = now_utc()
        columns = list(columns)
        if not columns:
            return
        newest = self.server.hmget(self.k["newest"], columns)
        pipe = self.server.pipeline(transaction=True)
        for column, day in zip(columns, newest, strict=True):
            pipe.hset(self.k["walks"], column, seen)
            if day is not None:
                pipe.hset(self.k["settled"], column, day)
        pipe.execute()

    def record_rejects(self, rejects: Iterable[tuple[str, str]]) -> None:
        seen = self._seen_now()
        for url, reason in rejects:
            key = self.key(url)
            raw = self.server.hget(self.k["rejects"], key)
            prior = json.loads(raw) if raw else {}
            value = {"url": url, "reason": reason, "first": prior.get("first", seen),
                     "last": seen, "attempts": prior.get("attempts", 0) + 1}  # fmt: skip
            self.server.hset(self.k["rejects"], key, json.dumps(value, ensure_ascii=False))

    def record_failures(self, failures: Iterable[tuple[str, str, str, str | None, int]]) -> None:
        seen = now_utc()
        for url, reason, kind, column, attempts in failures:
            key = self.key(url)
            raw = self.server.hget(self.k["failed"], key)
            prior = json.loads(raw) if raw else {}
            value = {"url": url, "reason": reason, "kind": kind, "column": column,
                     "attempts": prior.get("attempts", 0) + attempts, "last": seen}  # fmt: skip
            self.server.hset(self.k["failed"], key, json.dumps(value, ensure_ascii=False))

    def failures(self) -> list[tuple[str, str, str | None]]:
        rows = [json.loads(v) for v in self.server.hvals(self.k["failed"])]
        rows.sort(key=lambda r: r["last"])
        return [(r["url"], r["kind"], r["column"]) for r in rows]

    def forget_failures(self, urls: Iterable[str]) -> None:
        keys = [self.key(u) for u in urls]
        if keys:
            self.server.hdel(self.k["failed"], *keys)
