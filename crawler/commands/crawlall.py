"""`scrapy crawlall [spider ...]`: every portal spider (or those named), several at once.

The entry point for cron, systemd timers and scrapyd-less servers. Portals run concurrently in
one process, at most CRAWLALL_CONCURRENCY (or `--concurrency N`) at a time; each crawl has its
own crawler: its own politeness (download slots), state, feed, rejects file and run report.
`-a name=value` applies to every spider, `-a spider:name=value` to that spider only. The
command prints one summary line per spider and exits 0 when every run is ok, 3 when any is
degraded, 1 when any failed (a portal whose profile does not load fails alone: the others
run), 75 when a spider was skipped because another run of it holds its state.

With `--redis URL` the command starts (or resumes) a distributed run instead and works in it
as a worker and as the run's exporter (crawler/distributed/).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError

from crawler.commands.crawl import start_problem
from crawler.run.errors import EXIT_FAILED
from crawler.run.outcome import Outcome, exit_code, run_crawls
from crawler.site.model import ProfileError
from spiders.arguments import PortalArguments, parse_arguments

__all__ = ["exit_code", "spider_args", "summary_line"]


def summary_line(name: str, outcome: Outcome) -> str:
    report = outcome.report
    if report is None:
        return f"{name}: {outcome.status} ({outcome.error})"
    return (
        f"{name}: {report['status']} - {report['exported']} exported ({report['new']} new, "
        f"{report['updated']} updated), {report['known']} known, {report['rejected']} rejected, "
        f"{report['requests']} requests - {report['path']}"
    )


def spider_args(spargs: dict[str, Any], names: list[str]) -> dict[str, dict[str, Any]]:
    """Per spider, its arguments: the shared ones, then its own (`-a spider:name=value`)."""
    shared = {k: v for k, v in spargs.items() if ":" not in k}
    per: dict[str, dict[str, Any]] = {name: dict(shared) for name in names}
    for key, value in spargs.items():
        if ":" not in key:
            continue
        spider, _, arg = key.partition(":")
        if spider not in per:
            raise UsageError(f"-a {key}: {spider} is not crawled in this run", print_help=False)
        if not arg:
            raise UsageError(f"-a {key}: expected spider:name=value", print_help=False)
        per[spider][arg] = value
    return per


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options] [spider ...]"

    def short_desc(self) -> str:
        return "Run every portal spider (or those named), several at once, with reports"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--concurrency", type=int, metavar="N", default=None,
            help="portals crawled at once (default: the CRAWLALL_CONCURRENCY setting)",
        )  # fmt: skip
        parser.add_argument(
            "--redis", metavar="URL", default=None,
            help="start (or resume) a distributed run on this Redis and work in it",
        )  # fmt: skip

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        portal_spiders = [n for n in loader.list() if getattr(loader.load(n), "incremental", False)]
        names = args or portal_spiders
        # As `scrapy crawl` says it, with the same exit code (a start error); crawlall runs
        # portal spiders only (`article` needs its urls).
        others = [n for n in names if n in loader.list() and n not in portal_spiders]
        problem = (
            f"{', '.join(others)}: not a portal spider (crawlall runs portal spiders: "
            f"{', '.join(portal_spiders)}; use scrapy crawl)"
            if others
            else start_problem(self.settings, portal_spiders, names)
        )
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        assert self.settings is not None
        given = opts.concurrency
        limit = self.settings.getint("CRAWLALL_CONCURRENCY") if given is None else given
        if limit < 1:
            raise UsageError("--concurrency: expected a positive integer", print_help=False)
        per_spider = spider_args(opts.spargs, names)
        # (profiles_dir is the spiders' own keyword, not a declared argument; a value every
        # crawled spider overrides with its own `-a spider:name=` is never used.)
        shared = {
            k: v
            for k, v in opts.spargs.items()
            if ":" not in k
            and k != "profiles_dir"
            and not all(f"{n}:{k}" in opts.spargs for n in names)
        }
        try:
            # An argument every portal gets is checked once, and named as the command's own.
            parse_arguments(PortalArguments, shared)
        except ValueError as exc:
            print(f"error: -a {exc}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        # A broken profile fails its own portal only: a scheduled run still archives the
        # others, and exits 1 with the profile's error in its summary. A wrong argument or
        # FEEDS is the command's own mistake: nothing runs.
        unstarted: dict[str, Outcome] = {}
        for name in names:
            check = getattr(loader.load(name), "check_profile", None)
            if check is None:
                continue
            try:
                check(self.settings, per_spider[name])
            except ProfileError as exc:
                print(f"error: {name}: {exc}", file=sys.stderr)
                unstarted[name] = Outcome("failed", error=str(exc))
            except ValueError as exc:
                print(f"error: {name}: {exc}", file=sys.stderr)
                self.exitcode = EXIT_FAILED
                return
        if opts.redis and unstarted:
            # Every worker of a distributed run crawls every portal of it: none with a
            # profile that does not load.
            self.exitcode = EXIT_FAILED
            return
        if opts.redis:
            from crawler.distributed.command import run_distributed  # noqa: PLC0415

            self.exitcode = run_distributed(self, opts.redis, names, per_spider)
            return
        startable = [n for n in names if n not in unstarted]
        outcomes = {**unstarted, **run_crawls(self.crawler_process, startable, per_spider, limit)}
        for name in names:
            print(summary_line(name, outcomes[name]))
        self.exitcode = exit_code([outcomes[n].status for n in names])
