"""Distributed runs against a real redis-server, with workers as real processes.

Loopback portals (the demo portal with a few hundred generated articles, and the ccdi, govcn
and 12371 mirrors): workers killed with SIGKILL mid-crawl, the exporter too, and the run
still exports every article exactly once; two workers keep one portal's delay between them
(request times taken by the server); a second, scheduled run over the Redis state fetches
only what is new.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis

from crawler.demo.build import build_site
from crawler.demo.server import serve
from tests.conftest import ROOT
from tests.support.mirrors import ccdi, cn12371, govcn, mirror_site
from tests.support.redis_server import redis_prefix, redis_url

__all__ = ["redis_prefix", "redis_url"]  # fixtures

pytestmark = pytest.mark.slow

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}


def options(prefix: str, delay: float = 0, lease: float = 2) -> list[str]:
    pairs = [f"DISTRIBUTED_PREFIX={prefix}", f"DOWNLOAD_DELAY={delay}",
             f"DISTRIBUTED_LEASE_SECONDS={lease}", "DISTRIBUTED_STATS_INTERVAL=1",
             "DISTRIBUTED_WORKER_WAIT=20", "RETRY_BACKOFF_BASE=0", "LOG_LEVEL=WARNING",
             "CONCURRENT_REQUESTS_PER_DOMAIN=8"]  # fmt: skip
    return [a for pair in pairs for a in ("-s", pair)]


def start(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    """A command in `cwd`, its output in files there (a killed process leaves no pipe)."""
    cwd.mkdir(parents=True, exist_ok=True)
    with (cwd / "stdout").open("ab") as out, (cwd / "stderr").open("ab") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "scrapy", *args], cwd=cwd, env=ENV, stdout=out, stderr=err
        )
    process.cwd = cwd  # type: ignore[attr-defined]
    return process


def finish(process: subprocess.Popen[bytes], timeout: float = 120) -> tuple[int, str, str]:
    code = process.wait(timeout=timeout)
    cwd: Path = process.cwd  # type: ignore[attr-defined]
    out = (cwd / "stdout").read_text(encoding="utf-8")
    err = (cwd / "stderr").read_text(encoding="utf-8")
    return code, out, err


def record_requests(server) -> list[tuple[float, str]]:
    """Have the server note (time, path) of every request it answers."""
    log: list[tuple[float, str]] = []
    base = server.RequestHandlerClass

    class Recording(base):
        def do_GET(self):
            log.append((time.monotonic(), self.path))
            super().do_GET()

        def do_POST(self):
            log.append((time.monotonic(), self.path))
            super().do_POST()

    server.RequestHandlerClass = Recording
    return log


def exported(out: Path) -> Counter[str]:
    urls: Counter[str] = Counter()
    for feed in out.glob("*/*Z.jsonl"):
        for line in feed.read_text(encoding="utf-8").splitlines():
            urls[json.loads(line)["url"]] += 1
    return urls


def stream_length(client: redis.Redis, prefix: str) -> int:
    run_id = client.get(f"{prefix}:current")
    return client.xlen(f"{prefix}:run:{run_id.decode()}:items") if run_id else 0


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_killed_workers_and_exporter_lose_nothing_and_export_once(
    redis_url, redis_prefix, tmp_path
):
    client = redis.Redis.from_url(redis_url)
    with ExitStack() as stack:
        site = tmp_path / "demo"
        expected = build_site(site, synthetic_articles=300)
        demo, demo_url = serve(site, delay=0.002)
        stack.callback(demo.shutdown)
        wanted = {demo_url + p for p in expected["articles"]}
        bases = {"shjcdj": demo_url}
        for name, module in (("ccdi", ccdi), ("govcn", govcn), ("cn12371", cn12371)):
            mirror, bases[name] = stack.enter_context(mirror_site(module, tmp_path / name))
            wanted |= {bases[name] + p for p in mirror.articles}
        args = [a for name, url in bases.items() for a in ("-a", f"{name}:base_url={url}")]
        coordinator = ["crawlall", "--redis", redis_url, *bases, *args, *options(redis_prefix)]
        worker = ["worker", "--redis", redis_url, *options(redis_prefix)]
        run_dir = tmp_path / "coordinator"
        first = start(coordinator, run_dir)
        workers = [start(worker, tmp_path / f"worker{i}") for i in (1, 2)]
        stack.callback(lambda: [p.kill() for p in (first, *workers) if p.poll() is None])
        wait_for(lambda: stream_length(client, redis_prefix) >= 60)
        workers[0].send_signal(signal.SIGKILL)  # a worker dies mid-crawl: its leases expire
        wait_for(lambda: stream_length(client, redis_prefix) >= 150)
        first.send_signal(signal.SIGKILL)  # the exporter (and seeder, and a worker) dies too
        first.wait(timeout=10)
        assert list((run_dir / "output").glob("*/*.part")), "the exporter had not written yet?"
        resumed = start(coordinator, run_dir)  # resumes the run in progress
        code, out, err = finish(resumed)
        assert code == 0, err[-3000:]
        assert "resuming run" in err
        worker_code, _, worker_err = finish(workers[1])
        assert worker_code == 0, worker_err[-3000:]
    urls = exported(run_dir / "output")
    assert {u: n for u, n in urls.items() if n > 1} == {}, "exported twice"
    assert sorted(wanted - set(urls)) == [], "lost"
    assert set(urls) == wanted
    assert not list(tmp_path.rglob("*.part"))
    assert not (tmp_path / "worker2" / "output").exists()  # workers write nothing locally
    lines = [x for x in out.splitlines() if ": ok - " in x]
    assert [x.split(":")[0] for x in lines] == list(bases)
    reports = [
        json.loads(p.read_text()) for p in (run_dir / "output").glob("*/_runs/*.report.json")
    ]
    assert sum(r["exported"] for r in reports) == len(wanted)
    dropped = sum(r["duplicates_dropped"] for r in reports)
    print(f"kill -9: {len(wanted)} expected, {len(urls)} exported once, 0 twice, 0 lost; "
          f"{dropped} duplicate records dropped by the exporter")  # fmt: skip
    assert not client.keys(f"{redis_prefix}:run:*")  # the finished run's keys are gone


def test_two_workers_keep_the_portal_delay_between_them(redis_url, redis_prefix, tmp_path):
    delay = 0.25
    site = tmp_path / "demo"
    build_site(site)
    server, base = serve(site)
    log = record_requests(server)
    try:
        run = ["crawlall", "--redis", redis_url, "shjcdj", "-a", f"base_url={base}",
               "-a", "max_pages=2", *options(redis_prefix, delay=delay)]  # fmt: skip
        coordinator = start(run, tmp_path / "coordinator")
        helper = start(["worker", "--redis", redis_url, *options(redis_prefix, delay=delay)],
                       tmp_path / "worker")  # fmt: skip
        code, _, err = finish(coordinator)
        helper_code, helper_out, helper_err = finish(helper)
    finally:
        server.shutdown()
    assert code in (0, 3), err[-3000:]
    assert helper_code == 0, helper_err[-3000:]
    helped = int(helper_out.split(" - ")[1].split()[0])
    assert helped > 3, helper_out  # the second worker did take part
    log.sort()
    assert len(log) > 15
    gaps = [(b[0] - a[0], a[1], b[1]) for a, b in itertools.pairwise(log)]
    print(f"politeness: {len(log)} requests, smallest gap {min(gaps)[0]:.3f} s (delay {delay})")
    assert min(gaps)[0] >= delay - 0.03, sorted(gaps)[:5]


def test_second_scheduled_run_fetches_only_new_articles(redis_url, redis_prefix, tmp_path):
    site = tmp_path / "demo"
    build_site(site, synthetic_articles=40)
    server, base = serve(site)
    log = record_requests(server)
    run = ["crawlall", "--redis", redis_url, "shjcdj", "-a", f"base_url={base}",
           *options(redis_prefix)]  # fmt: skip
    try:
        code, _, err = finish(start(run, tmp_path / "run"))
        assert code == 0, err[-3000:]
        before = set(exported(tmp_path / "run" / "output"))
        expected = build_site(site, synthetic_articles=40, newest_articles=12)
        log.clear()
        code, out, err = finish(start(run, tmp_path / "run"))
    finally:
        server.shutdown()
    assert code == 0, err[-3000:]
    new = {base + p for p in expected["articles"]} - before
    assert len(new) == 12
    feeds = sorted((tmp_path / "run" / "output" / "shjcdj").glob("*Z.jsonl"))
    assert len(feeds) == 2
    second = {json.loads(x)["url"] for x in feeds[-1].read_text(encoding="utf-8").splitlines()}
    assert second == new
    fetched = {base + path.lstrip("/") for _, path in log}
    articles_fetched = {u for u in fetched if u.endswith(".html") and "/index" not in u}
    assert articles_fetched - new <= {u for u in fetched if "index" in u}, "re-fetched known"
    assert "12 new" in out
