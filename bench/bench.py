"""`make bench`: crawl throughput and extraction cost, as ratios against same-run baselines.

1. A generated portal (demo templates + 2,000 synthetic articles) is served on loopback.
   A bare spider that follows the same links (no extraction, no pipelines, no feed) and the
   full `shjcdj` spider each crawl it in their own process: pages/s and their ratio.
2. Extraction + normalization time per article page, median and p95, on the demo pages and on
   ../shared/real_pages (when present), measured in-process with the crawl's own code.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scrapy.http import HtmlResponse  # noqa: E402

from crawler.demo.build import build_site  # noqa: E402
from crawler.demo.server import serve  # noqa: E402
from spiders.article import ArticleSpider  # noqa: E402
from spiders.portal import PortalSpider  # noqa: E402
from tests.support.offline import offline_spider, process_page  # noqa: E402

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

REAL_PAGES = ROOT.parent / "shared" / "real_pages"


def crawl(variant: str, base_url: str, work: Path, state_dir: Path | None = None) -> dict:
    stats_path = work / f"{variant}.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "crawl_once.py"), variant, base_url,
         str(stats_path), str(work / "output"), *([str(state_dir)] if state_dir else [])],
        check=True, cwd=ROOT, env=env,
    )  # fmt: skip
    stats = json.loads(stats_path.read_text())
    stats["pages_per_s"] = stats["responses"] / stats["elapsed"]
    return stats


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_pages(
    spider_cls, pages: list[tuple[str, bytes, dict]], repeat: int, **kwargs
) -> list[float]:
    spider, pipelines = offline_spider(spider_cls, **kwargs)
    timings = []
    for url, body, headers in pages:
        best = float("inf")
        for _ in range(repeat):
            response = HtmlResponse(url, body=body, headers=headers)
            started = time.perf_counter()
            process_page(spider, response, pipelines)
            best = min(best, time.perf_counter() - started)
        timings.append(best * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats per page (min)")
    parser.add_argument("--rounds", type=int, default=3, help="crawls of each spider")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dangjian-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        started = time.perf_counter()
        expected = build_site(site, synthetic_articles=args.articles)
        n_articles = len(expected["articles"])
        print(f"generated portal: {n_articles} articles in {time.perf_counter() - started:.1f}s")
        server, base_url = serve(site)
        state = work / "state"
        try:
            # Alternate the two spiders, several rounds: one crawl's pages/s varies by ~10%
            # with what else the two cores do; the median of each is the comparable figure.
            bares, fulls = [], []
            for round_ in range(args.rounds):
                bares.append(crawl("bare", base_url, work))
                # The first full crawl fills the state used by the scheduled runs below.
                fulls.append(crawl("full", base_url, work, state if round_ == 0 else None))
            full = fulls[0]
            # Ten articles are published; the scheduled run comes back.
            build_site(site, synthetic_articles=args.articles, newest_articles=10)
            second = crawl("full", base_url, work, state)
            stateless = crawl("full", base_url, work)
        finally:
            server.shutdown()

    print(f"\n== crawl throughput (same portal, same run, {args.rounds} rounds alternating) ==")
    medians = {}
    for name, runs in (("bare spider", bares), ("full shjcdj", fulls)):
        rates = [r["pages_per_s"] for r in runs]
        medians[name] = statistics.median(rates)
        last = runs[-1]
        print(
            f"{name:12s} {last['responses']:6d} responses  median {medians[name]:6.1f} pages/s "
            f"(min {min(rates):.1f}, max {max(rates):.1f})  items {last['items']:5d}  "
            f"rejects {last['rejects']}  errors {last['errors']}  "
            f"peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB"
        )
    ratio = medians["full shjcdj"] / medians["bare spider"]
    print(f"full / bare median pages/s ratio: {ratio:.2f} (target >= 0.85)")

    print("\n== scheduled runs (incremental state) ==")
    for name, s in (
        ("first full crawl", full),
        ("second run, 10 new, with state", second),
        ("second run, 10 new, state off", stateless),
    ):
        print(f"{name:32s} {s['requests']:6d} requests {s['elapsed']:7.1f}s  exported {s['items']}")
    print(
        f"requests without state / with state: {stateless['requests'] / second['requests']:.0f}x "
        f"(target >= 50x; bound new + 1 list page per column + robots.txt = {10 + 4 + 1})"
    )

    print("\n== extraction + normalization per article page (best of repeats) ==")
    demo_dir = ROOT / "crawler" / "demo" / "site"
    demo_expected = json.loads((demo_dir / "expected.json").read_text(encoding="utf-8"))
    headers_map = json.loads((demo_dir / "_headers.json").read_text(encoding="utf-8"))
    demo_pages = [
        ("http://www.shjcdj.cn/" + p, (demo_dir / p).read_bytes(),
         {"Content-Type": headers_map.get(p, "text/html; charset=utf-8")})
        for p in demo_expected["articles"]
    ]  # fmt: skip
    sets = [("demo pages", ShjcdjSpider, demo_pages, {})]
    if REAL_PAGES.exists():
        labels = json.loads((REAL_PAGES / "labels.json").read_text(encoding="utf-8"))
        real = [
            (label["url"], (REAL_PAGES / name).read_bytes(), {})
            for name, label in sorted(labels.items())
            if label["kind"] == "article"
        ]
        sets.append(("real pages", ArticleSpider, real, {"urls": "http://unused.example/"}))
    else:
        print(f"({REAL_PAGES} absent: real-page timings skipped)")
    for name, cls, pages, kwargs in sets:
        ms = time_pages(cls, pages, args.repeat, **kwargs)
        print(
            f"{name:11s} n={len(ms):3d}  median {statistics.median(ms):6.2f} ms  "
            f"p95 {percentile(ms, 0.95):6.2f} ms  max {max(ms):6.2f} ms (target median < 5 ms)"
        )


if __name__ == "__main__":
    main()
