"""One benchmark crawl in its own process (a Twisted reactor starts once per process).

usage: crawl_once.py {bare,full,full-nowarc} BASE_URL STATS_JSON OUTPUT_DIR [STATE_DIR]
(no STATE_DIR: incremental state switched off; full-nowarc: full with WARC_ENABLED off)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.project import get_project_settings

from spiders.portal import PortalSpider

ShjcdjSpider = PortalSpider.for_profile("shjcdj")


class BareSpider(ShjcdjSpider):
    """Follows exactly the links the real spider follows; article pages are not parsed."""

    name = "bare"
    site_id = "shjcdj"

    def parse_article(self, response: Response, column: str | None = None):
        return []


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM). Not ru_maxrss: Linux carries the parent's peak
    into it across fork and exec, so a crawl started by a big parent reported the parent."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def output_settings(output_dir: str) -> dict:
    """Feeds, sidecars, report and archive of a benchmark crawl under `output_dir` (the
    project's layout: articles in <spider>/, the rest in <spider>/_runs/)."""
    runs = f"{output_dir}/%(name)s/_runs/%(run_id)s"
    return {
        "FEEDS": {f"{output_dir}/%(name)s/%(run_id)s.jsonl": {"format": "jsonlines",
                                                              "encoding": "utf8"}},
        "REJECTS_URI": f"{runs}.rejects.jsonl",
        "FAILED_URI": f"{runs}.failed.jsonl",
        "REPORT_URI": f"{runs}.report.json",
        "WARC_DIR": f"{output_dir}/archive/%(name)s",
    }  # fmt: skip


def main() -> None:
    variant, base_url, stats_path, output_dir = sys.argv[1:5]
    state_dir = sys.argv[5] if len(sys.argv) > 5 else None
    settings = get_project_settings()
    settings.setdict(
        {
            "LOG_LEVEL": "WARNING",
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "CONCURRENT_REQUESTS": 16,
            "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "ROBOTSTXT_OBEY": True,
            **output_settings(output_dir),
            "STATE_ENABLED": state_dir is not None,
            "STATE_DIR": state_dir or "",
            "PROGRESS_INTERVAL": 0,
        },
        priority="cmdline",
    )
    if variant == "full-nowarc":
        settings.set("WARC_ENABLED", False, priority="cmdline")
    if variant == "bare":
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
        settings.set("FEEDS", {}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider if variant == "bare" else ShjcdjSpider)
    started, cpu_started = time.perf_counter(), time.process_time()
    process.crawl(crawler, base_url=base_url)
    process.start()
    elapsed = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started  # every thread of this process
    stats = crawler.stats.get_stats()
    Path(stats_path).write_text(
        json.dumps(
            {
                "elapsed": elapsed,
                "cpu_seconds": cpu_seconds,
                "responses": stats.get("response_received_count", 0),
                "requests": stats.get("downloader/request_count", 0),
                "items": stats.get("item_scraped_count", 0),
                "rejects": stats.get("rejects/count", 0),
                "errors": stats.get("log_count/ERROR", 0),
                "warc_bytes": stats.get("warc/bytes", 0),
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
