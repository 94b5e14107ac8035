"""A progress line every PROGRESS_INTERVAL seconds, the same on a terminal and in cron logs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


class ProgressLog:
    """One INFO line per interval: pages, exports, rejects, errors, exports per column."""

    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.per_column: Counter[str] = Counter()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured("PROGRESS_INTERVAL is 0")
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.loop = task.LoopingCall(self.log, spider)
        self.loop.start(self.interval, now=False)

    def item_scraped(self, item: Any) -> None:
        self.per_column[ItemAdapter(item).get("column") or "-"] += 1

    def line(self) -> str:
        stats = self.crawler.stats
        columns = ", ".join(f"{c} {n}" for c, n in sorted(self.per_column.items()))
        return (
            f"progress: {stats.get_value('response_received_count', 0)} pages "
            f"({stats.get_value('list/pages', 0)} list), "
            f"{stats.get_value('item_scraped_count', 0)} exported, "
            f"{stats.get_value('list/entries_known', 0)} known, "
            f"{stats.get_value('rejects/count', 0)} rejected, "
            f"{stats.get_value('log_count/ERROR', 0)} errors" + (f" | {columns}" if columns else "")
        )

    def log(self, spider: Spider) -> None:
        spider.logger.info(self.line())

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
