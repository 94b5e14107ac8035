"""The run report: one JSON file per crawl that says whether it went well, and in numbers."""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections import Counter
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.contracts import Stat
from crawler.run.feeds import PART_SUFFIX, local_path
from crawler.run.monitors import CRITICAL_CHECKS, QuietSpidermon

COVERAGE_FIELDS = {
    "date": "published_at",
    "source": "source",
    "author": "author",
    "body": "body",
    "images": "images",
}


def _iso(value: Any) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value is not None else None


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)}


def build_report(
    stats: dict[str, Any],
    present: Counter[str],
    empty_list_pages: list[str],
    declared_empty_list_pages: list[str],
) -> dict[str, Any]:
    """The report of one crawl from its final stats and per-field presence counts."""
    exported = stats.get("item_scraped_count", 0)
    checks = dict(_prefixed(stats, "health/").items())
    failed = {k: v for k, v in checks.items() if v not in ("ok", "skipped")}
    # Output that could not be written, renamed or ingested: nothing of this run is certain.
    output_errors = _prefixed(stats, "output/error/")
    if (
        output_errors
        or stats.get("finish_reason", "finished") != "finished"
        or any(k in CRITICAL_CHECKS for k in failed)
    ):
        status = "failed"
    elif failed:
        status = "degraded"
    else:
        status = "ok"
    methods: dict[str, dict[str, int]] = {}
    for key, count in _prefixed(stats, Stat.EXTRACT_PREFIX).items():
        field, _, method = key.rpartition("/")
        methods.setdefault(field, {})[method] = count
    drift: dict[str, dict[str, int]] = {}
    for key, count in stats.items():
        if parsed := Stat.parse_drift(key):
            column, field = parsed
            drift.setdefault(column, {})[field] = count
    errors = {
        **{
            f"log/{k}": v
            for k, v in _prefixed(stats, "log_count/").items()
            if k in ("ERROR", "CRITICAL")
        },
        **{f"exception/{k}": v for k, v in _prefixed(stats, "spider_exceptions/").items()},
        **{
            f"download/{k}": v
            for k, v in _prefixed(stats, "downloader/exception_type_count/").items()
        },
    }
    if stats.get(Stat.LIST_FAILED):
        errors["list_pages_failed"] = stats[Stat.LIST_FAILED]
    errors.update({f"output/{k}": v for k, v in output_errors.items()})
    for key, count in _prefixed(stats, "feedexport/failed_count/").items():
        errors[f"feed_store_failed/{key}"] = count
    has_state = "state/known_articles" in stats
    return {
        "status": status,
        "finish_reason": stats.get("finish_reason"),
        "started_at": _iso(stats.get("start_time")),
        "finished_at": _iso(stats.get("finish_time")),
        "requests": stats.get("downloader/request_count", 0),
        "responses": dict(sorted(_prefixed(stats, "downloader/response_status_count/").items())),
        "retries": stats.get("retry/count", 0),
        "exported": exported,
        "rejected": stats.get(Stat.REJECTS, 0),
        "failed": stats.get(Stat.FAILED, 0),
        "failed_reasons": {
            k: v for k, v in _prefixed(stats, Stat.FAILED_PREFIX).items() if k != "count"
        },
        "duplicates": sum(_prefixed(stats, "dedup/").values()),
        "duplicate_reasons": dict(sorted(_prefixed(stats, "dedup/").items())),
        "new": stats.get("state/new", 0) if has_state else exported,
        "known": stats.get(Stat.list_entries("known"), 0) + stats.get("state/unchanged", 0),
        "updated": stats.get("state/updated", 0),
        "coverage": {
            name: round(present[name] / exported, 4) if exported else None
            for name in COVERAGE_FIELDS
        },
        "methods": methods,
        "drift": drift,
        "empty_list_pages": empty_list_pages,
        "declared_empty_list_pages": declared_empty_list_pages,
        "errors": errors,
        "checks": checks,
    }


class RunReport:
    """Write REPORT_URI when the engine stops (after spidermon's checks and the feed's close)."""

    def __init__(self, crawler: Crawler, uri_template: str):
        self.crawler = crawler
        self.uri_template = uri_template
        self.present: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        uri = crawler.settings.get("REPORT_URI")
        if not uri:
            raise NotConfigured("REPORT_URI is empty")
        ext = cls(crawler, uri)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        logging.getLogger(spider.name).addFilter(QuietSpidermon())

    def item_scraped(self, item: Any) -> None:
        adapter = ItemAdapter(item)
        for name, key in COVERAGE_FIELDS.items():
            if adapter.get(key):
                self.present[name] += 1

    def engine_stopped(self) -> None:
        spider: Spider | None = self.crawler.spider
        if spider is None:
            return
        stats = self.crawler.stats.get_stats()
        report = {
            "spider": spider.name,
            "run_id": getattr(spider, "run_id", None),
            **build_report(
                stats,
                self.present,
                list(getattr(spider, "empty_list_pages", [])),
                list(getattr(spider, "declared_empty_list_pages", [])),
            ),
        }
        path = local_path(self.uri_template, spider)
        if path is None:
            spider.logger.warning("REPORT_URI is not a local path: no report written")
            return
        part = path.with_name(path.name + PART_SUFFIX)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
            os.replace(part, path)
        except OSError as exc:
            # No report file: the command's exit code and this line are all that is left.
            report["status"] = "failed"
            report["errors"]["output/report"] = f"{part}: {exc.strerror or exc}"
            spider.logger.error("Output error (report): %s: %s", part, exc.strerror or exc)
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
        report["path"] = str(path)
        self.crawler.run_report = report  # type: ignore[attr-defined]
        # The one line a person reads: visible at every LOG_LEVEL (logged at the level itself
        # when that is above INFO, so `-L WARNING` and cron logs keep it).
        configured = logging.getLevelName(str(self.crawler.settings.get("LOG_LEVEL")).upper())
        level = max(logging.INFO, configured if isinstance(configured, int) else logging.INFO)
        spider.logger.log(level, summary_line(report))


def summary_line(report: dict[str, Any]) -> str:
    return (
        f"Run {report['run_id']}: {report['status']}; {report['exported']} exported "
        f"({report['new']} new, {report['updated']} updated), {report['known']} known, "
        f"{report['rejected']} rejected, {report['failed']} failed, {report['requests']} "
        f"requests; report {report['path']}"
    )
