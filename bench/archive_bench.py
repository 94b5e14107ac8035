"""`make bench`, archive part: WARC capture cost, archive size, re-extraction and dataset speed.

1. A generated portal (demo templates + 2,000 synthetic articles) on loopback, answering each
   request after a stated latency (50 ms, as bench.py's first table); the full `shjcdj` spider
   crawls it with WARC capture on and off, alternating, several rounds, each in its own
   process: the median pages/s of each, their ratio (target >= 0.9), and CPU per response.
2. Archive bytes per exported article (gzip per record, WARC_GZIP_LEVEL).
3. `reextract` of one crawl's archive (no network) versus that crawl: pages/s.
4. `dataset` over 20,000 articles in 10 run feeds (10% of them updated in a later run): time
   to build the Parquet file, and its size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import rates  # noqa: E402  (bench/bench.py: this folder is on sys.path)
from crawler.archive.dataset import build, run_feeds  # noqa: E402
from crawler.demo.build import build_site  # noqa: E402
from crawler.demo.server import serve  # noqa: E402
from crawler.items import EXPORT_FIELDS  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}


def run_script(script: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args], check=True, cwd=ROOT, env=ENV
    )


def crawl(variant: str, base_url: str, out: Path, state: Path | None = None) -> dict:
    stats_path = out.parent / f"{out.name}-{variant}-{time.monotonic_ns()}.json"
    run_script(
        "crawl_once.py",
        variant,
        base_url,
        str(stats_path),
        str(out),
        *([str(state)] if state else []),
    )
    stats = json.loads(stats_path.read_text())
    stats["pages_per_s"] = stats["responses"] / stats["elapsed"]
    return stats


def synthetic_feeds(folder: Path, articles: int, runs: int) -> None:
    """`runs` feeds of articles/runs new records each, plus 10% of earlier ones updated."""
    rng = random.Random(11)
    folder.mkdir(parents=True, exist_ok=True)
    per_run = articles // runs
    for run in range(runs):
        run_id = f"202611{run + 1:02d}T000000.000Z"
        numbers = list(range(run * per_run, (run + 1) * per_run))
        updated = rng.sample(range(run * per_run), k=min(run * per_run, per_run // 10))
        lines = []
        for n in numbers + updated:
            day = 1 + n % 28
            record = {
                "url": f"http://www.shjcdj.cn/jcdj/2020{1 + n % 12:02d}/t2020_{n}.html",
                "site": "shjcdj", "site_name": "上海基层党建网", "column": "基层党建",
                "breadcrumb": ["党建首页", "基层党建"], "title": f"第{n}篇 {'标题' * 8}",
                "published_at": f"2020-{1 + n % 12:02d}-{day:02d}" if n % 2
                else f"2020-{1 + n % 12:02d}-{day:02d}T10:20:00+08:00",
                "published_date": f"2020-{1 + n % 12:02d}-{day:02d}",
                "published_raw": f"2020年{1 + n % 12}月{day}日", "source": "崇明区委组织部",
                "author": None, "editor": "张三", "body": "党建工作。" * 300,
                "images": [f"http://www.shjcdj.cn/images//{n}.jpg"] if n % 5 == 0 else [],
                "attachments": [], "files": [], "fingerprint": f"{n:040x}",
                "crawled_at": f"2026-11-{run + 1:02d}T00:{n % 60:02d}:00Z",
                "updated": n in updated,
            }  # fmt: skip
            lines.append(json.dumps({k: record.get(k) for k in EXPORT_FIELDS}, ensure_ascii=False))
        (folder / f"{run_id}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--latency", type=float, default=0.05, help="seconds the portal waits before each answer"
    )
    parser.add_argument("--dataset-articles", type=int, default=20000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dangjian-archive-bench-") as tmp:
        work = Path(tmp)
        expected = build_site(work / "site", synthetic_articles=args.articles)
        print(f"generated portal: {len(expected['articles'])} articles")
        server, base_url = serve(work / "site", delay=args.latency)
        try:
            on, off = [], []
            for _ in range(args.rounds):
                off.append(crawl("full-nowarc", base_url, work / "tput"))
                on.append(crawl("full", base_url, work / "tput"))
            crawled = crawl("full", base_url, work / "re", work / "re-state")
        finally:
            server.shutdown()  # re-extraction below has no portal to ask
        stats_path = work / "reextract.json"
        run_script("reextract_once.py", str(stats_path), str(work / "re"), str(work / "re-state"))
        replay = json.loads(stats_path.read_text())

        feeds = work / "feeds" / "shjcdj"
        synthetic_feeds(feeds, args.dataset_articles, 10)
        started = time.perf_counter()
        rows = build(run_feeds(feeds), work / "articles.parquet")
        dataset_s = time.perf_counter() - started
        parquet_mb = (work / "articles.parquet").stat().st_size / 1e6
        feed_mb = sum(p.stat().st_size for p in run_feeds(feeds)) / 1e6

    print(
        f"\n== WARC capture: crawl throughput, portal answers after {args.latency * 1000:.0f} ms "
        f"({args.rounds} rounds alternating) =="
    )
    medians = {}
    for name, runs in (("WARC off", off), ("WARC on", on)):
        medians[name], line = rates(runs)
        print(f"{name:9s} {line}  items {runs[-1]['items']}")
    print(
        f"on / off median pages/s ratio: {medians['WARC on'] / medians['WARC off']:.2f} "
        "(target >= 0.9)"
    )
    per_article = crawled["warc_bytes"] / max(1, crawled["items"])
    per_response = crawled["warc_bytes"] / max(1, crawled["responses"])
    print(
        f"\n== archive size ==\n{crawled['warc_bytes'] / 1e6:.1f} MB for {crawled['items']} "
        f"articles: {per_article / 1024:.1f} KB per article ({per_response / 1024:.1f} KB per "
        "response, lists and robots.txt included)"
    )
    rate = replay["responses"] / replay["elapsed"]
    print(
        f"\n== reextract (portal stopped) vs the crawl it replays ==\n"
        f"crawl      {crawled['responses']:6d} responses {crawled['pages_per_s']:7.1f} pages/s\n"
        f"reextract  {replay['responses']:6d} responses {rate:7.1f} pages/s "
        f"(+ index {replay['index_s']:.2f}s; {replay['not_archived']} not archived, "
        f"{replay['items']} exported, {replay['unchanged']} unchanged)\n"
        f"reextract / crawl pages/s: {rate / crawled['pages_per_s']:.2f}"
    )
    print(
        f"\n== dataset ==\n{rows} articles from 10 feeds ({feed_mb:.0f} MB of JSON lines) "
        f"-> Parquet {parquet_mb:.1f} MB in {dataset_s:.2f}s"
    )


if __name__ == "__main__":
    main()
