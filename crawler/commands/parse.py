"""`scrapy parse URL`: Scrapy's parse, writing no feed, report or state (devlook.py)."""

from __future__ import annotations

from scrapy.commands.parse import Command as ScrapyParseCommand

from crawler.commands.devlook import LookCommand


class Command(LookCommand, ScrapyParseCommand):
    pass
