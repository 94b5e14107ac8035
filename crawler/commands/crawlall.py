"""`scrapy crawlall [spider ...]`: every portal spider (or those named), one after another.

The entry point for cron, systemd timers and scrapyd-less servers. Each crawl writes its own
feed, rejects file and run report; the command prints one summary line per spider and exits
0 when every run is ok, 3 when any is degraded, 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import defer

from crawler.site.model import ProfileError

EXIT_OK, EXIT_FAILED, EXIT_DEGRADED = 0, 1, 3


def exit_code(statuses: list[str]) -> int:
    if any(s not in {"ok", "degraded"} for s in statuses):
        return EXIT_FAILED
    if "degraded" in statuses:
        return EXIT_DEGRADED
    return EXIT_OK


def summary_line(name: str, report: dict[str, Any] | None) -> str:
    if report is None:
        return f"{name}: failed (no report: the crawl did not run to its end)"
    return (
        f"{name}: {report['status']} - {report['exported']} exported ({report['new']} new, "
        f"{report['updated']} updated), {report['known']} known, {report['rejected']} rejected, "
        f"{report['requests']} requests - {report['path']}"
    )


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [spider ...]"

    def short_desc(self) -> str:
        return "Run every portal spider (or those named) one after another, with reports"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        portal_spiders = [n for n in loader.list() if hasattr(loader.load(n), "check_profile")]
        names = args or portal_spiders
        unknown = [n for n in names if n not in loader.list()]
        if unknown:
            raise UsageError(f"unknown spider(s): {', '.join(unknown)}", print_help=False)
        for name in names:
            check = getattr(loader.load(name), "check_profile", None)
            if check is not None:
                try:
                    check(self.settings, opts.spargs)
                except (ProfileError, ValueError) as exc:
                    print(f"error: {name}: {exc}", file=sys.stderr)
                    self.exitcode = EXIT_FAILED
                    return

        reports: dict[str, dict[str, Any] | None] = {}

        async def crawl_all() -> None:
            for name in names:
                crawler = self.crawler_process.create_crawler(name)
                try:
                    running = self.crawler_process.crawl(crawler, **opts.spargs)
                    # AsyncCrawlerProcess returns an asyncio task, CrawlerProcess a Deferred.
                    if isinstance(running, defer.Deferred):
                        await maybe_deferred_to_future(running)
                    else:
                        await running
                finally:
                    reports[name] = getattr(crawler, "run_report", None)

        def stop(result: Any) -> Any:
            from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

            if reactor.running:
                reactor.stop()
            return result

        deferred_from_coro(crawl_all()).addBoth(stop)
        self.crawler_process.start(stop_after_crawl=False)
        for name in names:
            print(summary_line(name, reports.get(name)))
        self.exitcode = exit_code(
            [(r or {}).get("status", "failed") for r in (reports.get(n) for n in names)]
        )
