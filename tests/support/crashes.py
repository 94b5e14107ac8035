"""Crawls started as subprocesses to be killed: the command line and progress probes."""

from __future__ import annotations

import sys
from pathlib import Path


def crawl_command(base_url: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip


def lines_written(folder: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in folder.glob("*.jsonl.part"))
