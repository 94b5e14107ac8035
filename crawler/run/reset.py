"""`python -m crawler reset SPIDER`: the next crawl of SPIDER starts from nothing.

The state is derived from the finished feeds (a deleted state file is rebuilt from them at
the next start, which then exports nothing), so a real reset moves the spider's feeds aside
into `output/<spider>/_superseded/<UTC time>/`, where neither the article glob nor the state
reads them, and deletes the state file. Nothing is deleted from the archive.
"""

from __future__ import annotations

import glob
import os
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from crawler.run.feeds import PART_SUFFIX, anchored, feed_pattern, state_feeds
from crawler.run.lock import StateLock
from crawler.run.state import first_line_owner, recover_output, recoverable, repair_part_file


def reset(name: str, settings: Any) -> tuple[list[Path], list[Path], Path | None]:
    """(feeds moved, state files removed, the folder the feeds went to).

    Under the spider's state lock (LockHeld while a run holds it): deleting the state of a
    running crawl left the run writing to a deleted database, and its feed, finished after
    the reset, was read back by the next run, which then exported nothing. A feed a killed
    run left as `.part` is closed first and moved aside with the others."""
    state_dir = anchored(settings.get("STATE_DIR"))
    lock = StateLock(state_dir / f"{name}.lock").acquire(0)
    try:
        return _reset(name, settings, state_dir / f"{name}.sqlite")
    finally:
        lock.release()


def _reset(name: str, settings: Any, state: Path) -> tuple[list[Path], list[Path], Path | None]:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    # The feed templates' own placeholders, for a spider that is not running.
    spider = SimpleNamespace(name=name, run_id="", site_id=name)
    moved: list[Path] = []
    target: Path | None = None
    for uri in state_feeds(settings.getdict("FEEDS")):
        pattern = feed_pattern(str(uri), spider)  # type: ignore[arg-type]
        if not pattern:
            continue
        folder = Path(pattern).parent
        recover_output(folder, name)  # under the lock: no live run of this spider
        # The torn tails of killed runs go with their feeds. In a folder spiders share, only
        # this spider's feeds (their first record names it) and their tails.
        for path in sorted({*map(Path, glob.glob(pattern)), *folder.glob("*.jsonl.torn")}):
            feed = path.with_name(path.name.removesuffix(".torn"))
            if feed.is_file() and first_line_owner(feed) not in (None, name):
                continue
            target = path.parent / "_superseded" / stamp
            target.mkdir(parents=True, exist_ok=True)
            os.replace(path, target / path.name)
            moved.append(target / path.name)
    # A killed run's rejects and failed `.part` files are closed here, as history: left open,
    # the next start would recover them and teach the fresh state their rejects.
    # Only this spider's: a shared folder may hold another spider's live `.part`.
    for setting in ("REJECTS_URI", "FAILED_URI"):
        pattern = feed_pattern(settings.get(setting) or "", spider)  # type: ignore[arg-type]
        for part in sorted(glob.glob(pattern + PART_SUFFIX)) if pattern else []:
            if recoverable(Path(part), (name,)):
                repair_part_file(Path(part))
    removed = []
    for path in (state, Path(f"{state}-wal"), Path(f"{state}-shm")):
        if path.exists():
            path.unlink()
            removed.append(path)
    return moved, removed, target
