"""`scrapy crawl`, with one-line start errors and exit codes that tell how the run went.

Exit codes as `scrapy crawlall`: 0 ok, 3 degraded, 1 failed (also: a malformed profile or
argument, a damaged state, a crash, a run stopped by a signal), 75 another run of the spider
holds its state.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from crawler.run.errors import EXIT_FAILED
from crawler.run.local import scratch_problem
from crawler.run.outcome import exit_code, run_crawls
from crawler.site.loading import missing_profiles_dir, profiles_dir
from crawler.site.model import ProfileError


def start_problem(settings: Any, known: list[str], names: list[str]) -> str | None:
    """Why `scrapy crawl`/`crawlall` of these spiders cannot start (one line), or None: a
    spider that does not exist, a scratch folder that is the archive's."""
    unknown = [n for n in names if n not in known]
    if unknown:
        missing = missing_profiles_dir(profiles_dir(settings))
        why = f" ({missing})" if missing else ""
        named = ", ".join(repr(n) for n in unknown)
        return f"no spider {named}{why}; known: {', '.join(sorted(known))}"
    return scratch_problem(settings)


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's usage errors
            return
        loader = self.crawler_process.spider_loader
        problem = start_problem(self.settings, loader.list(), args)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
            return
        spidercls = loader.load(args[0])
        check = getattr(spidercls, "check_profile", None)
        if check is not None:
            try:
                check(self.settings, opts.spargs)
            except (ProfileError, ValueError) as exc:
                print(f"error: {exc}", file=sys.stderr)
                self.exitcode = EXIT_FAILED
                return
        outcomes = run_crawls(self.crawler_process, args, {args[0]: opts.spargs})
        self.exitcode = exit_code([o.status for o in outcomes.values()])
