"""`make bench`: crawl throughput and extraction cost, as ratios against same-run baselines.

1. A generated portal (demo templates + 2,000 synthetic articles) is served on loopback by a
   separate process (so that the server's CPU is not the crawler's), answering each request
   after a stated latency (50 ms: a portal across a network; then none, where the crawl is
   bound by the crawler's CPU alone). A bare spider that follows the same links (no
   extraction, no pipelines, no feed) and the full `shjcdj` spider each crawl it in their own
   process, alternating in pairs: pages/s and their ratio, CPU per response, and each
   crawler process's own peak RSS.
2. How long the portal generator takes for growing sizes (it must stay linear).
3. Extraction + normalization time per demo article page, median and p95, in-process with the
   crawl's own code (the real pages of ../shared: bench/extraction.py).
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


def serve_elsewhere(site: Path, latency: float = 0.0) -> tuple[subprocess.Popen[str], str]:
    """Serve the portal from its own process, each answer `latency` s late; return the
    process and its base URL."""
    code = (
        "import sys, time\n"
        "from crawler.demo.server import serve\n"
        "server, url = serve(sys.argv[1], delay=float(sys.argv[2]))\n"
        "print(url, flush=True)\n"
        "while True: time.sleep(3600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(site), str(latency)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def builder_times(sizes: tuple[int, ...]) -> list[tuple[int, float]]:
    """Seconds to generate portals of these sizes (the builder must stay linear)."""
    out = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="dangjian-build-") as tmp:
            started = time.perf_counter()
            build_site(Path(tmp) / "site", synthetic_articles=size)
            out.append((size, time.perf_counter() - started))
    return out


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


def rates(runs: list[dict]) -> tuple[float, str]:
    """The median pages/s of several crawls, and a line with their spread and CPU per response
    (the crawl's last run gives the response count)."""
    pages_per_s = [r["pages_per_s"] for r in runs]
    median = statistics.median(pages_per_s)
    cpu = statistics.median(1000 * r["cpu_seconds"] / max(1, r["responses"]) for r in runs)
    return median, (
        f"{runs[-1]['responses']:6d} responses  median {median:6.1f} pages/s "
        f"(min {min(pages_per_s):.1f}, max {max(pages_per_s):.1f})  CPU {cpu:.2f} ms/response"
    )


def print_throughput(latency: float, bares: list[dict], fulls: list[dict], rounds: int) -> None:
    print(
        f"\n== crawl throughput, portal answers after {latency * 1000:.0f} ms "
        f"(same portal, same run, {rounds} rounds alternating) =="
    )
    medians = {}
    for name, runs in (("bare spider", bares), ("full shjcdj", fulls)):
        medians[name], line = rates(runs)
        last = runs[-1]
        print(
            f"{name:12s} {line}  items {last['items']:5d}  rejects {last['rejects']}  "
            f"errors {last['errors']}  peak RSS {max(r['peak_rss_mb'] for r in runs):.0f} MB"
        )
    ratio = medians["full shjcdj"] / medians["bare spider"]
    # Each round's two crawls ran back to back under the same load: their ratio is paired.
    pairs = [f["pages_per_s"] / b["pages_per_s"] for b, f in zip(bares, fulls, strict=True)]
    target = (
        " (target >= 0.90)"
        if latency
        else " (no latency: bound by CPU, the ratio of the two spiders' CPU per response)"
    )
    print(
        f"full / bare median pages/s ratio: {ratio:.2f}; median of paired rounds: "
        f"{statistics.median(pairs):.2f}{target}"
    )
    # Round 0's full crawl of the first table also fills the incremental state.
    print("paired rounds: " + " ".join(f"{p:.2f}" for p in pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5, help="timing repeats per page (min)")
    parser.add_argument(
        "--rounds", type=int, default=7, help="crawls of each spider (one varies by ~5%%)"
    )
    parser.add_argument(
        "--latencies", type=float, nargs="+", default=[0.05, 0.0],
        help="seconds the portal waits before each answer, one throughput table each "
        "(the first also serves the scheduled runs)",
    )  # fmt: skip
    parser.add_argument(
        "--builder-sizes", type=int, nargs="*", default=[2000, 10000, 50000],
        help="portal sizes to time the generator on",
    )  # fmt: skip
    args = parser.parse_args()

    tables = []
    with tempfile.TemporaryDirectory(prefix="dangjian-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        started = time.perf_counter()
        expected = build_site(site, synthetic_articles=args.articles)
        n_articles = len(expected["articles"])
        print(f"generated portal: {n_articles} articles in {time.perf_counter() - started:.1f}s")
        state = work / "state"
        for index, latency in enumerate(args.latencies):
            server, base_url = serve_elsewhere(site, latency)
            try:
                # Alternate the two spiders, several rounds: one crawl's pages/s varies by
                # ~10% with what else the two cores do; the median of each is comparable.
                bares, fulls = [], []
                for round_ in range(args.rounds):
                    bares.append(crawl("bare", base_url, work))
                    # The first full crawl fills the state used by the scheduled runs below.
                    first = index == 0 and round_ == 0
                    fulls.append(crawl("full", base_url, work, state if first else None))
                tables.append((latency, bares, fulls))
                if index == 0:
                    full = fulls[0]
                    # Ten articles are published; the scheduled run comes back.
                    build_site(site, synthetic_articles=args.articles, newest_articles=10)
                    second = crawl("full", base_url, work, state)
                    stateless = crawl("full", base_url, work)
            finally:
                server.terminate()
                server.wait()

    for latency, bares, fulls in tables:
        print_throughput(latency, bares, fulls, args.rounds)

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

    print("\n== portal builder (generated articles -> seconds; linear is constant s/1k) ==")
    for size, seconds in builder_times(tuple(args.builder_sizes)):
        print(f"{size:7d} articles {seconds:7.1f}s  {seconds / size * 1000:5.2f} s per 1k")

    print("\n== extraction + normalization per article page (best of repeats) ==")
    demo_dir = ROOT / "crawler" / "demo" / "site"
    demo_expected = json.loads((demo_dir / "expected.json").read_text(encoding="utf-8"))
    headers_map = json.loads((demo_dir / "_headers.json").read_text(encoding="utf-8"))
    demo_pages = [
        ("http://www.shjcdj.cn/" + p, (demo_dir / p).read_bytes(),
         {"Content-Type": headers_map.get(p, "text/html; charset=utf-8")})
        for p in demo_expected["articles"]
    ]  # fmt: skip
    # The labelled real pages of ../shared: bench/extraction.py (run next by `make bench`).
    sets = [("demo pages", ShjcdjSpider, demo_pages, {})]
    for name, cls, pages, kwargs in sets:
        ms = time_pages(cls, pages, args.repeat, **kwargs)
        print(
            f"{name:11s} n={len(ms):3d}  median {statistics.median(ms):6.2f} ms  "
            f"p95 {percentile(ms, 0.95):6.2f} ms  max {max(ms):6.2f} ms (target median < 5 ms)"
        )


if __name__ == "__main__":
    main()
