"""Crawls started as subprocesses to be killed: the command line and progress probes."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def crawl_command(base_url: str) -> list[str]:
    return [
        sys.executable, "-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=WARNING",
    ]  # fmt: skip


def lines_written(folder: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in folder.glob("*.jsonl.part"))


def kill_when(
    command: list[str], cwd: Path, env: dict[str, str], ready: Callable[[], bool]
) -> None:
    """Start a crawl, SIGKILL it once `ready()` (or after 60 s, or when it ended by itself)."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not ready():
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def run_to_end(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )
