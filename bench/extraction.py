"""Extraction + normalization time per labelled article page of ../shared (not a test).

Each page is served as bytes with a bare text/html (as `python -m crawler evaluate` does),
its encoding detected, parsed, extracted and finalized into the exported record (the
domain's profile if one matches, else generic): the best of `--repeat` runs counts. Prints
median / p95 / max per folder for the whole page, and over both folders the part after
parsing (extraction + normalization of a freshly parsed page, which is what the crawl adds
to Scrapy's own decoding and parsing).

    .venv/bin/python bench/extraction.py [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import datetime

from crawler.assistant.record_check import exported_record
from crawler.commands.evaluate import (
    DEFAULT_SHARED,
    FOLDERS,
    load_labels,
    page_bytes,
    served_response,
)
from crawler.fetch.encoding import fix_encoding
from crawler.normalize.dates import SHANGHAI
from crawler.settings import BODY_MIN_CHARS
from crawler.site.loading import iter_profiles, profile_for_url

PROFILES = list(iter_profiles())
NOW = datetime.datetime.now(SHANGHAI)


def process_page(url: str, body: bytes) -> dict:
    """One page as the crawl handles it: decode, parse, extract, finalize."""
    response = fix_encoding(served_response(url, body))
    return exported_record(
        response.selector,
        url,
        profile_for_url(url, PROFILES),
        now=NOW,
        min_body_chars=BODY_MIN_CHARS,
    )


def after_parsing_ms(url: str, body: bytes) -> float:
    """Milliseconds of extraction + normalization alone, on a page parsed just before (a
    fresh tree each time: the extractor's per-element caches must start empty)."""
    selector = fix_encoding(served_response(url, body)).selector
    profile = profile_for_url(url, PROFILES)
    started = time.perf_counter()
    exported_record(selector, url, profile, now=NOW, min_body_chars=BODY_MIN_CHARS)
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile the corpus pages")
    args = parser.parse_args()
    everything: list[float] = []
    after_parsing: list[float] = []
    for folder_name in FOLDERS:
        folder = DEFAULT_SHARED / folder_name
        labels = load_labels(folder)
        pages = [
            (label["url"], page_bytes(folder, name))
            for name, label in sorted(labels.items())
            if label["kind"] == "article"
        ]
        ms, parsed = [], []
        for url, body in pages:
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                process_page(url, body)
                best = min(best, time.perf_counter() - started)
            ms.append(best * 1000)
            parsed.append(min(after_parsing_ms(url, body) for _ in range(args.repeat)))
        everything += ms
        after_parsing += parsed
        print(
            f"{folder_name:10s} n={len(ms):3d}  median {statistics.median(ms):6.2f} ms  "
            f"p95 {percentile(ms, 0.95):6.2f} ms  max {max(ms):6.2f} ms"
        )
        print(
            f"{'  parsed':10s} n={len(ms):3d}  median {statistics.median(parsed):6.2f} ms  "
            f"p95 {percentile(parsed, 0.95):6.2f} ms  max {max(parsed):6.2f} ms"
        )
        if args.profile and folder_name == "corpus":
            profiler = cProfile.Profile()
            profiler.enable()
            for url, body in pages:
                process_page(url, body)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    print(
        f"{'both':10s} n={len(everything):3d}  median {statistics.median(everything):6.2f} ms  "
        f"p95 {percentile(everything, 0.95):6.2f} ms  (targets: median <= 3, p95 <= 12)"
    )
    print(
        f"{'  parsed':10s} n={len(after_parsing):3d}  median "
        f"{statistics.median(after_parsing):6.2f} ms  p95 {percentile(after_parsing, 0.95):6.2f} ms"
        "  (extraction + normalization after Scrapy's decoding and parsing)"
    )


if __name__ == "__main__":
    main()
