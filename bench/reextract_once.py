"""One re-extraction in its own process, timed like crawl_once.py's crawls.

usage: reextract_once.py STATS_JSON OUTPUT_DIR STATE_DIR
(OUTPUT_DIR as given to crawl_once.py: its archive/ and shjcdj/ feeds are read)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from crawl_once import output_settings
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.archive.index import ArchiveIndex
from crawler.archive.replay import reextract_settings, reextract_spider
from spiders.portal import PortalSpider

ShjcdjSpider = PortalSpider.for_profile("shjcdj")


def main() -> None:
    stats_path, output_dir, state_dir = sys.argv[1:4]
    settings = get_project_settings()
    settings.setdict(
        {
            "LOG_LEVEL": "WARNING",
            **output_settings(output_dir),
            "STATE_DIR": state_dir,
            "PROGRESS_INTERVAL": 0,
        },
        priority="cmdline",
    )
    settings.setdict(reextract_settings(settings.getdict("ITEM_PIPELINES")), priority="cmdline")
    started = time.perf_counter()
    index = ArchiveIndex.build(Path(output_dir) / "archive" / "shjcdj")
    index_s = time.perf_counter() - started
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(reextract_spider(ShjcdjSpider))
    started = time.perf_counter()
    process.crawl(crawler, archive_index=index)
    process.start()
    elapsed = time.perf_counter() - started
    stats = crawler.stats.get_stats()
    Path(stats_path).write_text(
        json.dumps(
            {
                "elapsed": elapsed,
                "index_s": index_s,
                "responses": stats.get("archive/replayed", 0),
                "not_archived": stats.get("archive/not_archived", 0),
                "items": stats.get("item_scraped_count", 0),
                "unchanged": stats.get("state/unchanged", 0),
            }
        )
    )


if __name__ == "__main__":
    main()
