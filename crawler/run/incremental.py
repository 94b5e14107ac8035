"""Incremental crawls: the state extension that repairs, ingests and serves the crawl state."""

from __future__ import annotations

import glob
import sqlite3
from collections import Counter
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.contracts import Reason, RunSpider, is_permanent
from crawler.run.errors import StartError
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
from crawler.run.lock import StateLock
from crawler.run.outputs import record_output_error, unique_run_id
from crawler.run.sidecars import RejectItem
from crawler.run.state import CrawlState, owned, recoverable, repair_part_file, sidecar_lines
from crawler.signals import article_rejected, request_failed


def feed_patterns(crawler: Crawler, spider: Spider) -> list[str]:
    """Globs of this spider's finished feed files, from the FEEDS templates (any URI a user
    sets: %(run_id)s, %(time)s, %(batch_id)d, fixed names), not matching sidecars."""
    patterns = (
        feed_pattern(str(u), spider) for u in state_feeds(crawler.settings.getdict("FEEDS"))
    )
    return [p for p in patterns if p]


def output_folders(crawler: Crawler, spider: Spider) -> list[Path]:
    """Folders that this spider's feeds and rejects files are written to (run-id checks)."""
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
        self.lock: StateLock | None = None
        self.prepared = False
        # Stats of the opening, set once the stats collector is open (spider_opened).
        self.opened: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalState:
        spider = crawler.spider
        if not crawler.settings.getbool("STATE_ENABLED"):
            raise NotConfigured("STATE_ENABLED is off")
        # `scrapy crawl` refuses such FEEDS at start in one line (PortalSpider.check_profile).
        problem = state_feed_problem(crawler.settings.getdict("FEEDS"))
        if problem:
            raise ValueError(problem)
        ext = cls(crawler, anchored(crawler.settings.get("STATE_DIR")))
        if spider is not None:
            ext.prepare(spider)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.feed_slot_closed, signal=signals.feed_slot_closed)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.article_rejected, signal=article_rejected)
        crawler.signals.connect(ext.request_failed, signal=request_failed)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def prepare(self, spider: Spider) -> None:
        """Before the engine opens (a run that may not start must fetch and write nothing):
        lock and open the state of an incremental spider, and make the run id unique.

        Called once the extension and the spider both exist: from `from_crawler` when the
        spider is made first (`scrapy crawl`), else from the spider's `from_crawler`
        (`spider_created`; a crawler whose settings were applied early, as in tests)."""
        if self.prepared:
            return
        self.prepared = True
        # The state is kept for spiders that have what it reads (contracts.RunSpider) and ask
        # for it: the portal spiders, not the `article` spider.
        if isinstance(spider, RunSpider) and spider.incremental:
            self.open(spider)
        else:
            unique_run_id(spider, output_folders(self.crawler, spider), None)

    def open(self, spider: Spider) -> None:
        """Lock, open and bring up to date the spider's state; StartError if it cannot."""
        settings = self.crawler.settings
        # The spider name is an identifier (profile ids are validated), so this stays inside.
        self.lock = StateLock(self.state_dir / f"{spider.name}.lock")
        wait = settings.getfloat("STATE_LOCK_WAIT")
        self.lock.acquire(
            wait,
            on_wait=lambda holder: spider.logger.warning(
                "%s: another run holds this spider's state (%s); waiting up to %g s for it "
                "(STATE_LOCK_WAIT)", self.state_dir / f"{spider.name}.lock", holder, wait,
            ),
        )  # fmt: skip
        try:
            assert isinstance(spider, RunSpider) and spider.profile is not None
            self.state = CrawlState(
                self.state_dir / f"{spider.name}.sqlite",
                urlsplit(spider.profile.base_url).hostname,
                settings.getlist("URL_TRACKING_PARAMS"),
                spider.name,
                spider.profile.id,
            )
            self.recover(spider)
            unique_run_id(spider, output_folders(self.crawler, spider), self.state)
        except BaseException:
            if self.state is not None:
                self.state.close()
                self.state = None
            self.lock.release()
            raise

    def recover(self, spider: Spider) -> None:
        """Close what an interrupted run left (`.part` feeds and sidecars; torn last lines set
        aside), then ingest every finished feed of every FEEDS template."""
        assert self.state is not None
        settings = self.crawler.settings
        finished: list[Path] = []
        set_aside: list[Path] = []
        patterns = feed_patterns(self.crawler, spider)
        sidecar_patterns = [
            pattern
            for name in ("REJECTS_URI", "FAILED_URI")
            if (pattern := feed_pattern(settings.get(name) or "", spider))
        ]
        for pattern in (*sidecar_patterns, *patterns):
            for part in sorted(glob.glob(pattern + PART_SUFFIX)):
                if not recoverable(Path(part), (spider.name, self.state.site or spider.name)):
                    # In a folder spiders share: a running crawl's, or another spider's.
                    spider.logger.info("Left %s alone: another crawl's or spider's", part)
                    continue
                final, torn, aside = repair_part_file(Path(part))
                finished.append(final)
                self.opened["state/torn_bytes"] += torn
                if aside is not None:
                    set_aside.append(aside)
        for path in finished:
            spider.logger.warning("Recovered %s left by an interrupted run", path)
        self.learn_recovered_sidecars(spider, finished)
        for path in set_aside:
            # The killed run's half-written last line: its article is fetched again.
            spider.logger.warning("Set the torn last line of an interrupted run aside: %s", path)
        self.opened["state/recovered_files"] += len(finished)
        # A sidecar whose URI a user pointed into the feed folder is never read as a feed.
        sidecars = {
            Path(p)
            for name in ("REJECTS_URI", "FAILED_URI")
            for p in glob.glob(feed_pattern(settings.get(name) or "", spider) or "")
        }
        for pattern in patterns:
            for feed in sorted(Path(p) for p in glob.glob(pattern)):
                if feed in sidecars:
                    continue
                try:
                    ingested = self.state.ingest_feed(feed)
                except (OSError, sqlite3.Error) as exc:
                    raise StartError(f"{feed}: cannot be ingested into the state ({exc})") from None
                if ingested:
                    spider.logger.info("Ingested %d earlier records from %s", ingested, feed)
                    self.opened["state/ingested_on_start"] += ingested

    def learn_recovered_sidecars(self, spider: Spider, recovered: list[Path]) -> None:
        """What a killed run rejected or could not fetch, from its recovered rejects and failed
        files: the state records them when a run closes, which a killed run never did, so the
        next run fetched its permanent rejects again and wrote them to a second rejects file."""
        assert self.state is not None
        settings = self.crawler.settings
        rejects_glob = feed_pattern(settings.get("REJECTS_URI") or "", spider) or ""
        failed_glob = feed_pattern(settings.get("FAILED_URI") or "", spider) or ""
        rejects: list[tuple[str, str]] = []
        failures: list[tuple[str, str, str, str | None, int]] = []
        for path in recovered:
            is_rejects = bool(rejects_glob) and fnmatch(str(path), rejects_glob)
            if not is_rejects and not (failed_glob and fnmatch(str(path), failed_glob)):
                continue
            # A shared sidecar folder (a URI without %(name)s) holds other spiders' lines too.
            for line in sidecar_lines(path):
                if not owned(line, spider.name):
                    continue
                url, reason = line["url"], str(line["reason"])
                if is_rejects:
                    if is_permanent(reason):
                        rejects.append((url, reason))
                elif reason != Reason.OFFSITE:
                    attempts = line.get("attempts")
                    failures.append((
                        url, reason, str(line.get("kind") or "article"),
                        line.get("column") if isinstance(line.get("column"), str) else None,
                        attempts if isinstance(attempts, int) and attempts > 0 else 1,
                    ))  # fmt: skip
        try:
            if rejects:
                self.state.record_rejects(rejects)
            if failures:
                self.state.record_failures(failures)
        except sqlite3.Error as exc:
            raise StartError(f"{self.state.path}: {exc}") from None
        self.opened["state/recovered_rejects"] += len(rejects)
        self.opened["state/recovered_failures"] += len(failures)

    def spider_opened(self, spider: Spider) -> None:
        if self.state is None:
            return
        stats = self.crawler.stats
        for key, value in self.opened.items():
            stats.inc_value(key, value)
        counts = self.state.counts()
        stats.set_value("state/known_articles", counts["articles"])
        stats.set_value("state/known_rejects", counts["rejects"])
        stats.set_value("state/known_failed", counts["failed"])
        if isinstance(spider, RunSpider):
            spider.crawl_state = self.state

    def feed_slot_closed(self, slot: Any) -> None:
        storage = getattr(slot, "storage", None)
        if self.state is None or not isinstance(storage, AtomicFileFeedStorage):
            return
        if getattr(slot, "format", None) not in LINE_FORMATS:
            return  # a JSON array or CSV feed beside the JSON-lines one: not read back
        if not storage.final_path.exists():
            return  # not stored: the next run recovers the `.part` file and ingests it
        try:
            count = self.state.ingest_feed(storage.final_path)
        except (OSError, sqlite3.Error) as exc:
            # The feed is safe; the next run ingests it on start. This run is not `ok`.
            record_output_error(
                self.crawler, "ingest", f"{storage.final_path}: not ingested ({exc})"
            )
            return
        self.crawler.stats.inc_value("state/ingested", count)

    def item_dropped(self, item: Any, exception: BaseException) -> None:
        if isinstance(exception, RejectItem) and is_permanent(exception.reason):
            self.rejects.append((exception.url, exception.reason))

    def article_rejected(self, url: str, reason: str) -> None:
        # Permanent rejects are skipped by incremental runs (full=1 asks again); transient
        # failures (5xx, timeouts) are retried.
        if is_permanent(reason):
            self.rejects.append((url, reason))

    def request_failed(
        self, url: str, reason: str, attempts: int = 1, kind: str = "article",
        column: str | None = None,
    ) -> None:  # fmt: skip
        if reason == Reason.OFFSITE:  # asking again cannot fetch it: the failed file has it
            return
        self.failures.append((url, reason, kind, column, attempts))

    def spider_closed(self, spider: Spider, reason: str = "finished") -> None:
        if self.state is None:
            return
        try:
            if isinstance(spider, RunSpider) and reason == "finished":
                # A finished run got an answer for every failed URL it asked again: what
                # failed again is recorded again below. A cut-short run forgets nothing (it
                # may never have reached most of them: start requests are read lazily).
                self.state.forget_failures(spider.retried_failures)
            if self.rejects:
                self.state.record_rejects(self.rejects)
            if self.failures:
                self.state.record_failures(self.failures)
        except sqlite3.Error as exc:
            record_output_error(self.crawler, "state", f"{self.state.path}: {exc}")

    def engine_stopped(self) -> None:
        # After every spider_closed handler, the feed exporter's included: ingestion is done.
        if self.state is not None:
            spider = self.crawler.spider
            stats = self.crawler.stats
            finished = stats.get_value("finish_reason") == "finished"
            # A walk counts only if everything it found is saved and known to the state.
            if finished and isinstance(spider, RunSpider) and not stats.get_value("output/errors"):
                try:
                    self.state.record_walks(spider.walked_columns)
                except sqlite3.Error as exc:
                    record_output_error(self.crawler, "state", f"{self.state.path}: {exc}")
            self.state.close()
            self.state = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def spider_created(crawler: Crawler, spider: Spider) -> None:
    """The spider's side of IncrementalState.prepare (see there)."""
    if not getattr(crawler, "crawling", False):
        return  # a spider made for offline extraction (assistant, tests): no crawl, no state
    try:
        ext = crawler.get_extension(IncrementalState)
    except RuntimeError:
        return  # extensions not built yet: IncrementalState.from_crawler prepares
    if ext is not None:
        ext.prepare(spider)
