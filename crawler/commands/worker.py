"""`scrapy worker --redis URL`: join the distributed run in progress, from any machine."""

from __future__ import annotations

import argparse

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "--redis URL [options]"

    def short_desc(self) -> str:
        return "Work in the distributed run in progress (started by crawlall --redis)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--redis", metavar="URL", help="the run's Redis (redis://host:port/db)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not opts.redis:
            raise UsageError("--redis URL is required", print_help=False)
        if args or opts.spargs:
            raise UsageError(
                "a worker takes its spiders and arguments from the run", print_help=False
            )
        from crawler.distributed.command import run_worker  # noqa: PLC0415

        self.exitcode = run_worker(self, opts.redis)
