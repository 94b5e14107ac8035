"""Incremental crawls: the state extension that repairs, ingests and serves the crawl state."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.run.feeds import AtomicFileFeedStorage, local_path
from crawler.run.sidecars import RejectItem
from crawler.run.state import CrawlState, feed_files, recover_output
from crawler.signals import article_rejected, request_failed

# Rejects that will not change by asking again soon; incremental runs skip these URLs
# (a full run, -a full=1, asks again). Transient failures (5xx, timeouts) are retried.
PERMANENT_REJECTS = frozenset(
    {"http_404", "http_410", "not_html", "missing_title", "body_too_short"}
)
# Feed files this project names itself (run ids); others in a shared folder are not ours.
_RUN_FILE = re.compile(r"^\d{8}T\d{6}\.\d{3}Z\.jsonl$")


def output_folders(crawler: Crawler, spider: Spider) -> list[Path]:
    """Folders that this spider's feeds and rejects files are written to."""
    templates = [*crawler.settings.getdict("FEEDS"), crawler.settings.get("REJECTS_URI") or ""]
    folders: list[Path] = []
    for template in templates:
        path = local_path(str(template), spider) if template else None
        if path is not None and path.parent not in folders:
            folders.append(path.parent)
    return folders


class IncrementalState:
    """Opens `STATE_DIR/<spider>.sqlite` for spiders that crawl incrementally.

    On open: closes `.part` files a killed run left (torn last lines set aside) and ingests
    every finished feed not yet in the state. During the crawl: the spider asks it which list
    entries are known. On close: ingests this run's feed once it is renamed into place, and
    remembers permanent rejects.
    """

    def __init__(self, crawler: Crawler, state_dir: Path):
        self.crawler = crawler
        self.state_dir = state_dir
        self.state: CrawlState | None = None
        self.rejects: list[tuple[str, str]] = []
        self.failures: list[tuple[str, str, str, str | None, int]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalState:
        if not crawler.settings.getbool("STATE_ENABLED", True):
            raise NotConfigured("STATE_ENABLED is off")
        ext = cls(crawler, Path(crawler.settings.get("STATE_DIR") or "state"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.article_rejected, signal=article_rejected)
        crawler.signals.connect(ext.request_failed, signal=request_failed)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        profile = getattr(spider, "profile", None)
        if profile is None or not getattr(spider, "incremental", False):
            return
        # The spider name is an identifier (profile ids are validated), so this stays inside.
        path = self.state_dir / f"{spider.name}.sqlite"
        self.state = CrawlState(path, urlsplit(profile.base_url).hostname)
        stats = self.crawler.stats
        for folder in output_folders(self.crawler, spider):
            recovery = recover_output(folder)
            for finished in recovery.finished:
                spider.logger.warning(
                    "Recovered %s left by an interrupted run (torn bytes set aside: %d)",
                    finished,
                    recovery.torn_bytes,
                )
            stats.inc_value("state/recovered_files", len(recovery.finished))
            stats.inc_value("state/torn_bytes", recovery.torn_bytes)
            for feed in feed_files(folder):
                if _RUN_FILE.match(feed.name):
                    ingested = self.state.ingest_feed(feed)
                    if ingested:
                        spider.logger.info("Ingested %d earlier records from %s", ingested, feed)
                        stats.inc_value("state/ingested_on_start", ingested)
        counts = self.state.counts()
        stats.set_value("state/known_articles", counts["articles"])
        stats.set_value("state/known_rejects", counts["rejects"])
        stats.set_value("state/known_failed", counts["failed"])
        spider.crawl_state = self.state  # type: ignore[attr-defined]

    def feed_slot_closed(self, slot: Any) -> None:
        storage = getattr(slot, "storage", None)
        if self.state is None or not isinstance(storage, AtomicFileFeedStorage):
            return
        if storage.final_path.exists():
            count = self.state.ingest_feed(storage.final_path)
            self.crawler.stats.inc_value("state/ingested", count)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, RejectItem) and exception.reason in PERMANENT_REJECTS:
            self.rejects.append((exception.url, exception.reason))

    def article_rejected(self, url: str, reason: str) -> None:
        if reason in PERMANENT_REJECTS:
            self.rejects.append((url, reason))

    def request_failed(
        self, url: str, reason: str, attempts: int = 1, kind: str = "article",
        column: str | None = None,
    ) -> None:  # fmt: skip
        self.failures.append((url, reason, kind, column, attempts))

    def spider_closed(self, spider: Spider) -> None:
        if self.state is None:
            return
        if getattr(spider, "retry_failed", False):
            # This run asked every recorded failure again: what fails again is re-recorded.
            self.state.forget_failures(url for url, _, _ in self.state.failures())
        if self.rejects:
            self.state.record_rejects(self.rejects)
        if self.failures:
            self.state.record_failures(self.failures)

    def engine_stopped(self) -> None:
        # After every spider_closed handler, the feed exporter's included: ingestion is done.
        if self.state is not None:
            spider = self.crawler.spider
            if self.crawler.stats.get_value("finish_reason") == "finished" and spider:
                self.state.record_walks(getattr(spider, "walked_columns", ()))
            self.state.close()
            self.state = None
