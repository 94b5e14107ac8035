"""Incremental crawls: the state extension that repairs, ingests and serves the crawl state."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.run.feeds import (
    LINE_FORMATS,
    PART_SUFFIX,
    AtomicFileFeedStorage,
    anchored,
    feed_pattern,
    local_path,
    state_feed_problem,
    state_feeds,
)
from crawler.run.sidecars import RejectItem
from crawler.run.state import CrawlState, recover_output, repair_part_file
from crawler.signals import article_rejected, request_failed

# Rejects that will not change by asking again soon; incremental runs skip these URLs
# (a full run, -a full=1, asks again). Transient failures (5xx, timeouts) are retried.
PERMANENT_REJECTS = frozenset(
    {"http_404", "http_410", "not_html", "missing_title", "body_too_short"}
)


def feed_patterns(crawler: Crawler, spider: Spider) -> list[str]:
    """Globs of this spider's finished feed files, from the FEEDS templates (any URI a user
    sets: %(run_id)s, %(time)s, %(batch_id)d, fixed names), not matching sidecars."""
    patterns = (
        feed_pattern(str(u), spider) for u in state_feeds(crawler.settings.getdict("FEEDS"))
    )
    return [p for p in patterns if p]


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
        if not crawler.settings.getbool("STATE_ENABLED"):
            raise NotConfigured("STATE_ENABLED is off")
        # `scrapy crawl` refuses such FEEDS at start in one line (PortalSpider.check_profile).
        problem = state_feed_problem(crawler.settings.getdict("FEEDS"))
        if problem:
            raise ValueError(problem)
        ext = cls(crawler, anchored(crawler.settings.get("STATE_DIR")))
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
        rejects_uri = self.crawler.settings.get("REJECTS_URI")
        rejects = local_path(rejects_uri, spider) if rejects_uri else None
        finished = recover_output(rejects.parent).finished if rejects else []
        patterns = feed_patterns(self.crawler, spider)
        for pattern in patterns:
            for part in sorted(glob.glob(pattern + PART_SUFFIX)):
                final, torn, _ = repair_part_file(Path(part))
                finished.append(final)
                stats.inc_value("state/torn_bytes", torn)
        for path in finished:
            spider.logger.warning("Recovered %s left by an interrupted run", path)
        stats.inc_value("state/recovered_files", len(finished))
        # A sidecar whose URI a user pointed into the feed folder is never read as a feed.
        sidecars = {
            Path(p)
            for name in ("REJECTS_URI", "FAILED_URI")
            for p in glob.glob(feed_pattern(self.crawler.settings.get(name) or "", spider) or "")
        }
        for pattern in patterns:
            for feed in sorted(Path(p) for p in glob.glob(pattern)):
                if feed in sidecars:
                    continue
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
        if getattr(slot, "format", None) not in LINE_FORMATS:
            return  # a JSON array or CSV feed beside the JSON-lines one: not read back
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
        if reason == "offsite":  # asking again cannot fetch it: the failed file has it
            return
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
