"""Health checks that spidermon runs when a crawl closes; their verdicts feed the run report.

Verdicts are kept in the stats as `health/<check>` = "ok" or the failure message, so the run
report (crawler/report.py) and any stats consumer see the same answer.
"""

from __future__ import annotations

import warnings

from spidermon import MonitorSuite, monitors
from spidermon.contrib.scrapy.monitors import (
    ErrorCountMonitor,
    FieldCoverageMonitor,
    FinishReasonMonitor,
    UnwantedHTTPCodesMonitor,
)
from spidermon.contrib.scrapy.monitors.base import BaseScrapyMonitor
from spidermon.core.actions import Action

# spidermon 1.27 logs through the deprecated Spider.log(); the messages are fine, the warning
# per run is noise to cron mail.
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", module=r"spidermon\.")

# A failure of these means the run produced nothing trustworthy: status "failed".
CRITICAL_CHECKS = frozenset({"FinishReasonMonitor", "ArticlesSeenMonitor"})


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
                "list/entries_known",
                "list/entries_rejected",
                "state/unchanged",
                "rejects/count",
            )
        )
        minimum = self.crawler.settings.getint("HEALTH_MIN_ARTICLES_SEEN", 1)
        self.assertGreaterEqual(
            seen,
            minimum,
            msg=f"no article was listed (list pages fetched: "
            f"{stats.get('list/pages', 0)}, failed: {stats.get('list/failed', 0)})",
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
        share = self.crawler.settings.getfloat("HEALTH_DRIFT_SHARE", 0.5)
        drifted = []
        for key, count in sorted(stats.items()):
            if not key.startswith("drift/"):
                continue
            _, column, field = key.split("/", 2)
            pages = stats.get(f"column/{column}/articles", 0)
            if pages and count / pages >= share:
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
        failed = stats.get("failed/count", 0)
        requests = max(1, stats.get("downloader/request_count", 0))
        allowed = self.crawler.settings.getfloat("HEALTH_MAX_FAILED_SHARE", 0.05)
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


class HealthSuite(MonitorSuite):
    monitors = [
        FinishReasonMonitor,
        ArticlesSeenMonitor,
        ErrorCountMonitor,
        UnwantedHTTPCodesMonitor,
        FieldCoverageMonitor,
        ListPagesMonitor,
        TemplateDriftMonitor,
        FailedShareMonitor,
    ]
    monitors_finished_actions = [RecordVerdicts]
