"""`-s LOCAL_RUN=1`: the one switch for local work (a Scrapy add-on, always listed in ADDONS).

It turns politeness off (no download delay, no AutoThrottle, 8 requests per host, no backoff
pauses) and sends output, rejects, failed files, reports, state, WARC archive and stored files
under LOCAL_RUN_DIR
(`scratch/` by default), so a trial never touches the production archive or its state. Values
given explicitly on the command line (-s, -o/-O) still win.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# Above the project's and the spider's own settings (20, 30), below the command line (40).
_PRIORITY = 35
POLITENESS_OFF = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_BACKOFF_BASE": 0,
}
_PATH_SETTINGS = ("REJECTS_URI", "FAILED_URI", "REPORT_URI", "STATE_DIR", "WARC_DIR", "FILES_STORE")


def scratch(path: str, folder: str) -> str:
    """A relative local path moved under the scratch folder; others unchanged."""
    parts, base = Path(path).parts, Path(folder).parts
    if "://" in path or Path(path).is_absolute() or parts[: len(base)] == base:
        return path  # elsewhere, or moved already (the add-on may run twice on one Settings)
    return str(Path(folder) / path)


class LocalRun:
    @classmethod
    def from_crawler(cls, crawler: Any) -> LocalRun:
        return cls()

    def update_settings(self, settings: Any) -> None:
        # `scrapy crawl`/`crawlall` refuse a bad LOCAL_RUN_DIR in one line before this; here
        # (scrapyd, a script) the ValueError stops the crawl before it writes anything.
        folder = apply_local_run(settings)
        if folder is not None:
            logger.warning(
                "LOCAL_RUN: politeness off; output and state under %s/ (not the archive)", folder
            )


def scratch_problem(settings: Any) -> str | None:
    """Why LOCAL_RUN_DIR would put the trial where the archive is (one line), or None.

    The scratch folder must not be the project root nor lie in a folder the archive's own
    paths start with (`output`, `state`, …), however it is spelt (`.`, `''`, `scratch/..`,
    `./output`, an absolute path): there, the moved paths are the archive's, or inside it.
    """
    if not settings.getbool("LOCAL_RUN"):
        return None
    from crawler.run.feeds import anchored, project_root  # noqa: PLC0415 (feeds imports more)

    folder = str(settings.get("LOCAL_RUN_DIR") or "")
    root = project_root().resolve()
    scratch_dir = anchored(folder).resolve()
    paths = [str(settings.get(name) or "") for name in _PATH_SETTINGS]
    paths += [str(uri) for uri in settings.getdict("FEEDS")]
    tops = {
        root / Path(path).parts[0]
        for path in paths
        if path and "://" not in path and not Path(path).is_absolute()
    }
    for place in sorted({root, *tops}):
        if scratch_dir == place or (place != root and place in scratch_dir.parents):
            return (
                f"LOCAL_RUN_DIR={folder!r}: {scratch_dir} is "
                + ("the project root" if place == root else f"in the archive's {place}")
                + ", so the trial would write where the archive is; name a folder of its own, "
                "e.g. scratch"
            )
    return None


def apply_local_run(settings: Any) -> str | None:
    """LOCAL_RUN's settings, without the log line (commands that read paths before a crawler
    exists apply them too, and print the paths they use); the scratch folder, or None when
    LOCAL_RUN is off. ValueError (one line) for a scratch folder that is the archive's."""
    if not settings.getbool("LOCAL_RUN"):
        return None
    # Checked before the paths move: once moved (the add-on may run twice on one Settings,
    # STATE_DIR then has this add-on's priority), they are the scratch folder's.
    moved = settings.getpriority("STATE_DIR") == _PRIORITY
    problem = None if moved else scratch_problem(settings)
    if problem:
        raise ValueError(problem)
    folder = settings.get("LOCAL_RUN_DIR")
    for name, value in POLITENESS_OFF.items():
        settings.set(name, value, priority=_PRIORITY)
    for name in _PATH_SETTINGS:
        if settings.get(name):
            settings.set(name, scratch(settings.get(name), folder), priority=_PRIORITY)
    feeds = settings.getdict("FEEDS")
    settings.set(
        "FEEDS", {scratch(str(uri), folder): opts for uri, opts in feeds.items()}, _PRIORITY
    )
    return str(folder)
