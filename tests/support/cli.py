"""Running the project's commands in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SAMPLE = "jcdj/202005/t20200513_1001.html"


def run(args: list[str], cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SCRAPY_SETTINGS_MODULE": "crawler.settings",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def fast(*pairs: str) -> list[str]:
    out = []
    for pair in ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", *pairs):
        out += ["-s", pair]
    return out
