"""`scrapy crawlall [spider ...]`: every portal spider (or those named), one after another.

The entry point for cron, systemd timers and scrapyd-less servers. Each crawl writes its own
feed, rejects file and run report; the command prints one summary line per spider and exits
0 when every run is ok, 3 when any is degraded, 1 when any failed, 75 when a spider was
skipped because another run of it holds its state.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError

from crawler.run.errors import EXIT_FAILED
from crawler.run.outcome import Outcome, exit_code, run_crawls
from crawler.site.model import ProfileError

__all__ = ["exit_code", "summary_line"]


def summary_line(name: str, outcome: Outcome) -> str:
    report = outcome.report
    if report is None:
        return f"{name}: {outcome.status} ({outcome.error})"
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

        outcomes = run_crawls(self.crawler_process, names, opts.spargs)
        for name in names:
            print(summary_line(name, outcomes[name]))
        self.exitcode = exit_code([outcomes[n].status for n in names])
