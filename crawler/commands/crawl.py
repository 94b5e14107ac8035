"""`scrapy crawl`, with a malformed site profile reported as one line before anything starts."""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

from crawler.site.model import ProfileError


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "check_profile", None)
            if check is not None:
                try:
                    check(self.settings, opts.spargs)
                except (ProfileError, ValueError) as exc:
                    print(f"error: {exc}", file=sys.stderr)
                    self.exitcode = 1
                    return
        super().run(args, opts)
