"""`make bench` (part 2): many portals at once, many workers, and Redis memory.

1. `scrapy crawlall` of six polite portals (DOWNLOAD_DELAY) with --concurrency 1 versus 6:
   wall time ratio (target >= 4x). Twice: the six shipped portals on their loopback mirrors
   (uneven: the ratio cannot pass the sum of their times over the longest), and six portals
   of one size (six profiles over six demo portals), which measures the concurrency itself.
2. A distributed run (`crawlall --redis` + `scrapy worker`s) with 1, 2 and 3 workers over the
   same mirrors and a demo portal with many generated articles, no delay (not bound by
   politeness): pages/s and the ratio to one worker (target: 3 workers >= 2.5x one).
3. Redis memory per million queued requests and per million seen fingerprints, measured by
   queueing real article requests of a portal spider.

Needs redis-server (Debian package); everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
import scrapy  # noqa: E402

from crawler.demo.build import build_site  # noqa: E402
from crawler.demo.server import serve  # noqa: E402
from crawler.distributed.keys import RunKeys  # noqa: E402
from crawler.distributed.queue import LeaseQueue  # noqa: E402
from spiders.portal import PortalSpider  # noqa: E402
from tests.support.mirrors import ccdi, cn12371, govcn, mirror_site, people  # noqa: E402
from tests.support.redis_server import redis_server  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
MIRRORS = {"ccdi": ccdi, "govcn": govcn, "cn12371": cn12371, "people_dangjian": people,
           "people_cpc": people}  # fmt: skip


def scrapy_cmd(args: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    cwd.mkdir(parents=True, exist_ok=True)
    return subprocess.Popen(
        [sys.executable, "-m", "scrapy", *args], cwd=cwd, env=ENV,
        stdout=subprocess.DEVNULL, stderr=(cwd / "stderr").open("wb"),
    )  # fmt: skip


def portals(stack: ExitStack, work: Path, demo_articles: int) -> dict[str, str]:
    site = work / "demo"
    build_site(site, synthetic_articles=demo_articles)
    server, demo_url = serve(site)
    stack.callback(server.shutdown)
    bases = {"shjcdj": demo_url}
    for name, module in MIRRORS.items():
        _, bases[name] = stack.enter_context(mirror_site(module, work / name))
    return bases


def base_args(bases: dict[str, str]) -> list[str]:
    return [a for name, url in bases.items() for a in ("-a", f"{name}:base_url={url}")]


def crawlall_ratio(work: Path, delay: float) -> dict:
    with ExitStack() as stack:
        bases = portals(stack, work, 0)
        times = {}
        # The demo portal is cut to one list page per column: the six then take a similar
        # time alone (the ratio can reach sum/max of the single times, no more).
        for concurrency in (1, 6):
            started = time.monotonic()
            process = scrapy_cmd(
                ["crawlall", *bases, *base_args(bases), "--concurrency", str(concurrency),
                 "-a", "shjcdj:max_pages=1", "-s", f"DOWNLOAD_DELAY={delay}",
                 "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"],
                work / f"crawlall{concurrency}",
            )  # fmt: skip
            process.wait()
            times[concurrency] = time.monotonic() - started
        runs = (work / "crawlall1" / "output").glob("*/_runs/*.report.json")
        reports = [json.loads(p.read_text()) for p in runs]
        requests = {r["spider"]: r["requests"] for r in reports}
    ideal = sum(requests.values()) / max(requests.values())
    return {"delay": delay, "requests": requests, "sequential_s": round(times[1], 2),
            "concurrent_s": round(times[6], 2), "ratio": round(times[1] / times[6], 2),
            "ideal_ratio_sum_over_max": round(ideal, 2)}  # fmt: skip


def distributed_rate(work: Path, url: str, workers: int, demo_articles: int) -> dict:
    prefix = f"bench{uuid.uuid4().hex[:8]}"
    opts = ["-s", f"DISTRIBUTED_PREFIX={prefix}", "-s", "DOWNLOAD_DELAY=0", "-s",
            "LOG_LEVEL=WARNING", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
            "-s", "CONCURRENT_REQUESTS=16"]  # fmt: skip
    with ExitStack() as stack:
        bases = portals(stack, work / f"sites{workers}", demo_articles)
        run_dir = work / f"run{workers}"
        started = time.monotonic()
        coordinator = scrapy_cmd(["crawlall", "--redis", url, *bases, *base_args(bases), *opts],
                                 run_dir)  # fmt: skip
        helpers = [scrapy_cmd(["worker", "--redis", url, *opts], work / f"w{workers}-{i}")
                   for i in range(workers - 1)]  # fmt: skip
        coordinator.wait()
        elapsed = time.monotonic() - started
        for helper in helpers:
            helper.wait()
    runs = (run_dir / "output").glob("*/_runs/*.report.json")
    reports = [json.loads(p.read_text()) for p in runs]
    requests = sum(r["requests"] for r in reports)
    exported = sum(r["exported"] for r in reports)
    return {"workers": workers, "requests": requests, "exported": exported,
            "seconds": round(elapsed, 2), "pages_per_s": round(requests / elapsed, 1)}  # fmt: skip


def redis_memory(url: str, count: int) -> dict:
    server = redis.Redis.from_url(url)
    keys = RunKeys(f"bench{uuid.uuid4().hex[:8]}", "mem")
    spider = PortalSpider.for_profile("shjcdj")()
    queue = LeaseQueue(server, spider, keys, portal="p", delay=0, lease_seconds=60, max_leases=3)
    server.memory_purge()
    before = server.info("memory")["used_memory"]
    pipe_every = 1000
    for i in range(count):  # one script call per push, as workers do
        url_i = f"http://www.shjcdj.cn/djyw/2025{i % 12 + 1:02d}/t2025{i:08d}_{i}.html"
        request = scrapy.Request(
            url_i, callback=spider.parse_article, errback=spider.article_failed,
            cb_kwargs={"column": "党建要闻"},
        )  # fmt: skip
        queue.push(request)
    queued = server.info("memory")["used_memory"]
    seen_key = keys.dupefilter() % {"spider": spider.name}
    pipe = server.pipeline(transaction=False)
    for i in range(count):
        pipe.sadd(seen_key, uuid.uuid4().hex + uuid.uuid4().hex[:8])  # a 40-hex fingerprint
        if i % pipe_every == 0:
            pipe.execute()
    pipe.execute()
    seen = server.info("memory")["used_memory"]
    for key in server.scan_iter(match=f"{keys.base}:*"):
        server.delete(key)
    scale = 1_000_000 / count
    return {"sample": count, "queued_mb_per_million": round((queued - before) * scale / 2**20),
            "seen_mb_per_million": round((seen - queued) * scale / 2**20)}  # fmt: skip


def equal_portals_ratio(work: Path, delay: float, count: int = 6) -> dict:
    """crawlall of `count` equal portals: copies of the demo profile, each its own portal."""
    profiles = work / "profiles"
    profiles.mkdir(parents=True)
    shipped = ROOT / "crawler" / "profiles" / "shjcdj.toml"
    names = [f"equal{i}" for i in range(count)]
    with ExitStack() as stack:
        bases = {}
        for name in names:
            text = shipped.read_text(encoding="utf-8").replace('id = "shjcdj"', f'id = "{name}"')
            (profiles / f"{name}.toml").write_text(text, encoding="utf-8")
            server, bases[name] = serve(ROOT / "crawler" / "demo" / "site")
            stack.callback(server.shutdown)
        times = {}
        for concurrency in (1, count):
            started = time.monotonic()
            process = scrapy_cmd(
                ["crawlall", *names, *base_args(bases), "--concurrency", str(concurrency),
                 "-a", "max_pages=1", "-s", f"PROFILES_DIR={profiles}",
                 "-s", f"DOWNLOAD_DELAY={delay}", "-s", "AUTOTHROTTLE_ENABLED=False",
                 "-s", "LOG_LEVEL=WARNING"],
                work / f"equal{concurrency}",
            )  # fmt: skip
            process.wait()
            times[concurrency] = time.monotonic() - started
    ratio = round(times[1] / times[count], 2)
    return {"delay": delay, "portals": count, "sequential_s": round(times[1], 2),
            "concurrent_s": round(times[count], 2), "ratio": ratio}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delay", type=float, default=0.5, help="polite DOWNLOAD_DELAY (part 1)")
    parser.add_argument("--articles", type=int, default=1500, help="demo articles (part 2)")
    parser.add_argument("--sample", type=int, default=50_000, help="URLs queued (part 3)")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results["crawlall"] = crawlall_ratio(work / "crawlall", args.delay)
        print("crawlall, 6 polite portals:", results["crawlall"], flush=True)
        results["crawlall_equal"] = equal_portals_ratio(work / "equal", args.delay)
        print("crawlall, 6 equal polite portals:", results["crawlall_equal"], flush=True)
        if shutil.which("redis-server") is None:
            # `make bench` goes on to the end: the distributed part alone needs a Redis.
            print("distributed: skipped: redis-server is not installed "
                  "(Debian: apt-get install redis-server)", flush=True)  # fmt: skip
            print(json.dumps(results, indent=2))
            return
        with redis_server(work) as url:
            rates = [distributed_rate(work / "dist", url, n, args.articles) for n in (1, 2, 3)]
            for rate in rates:
                rate["ratio_to_one"] = round(rate["pages_per_s"] / rates[0]["pages_per_s"], 2)
                print("distributed:", rate, flush=True)
            results["distributed"] = rates
            results["redis_memory"] = redis_memory(url, args.sample)
            print("redis memory:", results["redis_memory"], flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
