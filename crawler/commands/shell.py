"""`scrapy shell URL`: Scrapy's shell, writing no feed, report or state (devlook.py)."""

from __future__ import annotations

from scrapy.commands.shell import Command as ScrapyShellCommand

from crawler.commands.devlook import LookCommand


class Command(LookCommand, ScrapyShellCommand):
    pass
