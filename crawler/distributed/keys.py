"""Redis key names and the run record of a distributed crawl.

    <prefix>:current                       the id of the run in progress (absent: none)
    <prefix>:run:<id>:meta                 hash: spiders, per-spider arguments, started_at
    <prefix>:run:<id>:<spider>:<what>      queue, leases, payloads, scores, tries, failed,
                                           seen (dupefilter), stats, walked, lists
    <prefix>:run:<id>:portal:<host>:<what> next (politeness), backoff (429/503)
    <prefix>:run:<id>:items                the export stream (group "export")
    <prefix>:run:<id>:seeded               spiders whose start requests are all queued
    <prefix>:state:<spider>:<what>         the incremental state (crawler/distributed/state.py)

A run's keys are removed when its exporter has finished it; the state keys stay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

EXPORT_GROUP = "export"
EXPORTER = "exporter"  # the one consumer of the group: a restarted exporter reads its PEL


@dataclass(frozen=True)
class RunKeys:
    prefix: str
    run_id: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:run:{self.run_id}"

    def run_key(self, what: str) -> str:
        return f"{self.base}:{what}"

    def spider_key(self, spider: str, what: str) -> str:
        return f"{self.base}:{spider}:{what}"

    def queue(self, spider: str) -> str:
        return self.spider_key(spider, "queue")

    def dupefilter(self) -> str:
        # scrapy-redis's RFPDupeFilter fills in %(spider)s.
        return f"{self.base}:%(spider)s:seen"

    def portal_key(self, portal: str, what: str) -> str:
        return f"{self.base}:portal:{portal}:{what}"

    @property
    def items(self) -> str:
        return self.run_key("items")

    @property
    def seeded(self) -> str:
        return self.run_key("seeded")


def current_key(prefix: str) -> str:
    return f"{prefix}:current"


def state_key(prefix: str, spider: str, what: str) -> str:
    return f"{prefix}:state:{spider}:{what}"


@dataclass(frozen=True)
class RunInfo:
    run_id: str
    spiders: list[str]
    spider_args: dict[str, dict[str, Any]]


def create_run(server: Any, prefix: str, info: RunInfo) -> bool:
    """Make `info` the current run; False if another run is already in progress."""
    keys = RunKeys(prefix, info.run_id)
    if not server.set(current_key(prefix), info.run_id, nx=True):
        return False
    server.hset(
        keys.run_key("meta"),
        mapping={"spiders": json.dumps(info.spiders), "args": json.dumps(info.spider_args)},
    )
    # From id 0: entries written before the exporter first reads are its too.
    server.xgroup_create(keys.items, EXPORT_GROUP, id="0", mkstream=True)
    return True


def current_run(server: Any, prefix: str) -> RunInfo | None:
    run_id = server.get(current_key(prefix))
    if run_id is None:
        return None
    run_id = run_id.decode()
    meta = server.hgetall(RunKeys(prefix, run_id).run_key("meta"))
    if not meta:
        return None
    return RunInfo(run_id, json.loads(meta[b"spiders"]), json.loads(meta[b"args"]))


def pending_counts(server: Any, keys: RunKeys, spider: str) -> tuple[int, int, bool]:
    """(queued, leased, seeded) of one spider in one read."""
    pipe = server.pipeline(transaction=True)
    pipe.zcard(keys.queue(spider))
    pipe.zcard(keys.spider_key(spider, "leases"))
    pipe.sismember(keys.seeded, spider)
    queued, leased, seeded = pipe.execute()
    return int(queued), int(leased), bool(seeded)


def spider_done(server: Any, keys: RunKeys, spider: str) -> bool:
    """Nothing queued or leased anywhere, and every start request queued: nothing can come.

    Sound because a worker pushes the requests a callback yields (and the items it exports)
    before it acknowledges the request that led to them.
    """
    queued, leased, seeded = pending_counts(server, keys, spider)
    return seeded and not queued and not leased


def finish_run(server: Any, prefix: str, run_id: str) -> None:
    """Forget a finished run: its keys (queues, dupefilter, stream) go, the state stays."""
    keys = RunKeys(prefix, run_id)
    batch = []
    for key in server.scan_iter(match=f"{keys.base}:*", count=1000):
        batch.append(key)
        if len(batch) >= 500:
            server.unlink(*batch)
            batch = []
    if batch:
        server.unlink(*batch)
    pipe = server.pipeline(transaction=True)
    pipe.watch(current_key(prefix))
    if pipe.get(current_key(prefix)) == run_id.encode():
        pipe.multi()
        pipe.delete(current_key(prefix))
        pipe.execute()
    pipe.reset()
