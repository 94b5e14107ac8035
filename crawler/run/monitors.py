"""Health checks that spidermon runs when a crawl closes; their verdicts feed the run report.

Verdicts are kept in the stats as `health/<check>` = "ok" or the failure message, so the run
report (crawler/report.py) and any stats consumer see the same answer.
"""

from __future__ import annotations

import logging
import warnings

from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import FieldCoverageMonitor as _SpidermonCoverage
from spidermon.contrib.scrapy.monitors import (
    FinishReasonMonitor,
    UnwantedHTTPCodesMonitor,
)
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

from crawler.contracts import Stat

# spidermon 1.27 logs through the deprecated Spider.log(); the messages are fine, the warning
# per run is noise to cron mail.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", module=r"spidermon\.")

# A failure of these means the run produced nothing trustworthy: status "failed".
CRITICAL_CHECKS = frozenset({"FinishReasonMonitor", "ArticlesSeenMonitor"})

logger = logging.getLogger(__name__)


class QuietSpidermon(logging.Filter):
    """Drops spidermon's own result block (25 lines per run, a traceback per failed check)
    from the spider's log: RecordVerdicts logs one line per failed check instead, and the
    run report holds the details."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("[Spidermon]")


@monitors.name("Errors")
class ErrorCountMonitor(BaseScrapyMonitor):
    """At most SPIDERMON_MAX_ERRORS ERROR log lines; a run without any is `ok`, not skipped."""

    @monitors.name("no ERROR log lines")
    def test_errors(self) -> None:
        errors = self.data.stats.get("log_count/ERROR", 0)
        allowed = self.crawler.settings.getint("SPIDERMON_MAX_ERRORS")
        self.assertLessEqual(errors, allowed, msg=f"{errors} ERROR log line(s), see the log")


@monitors.name("Record schema")
class RecordSchemaMonitor(BaseScrapyMonitor):
    """Every exported record matches crawler/schema/article.schema.json (spidermon's
    ItemValidationPipeline, as crawler.schema.validation.RecordValidationPipeline, counts the
    errors per message and field)."""

    @monitors.name("records match the JSON Schema")
    def test_records_valid(self) -> None:
        stats = self.data.stats
        errors = stats.get("spidermon/validation/fields/errors", 0)
        allowed = self.crawler.settings.getint("SPIDERMON_MAX_ITEM_VALIDATION_ERRORS")
        prefix = "spidermon/validation/fields/errors/"
        where = sorted(
            {k[len(prefix) :] for k in stats if k.startswith(prefix) and k.count("/") > 4}
        )
        self.assertLessEqual(
            errors, allowed, msg=f"{errors} schema error(s) in exported records: {', '.join(where)}"
        )


@monitors.name("Field coverage")
class FieldCoverageMonitor(_SpidermonCoverage):
    """spidermon's coverage rules, judged only on HEALTH_COVERAGE_MIN_RECORDS exported records
    or more: one undated article among 12 of a `-a since=` run is no template change."""

    def test_check_if_field_coverage_rules_are_met(self) -> None:
        exported = self.data.stats.get("item_scraped_count", 0)
        if exported < self.crawler.settings.getint("HEALTH_COVERAGE_MIN_RECORDS"):
            return
        try:
            super().test_check_if_field_coverage_rules_are_met()
        except AssertionError:
            # One line: the failed rules, without spidermon's heading.
            failed = []
            rules = self.crawler.settings.getdict("SPIDERMON_FIELD_COVERAGE_RULES")
            for field, expected in rules.items():
                got = self.data.stats.get(f"spidermon_field_coverage/{field}", 0)
                if got < expected:
                    failed.append(f"{field.split('/')[-1]} {got:.0%} < {expected:.0%}")
            self.fail(f"field coverage of {exported} records: {', '.join(failed)}")


@monitors.name("Articles seen")
class ArticlesSeenMonitor(BaseScrapyMonitor):
    """Some article was exported, already known or rejected (zero new is fine)."""

    @monitors.name("at least one article listed")
    def test_articles_seen(self) -> None:
        stats = self.data.stats
        seen = sum(
            stats.get(key, 0)
            for key in (
                "item_scraped_count",
                Stat.list_entries("known"),
                Stat.list_entries("rejected"),
                "state/unchanged",
                Stat.REJECTS,
            )
        )
        # Entries a narrowed run (-a since=) skipped were listed all the same.
        seen += stats.get(Stat.LIST_BEFORE_SINCE, 0)
        minimum = self.crawler.settings.getint("HEALTH_MIN_ARTICLES_SEEN")
        self.assertGreaterEqual(
            seen,
            minimum,
            msg=f"no article was listed (list pages fetched: {stats.get('list/pages', 0)}, "
            f"entries: {stats.get('list/entries', 0)}, "
            f"offsite: {stats.get('list/entries_offsite', 0)}, "
            f"failed: {stats.get('list/failed', 0)})",
        )


@monitors.name("List pages")
class ListPagesMonitor(BaseScrapyMonitor):
    """Every list page had entries (or said it had none): else the template likely changed."""

    @monitors.name("no list page without entries")
    def test_no_empty_list_pages(self) -> None:
        empty = list(getattr(self.data.spider, "empty_list_pages", []))
        self.assertFalse(empty, msg=f"list pages without entries: {', '.join(empty)}")


@monitors.name("Template drift")
class TemplateDriftMonitor(BaseScrapyMonitor):
    """Fields the profile has selectors for were found by them, per column."""

    @monitors.name("profile selectors still match")
    def test_profile_selectors_match(self) -> None:
        stats = self.data.stats
        share = self.crawler.settings.getfloat("HEALTH_DRIFT_SHARE")
        # A column judged on one or two pages would cry wolf (a run narrowed by max_pages,
        # a refresh of three articles): at least this many pages before drift can fail.
        minimum = self.crawler.settings.getint("HEALTH_DRIFT_MIN_PAGES")
        drifted = []
        for key, count in sorted(stats.items()):
            parsed = Stat.parse_drift(key)
            if parsed is None:
                continue
            column, field = parsed
            pages = stats.get(Stat.column_articles(column), 0)
            if pages >= max(1, minimum) and count / pages >= share:
                drifted.append(
                    f"column {column}: {field} not found by the profile selector "
                    f"on {count}/{pages} pages"
                )
        self.assertFalse(drifted, msg="; ".join(drifted))


@monitors.name("Failed URLs")
class FailedShareMonitor(BaseScrapyMonitor):
    """Few URLs failed (timeouts, 5xx, challenges): a few are normal on government portals."""

    @monitors.name("failed URLs within the allowed share")
    def test_failed_share(self) -> None:
        stats = self.data.stats
        failed = stats.get(Stat.FAILED, 0)
        requests = max(1, stats.get("downloader/request_count", 0))
        allowed = self.crawler.settings.getfloat("HEALTH_MAX_FAILED_SHARE")
        self.assertLessEqual(
            failed / requests, allowed,
            msg=f"{failed} of {requests} requests failed (see the .failed.jsonl file)",
        )  # fmt: skip


class RecordVerdicts(Action):
    """Store each check's verdict in the stats (health/<check>)."""

    def run_action(self) -> None:
        stats = self.data.crawler.stats
        for result in self.result.monitor_results:
            check = type(result.monitor).__name__
            if result.status == "SKIPPED":
                verdict = "skipped"
            elif result.error:
                # unittest's error is a traceback whose last line carries our message.
                lines = [line for line in str(result.error).strip().splitlines() if line.strip()]
                verdict = lines[-1].removeprefix("AssertionError: ") if lines else "failed"
            else:
                verdict = "ok"
            previous = stats.get_value(f"health/{check}")
            if previous not in (None, "ok", "skipped") and verdict == "ok":
                continue  # a class with several tests: keep the failure
            stats.set_value(f"health/{check}", verdict)
            if verdict not in ("ok", "skipped"):
                # One line per failed check; the run report has the numbers.
                logger.warning("Health check %s failed: %s", check, verdict)


class HealthSuite(MonitorSuite):
    monitors = [
        FinishReasonMonitor,
        ArticlesSeenMonitor,
        ErrorCountMonitor,
        UnwantedHTTPCodesMonitor,
        FieldCoverageMonitor,
        RecordSchemaMonitor,
        ListPagesMonitor,
        TemplateDriftMonitor,
        FailedShareMonitor,
    ]
    monitors_finished_actions = [RecordVerdicts]
