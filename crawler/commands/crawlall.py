"""`scrapy crawlall [spider ...]`: every portal spider (or those named), several at once.

The entry point for cron, systemd timers and scrapyd-less servers. Portals run concurrently in
one process, at most CRAWLALL_CONCURRENCY (or `--concurrency N`) at a time; each crawl has its
own crawler: its own politeness (download slots), state, feed, rejects file and run report.
`-a name=value` applies to every spider, `-a spider:name=value` to that spider only. The
command prints one summary line per spider and exits 0 when every run is ok, 3 when any is
degraded, 1 when any failed.

With `--redis URL` the command starts (or resumes) a distributed run instead and works in it
as a worker and as the run's exporter (crawler/distributed/).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from typing import Any

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import defer

from crawler.site.model import ProfileError

logger = logging.getLogger(__name__)

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


async def run_bounded(names: list[str], limit: int, run_one: Any) -> None:
    """Await `run_one(name)` for every name, at most `limit` at once, in the given order."""
    pending = list(names)

    async def lane() -> None:
        while pending:
            name = pending.pop(0)
            try:
                await run_one(name)
            except Exception:  # one portal's crash must not end the others' crawls
                logger.exception("Crawl of %s failed", name)

    await asyncio.gather(*(lane() for _ in range(max(1, min(limit, len(names))))))


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
        portal_spiders = [n for n in loader.list() if hasattr(loader.load(n), "check_profile")]
        names = args or portal_spiders
        unknown = [n for n in names if n not in loader.list()]
        if unknown:
            raise UsageError(f"unknown spider(s): {', '.join(unknown)}", print_help=False)
        per_spider = spider_args(opts.spargs, names)
        for name in names:
            check = getattr(loader.load(name), "check_profile", None)
            if check is not None:
                try:
                    check(self.settings, per_spider[name])
                except (ProfileError, ValueError) as exc:
                    print(f"error: {name}: {exc}", file=sys.stderr)
                    self.exitcode = EXIT_FAILED
                    return
        if opts.redis:
            from crawler.distributed.command import run_distributed  # noqa: PLC0415

            self.exitcode = run_distributed(self, opts.redis, names, per_spider)
            return
        limit = opts.concurrency or self.settings.getint("CRAWLALL_CONCURRENCY", 1)
        if limit < 1:
            raise UsageError("--concurrency: expected a positive integer", print_help=False)
        reports = self.crawl_concurrently(names, per_spider, limit)
        for name in names:
            print(summary_line(name, reports.get(name)))
        self.exitcode = exit_code(
            [(r or {}).get("status", "failed") for r in (reports.get(n) for n in names)]
        )

    def crawl_concurrently(
        self, names: list[str], per_spider: dict[str, dict[str, Any]], limit: int
    ) -> dict[str, dict[str, Any] | None]:
        """Crawl every spider, `limit` at once; a crawler is made only when its turn comes
        (and dropped after), so memory follows `limit`, not the number of portals."""
        process = self.crawler_process
        assert process is not None
        reports: dict[str, dict[str, Any] | None] = {}

        async def run_one(name: str) -> None:
            crawler = process.create_crawler(name)
            try:
                running = process.crawl(crawler, **per_spider[name])
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

        deferred_from_coro(run_bounded(names, limit, run_one)).addBoth(stop)
        process.start(stop_after_crawl=False)
        return reports
