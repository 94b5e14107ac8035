"""The one exporter of a distributed run: the Redis stream into the run's atomic files.

Workers add every record, rejected page and failed URL to the run's stream. The exporter (in
the `scrapy crawlall --redis` process, one per run by a lock with a lease) reads them with a
consumer group and writes `<file>.part` files where the run was started; each stream entry is
acknowledged only after the whole run is over and its files are renamed into place, ingested
into the Redis state and reported. The exactly-once rules:

- a record of a URL already written in this run is a duplicate (a request whose worker died
  after exporting but before its ack was done again): counted, not written;
- a restarted exporter drops the `.part` files of the one before (nothing in them was
  acknowledged) and reads its pending entries again from the start; a spider whose final
  file exists was renamed before the crash: its entries are all in that file, so they are
  skipped, and the rest of its finishing (ingest, report) is done again, idempotently.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from crawler.contracts import is_permanent
from crawler.distributed.keys import (
    EXPORT_GROUP,
    EXPORTER,
    RunInfo,
    RunKeys,
    finish_run,
    spider_done,
)
from crawler.distributed.report import read_lines as _lines
from crawler.distributed.report import spider_report
from crawler.distributed.state import RedisCrawlState
from crawler.run.feeds import PART_SUFFIX, local_path
from crawler.run.state import url_key

logger = logging.getLogger(__name__)

KINDS = ("item", "reject", "failed")


@dataclass
class SpiderOutput:
    """One spider's files of the run: the feed, the rejects and the failed file."""

    name: str
    home_host: str | None
    paths: dict[str, Path | None]  # kind -> final path (None: not written)
    files: dict[str, IO[bytes]] = field(default_factory=dict)
    seen: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    finalized: bool = False
    duplicates: int = 0

    def part(self, kind: str) -> Path | None:
        path = self.paths[kind]
        return path.with_name(path.name + PART_SUFFIX) if path else None

    def write(self, kind: str, url: str, data: bytes) -> None:
        path = self.part(kind)
        if path is None:
            return
        key = url_key(url, self.home_host) if url else ""
        if key in self.seen[kind]:
            self.duplicates += kind == "item"
            return
        self.seen[kind].add(key)
        if kind not in self.files:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.files[kind] = path.open("wb")
        self.files[kind].write(data if data.endswith(b"\n") else data + b"\n")

    def rename_all(self) -> None:
        """fsync and rename every file into place; the feed is written even when empty."""
        feed = self.part("item")
        if feed is not None and "item" not in self.files:
            feed.parent.mkdir(parents=True, exist_ok=True)
            self.files["item"] = feed.open("wb")
        for kind in ("reject", "failed", "item"):  # the feed last: it marks the spider done
            file = self.files.pop(kind, None)
            if file is None:
                continue
            file.flush()
            os.fsync(file.fileno())
            file.close()
            final = self.paths[kind]
            assert final is not None
            os.replace(str(final) + PART_SUFFIX, final)
        self.finalized = True


