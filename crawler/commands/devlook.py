"""Settings for a developer's look at pages (`scrapy shell`, `scrapy parse`, `extract`).

Such a look writes nothing: no feed, rejects, failed file, report, state, WARC archive or
stored file, and runs no
health checks, so it can neither add a half-empty run to the archive nor teach the state
that a page was exported.
"""

from __future__ import annotations

from typing import Any

LOOK_SETTINGS: dict[str, Any] = {
    "FEEDS": {},
    "REJECTS_ENABLED": False,
    "FAILED_ENABLED": False,
    "STATE_ENABLED": False,
    "SPIDERMON_ENABLED": False,
    "REPORT_URI": "",
    "PROGRESS_INTERVAL": 0,
    "WARC_ENABLED": False,
    "FILES_ENABLED": False,
}


class LookCommand:
    """Mixin for a Scrapy command: LOOK_SETTINGS at cmdline priority (an explicit -s still
    wins, it is applied after)."""

    settings: Any

    def process_options(self, args: list[str], opts: Any) -> None:
        self.settings.setdict(LOOK_SETTINGS, priority="cmdline")
        super().process_options(args, opts)  # type: ignore[misc]
