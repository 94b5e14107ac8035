"""Crawl extensions: the rejects file, where every page that did not become an article goes."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.extensions.feedexport import apply_uri_params

from crawler.feeds import PART_SUFFIX
from crawler.signals import article_rejected


class RejectItem(DropItem):
    """An item that fails validation: dropped from the feed, kept in the rejects file."""

    def __init__(self, reason: str, url: str, detail: str = ""):
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason, self.url, self.detail = reason, url, detail


class RejectsWriter:
    """Write one JSON line per rejected page to REJECTS_URI and count it in the stats.

    Sources: `RejectItem` drops from the pipelines and the `article_rejected` signal that
    spiders send for pages that never became an item (404, not HTML, failed download).
    """

    def __init__(self, crawler: Crawler, uri_template: str):
        self.crawler = crawler
        self.uri_template = uri_template
        self.path: Path | None = None
        self.file: IO[str] | None = None
        self.count = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RejectsWriter:
        s = crawler.settings
        if not s.getbool("REJECTS_ENABLED", True):
            raise NotConfigured("REJECTS_ENABLED is off")
        ext = cls(crawler, s.get("REJECTS_URI"))
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.article_rejected, signal=article_rejected)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def _open(self, spider: Spider) -> IO[str]:
        if self.file is None:
            params = {k: getattr(spider, k) for k in dir(spider) if not k.startswith("__")}
            self.path = Path(apply_uri_params(self.uri_template, params))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.file = open(str(self.path) + PART_SUFFIX, "w", encoding="utf-8")  # noqa: SIM115
        return self.file

    def write(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        spider = self.crawler.spider
        assert spider is not None
        line = {
            "url": url,
            "reason": reason,
            "detail": detail,
            "spider": spider.name,
            "rejected_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "record": record,
        }
        f = self._open(spider)
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
        f.flush()
        self.count += 1
        self.crawler.stats.inc_value("rejects/count")
        self.crawler.stats.inc_value(f"rejects/{reason}")

    def item_dropped(self, item: Any, response: Any, exception: BaseException) -> None:
        if isinstance(exception, RejectItem):
            self.write(
                exception.url, exception.reason, exception.detail, ItemAdapter(item).asdict()
            )

    def article_rejected(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        self.write(url, reason, detail, record)

    def spider_closed(self, spider: Spider) -> None:
        if self.file is not None and self.path is not None:
            self.file.close()
            os.replace(str(self.path) + PART_SUFFIX, self.path)
            spider.logger.info("%d rejected page(s) written to %s", self.count, self.path)