class Exporter(threading.Thread):
    """Runs beside the coordinator's crawlers; `reports` holds each spider's run report."""

    def __init__(
        self,
        server: Any,
        prefix: str,
        info: RunInfo,
        *,
        settings: Any,
        templates: dict[str, str],
        home_hosts: dict[str, str | None],
    ):
        super().__init__(name="exporter", daemon=True)
        self.server = server
        self.prefix = prefix
        self.info = info
        self.settings = settings
        self.keys = RunKeys(prefix, info.run_id)
        self.lock_key = self.keys.run_key("exporter")
        self.token = f"{os.getpid()}:{time.time()}"
        self.lease_ms = round(settings.getfloat("DISTRIBUTED_LEASE_SECONDS") * 1000)
        self.stopping = threading.Event()
        self.reports: dict[str, dict[str, Any]] = {}
        self.error: BaseException | None = None
        self.has_lock = False
        self.outputs: dict[str, SpiderOutput] = {}
        for name in info.spiders:
            params = SimpleNamespace(name=name, run_id=info.run_id)
            paths = {
                kind: local_path(templates[kind], params) if templates.get(kind) else None
                for kind in KINDS
            }
            self.outputs[name] = SpiderOutput(name, home_hosts.get(name), paths)
        self.ids: list[bytes] = []

    def stop(self) -> None:
        self.stopping.set()

    def run(self) -> None:
        try:
            if not self._acquire():
                return
            self._prepare()
            self._read("0")  # a crashed exporter's entries, all unacknowledged
            while not self.stopping.is_set():
                self._renew()
                if self._read(">", block_ms=300):
                    continue
                # Workers add entries before they acknowledge: once every spider is done,
                # nothing can come after one more read.
                if self._all_done() and not self._read(">"):
                    self._finish()
                    return
        except BaseException as exc:  # reported by the command, which exits 1
            self.error = exc
            logger.exception("The exporter stopped")

    def _all_done(self) -> bool:
        return all(spider_done(self.server, self.keys, n) for n in self.info.spiders)

    def _acquire(self) -> bool:
        while not self.stopping.is_set():
            if self.server.set(self.lock_key, self.token, nx=True, px=self.lease_ms):
                self.has_lock = True
                return True
            self.stopping.wait(0.5)
        return False

    def _renew(self) -> None:
        owner = self.server.get(self.lock_key)
        if owner is not None and owner.decode() != self.token:
            raise RuntimeError("another exporter took over this run (this one stalled)")
        self.server.set(self.lock_key, self.token, px=self.lease_ms)

    def _prepare(self) -> None:
        for out in self.outputs.values():
            feed = out.paths["item"]
            if feed is not None and feed.exists():
                out.finalized = True  # renamed before a crash: its entries are in the files
                logger.info("Exporter: %s was written before a restart: %s", out.name, feed)
                continue
            for kind in KINDS:
                part = out.part(kind)
                if part is not None and part.exists():
                    part.unlink()  # nothing in it was acknowledged: rebuilt from the stream

    def _read(self, start: str, block_ms: int | None = None) -> int:
        """Handle entries from `start` ("0": this consumer's pending ones, all of them;
        ">": new ones); the number handled."""
        handled = 0
        last = start
        while True:
            answer = self.server.xreadgroup(
                EXPORT_GROUP, EXPORTER, {self.keys.items: last}, count=1000,
                block=block_ms if start == ">" else None,
            )  # fmt: skip
            entries = answer[0][1] if answer else []
            if not entries:
                return handled
            for entry_id, fields in entries:
                self.ids.append(entry_id)
                out = self.outputs.get(fields[b"s"].decode())
                if out is not None and not out.finalized:
                    out.write(fields[b"k"].decode(), fields[b"u"].decode(), fields[b"d"])
            handled += len(entries)
            if start == ">":
                return handled
            last = entries[-1][0]

    def _finish(self) -> None:
        states = {}
        for out in self.outputs.values():
            if not out.finalized:
                out.rename_all()
            state = RedisCrawlState(
                self.server, self.prefix, out.name, out.home_host,
                self.settings.getlist("URL_TRACKING_PARAMS"),
            )  # fmt: skip
            feed = out.paths["item"]
            if feed is not None:
                state.ingest_feed(feed)
            self._record_outcomes(state, out)
            states[out.name] = state
        self._wait_for_worker_stats()
        for name, state in states.items():
            out = self.outputs[name]
            walked = {
                c.decode() for c in self.server.smembers(self.keys.spider_key(name, "walked"))
            }
            # After every feed of the run was ingested: the walk establishes what they hold.
            state.record_walks(sorted(walked))
            self.reports[name] = spider_report(self.server, self.keys, self.settings, out, state)
        for i in range(0, len(self.ids), 1000):
            self.server.xack(self.keys.items, EXPORT_GROUP, *self.ids[i : i + 1000])
        finish_run(self.server, self.prefix, self.info.run_id)

    def _record_outcomes(self, state: RedisCrawlState, out: SpiderOutput) -> None:
        if str(self.info.spider_args.get(out.name, {}).get("retry_failed", "")) in ("1", "true"):
            state.forget_failures(url for url, _, _ in state.failures())
        rejects = [(r["url"], r["reason"]) for r in _lines(out.paths["reject"])]
        state.record_rejects([(u, r) for u, r in rejects if is_permanent(r)])
        failures = [
            (r["url"], r["reason"], r.get("kind") or "article", r.get("column"),
             int(r.get("attempts") or 1))
            for r in _lines(out.paths["failed"])
        ]  # fmt: skip
        failures += poisoned_failures(self.server, self.keys, out.name)
        if failures:
            state.record_failures(failures)

    def _wait_for_worker_stats(self) -> None:
        """Workers publish their final stats as they close, just after the run is done."""
        deadline = time.monotonic() + self.lease_ms / 1000
        while time.monotonic() < deadline and not self.stopping.is_set():
            fresh = True
            for name in self.info.spiders:
                for raw in self.server.hvals(self.keys.spider_key(name, "stats")):
                    payload = json.loads(raw)
                    age = time.time() - float(payload["stats"].get("distributed/published", 0))
                    if not payload["final"] and age < self.lease_ms / 1000:
                        fresh = False  # a live worker not closed yet
            if fresh:
                return
            time.sleep(0.1)


def poisoned_failures(server: Any, keys: RunKeys, spider: str) -> list[tuple]:
    """Requests that killed every worker that leased them, as failures (retry_failed)."""
    from scrapy_redis import picklecompat  # noqa: PLC0415

    found = []
    for data in server.lrange(keys.spider_key(spider, "failed"), 0, -1):
        request = picklecompat.loads(data)
        kwargs = request.get("cb_kwargs") or {}
        column = kwargs.get("column")
        column = getattr(column, "name", column)
        kind = "list" if request.get("callback") == "parse_list" else "article"
        found.append((request["url"], "worker_lost", kind, column, 1))
    return found
