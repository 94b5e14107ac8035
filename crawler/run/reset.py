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

from crawler.run.feeds import anchored, feed_pattern, state_feeds


def reset(name: str, settings: Any) -> tuple[list[Path], list[Path], Path | None]:
    """(feeds moved, state files removed, the folder the feeds went to)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    # The feed templates' own placeholders, for a spider that is not running.
    spider = SimpleNamespace(name=name, run_id="", site_id=name)
    moved: list[Path] = []
    target: Path | None = None
    for uri in state_feeds(settings.getdict("FEEDS")):
        pattern = feed_pattern(str(uri), spider)  # type: ignore[arg-type]
        for path in sorted(Path(p) for p in glob.glob(pattern or "")):
            target = path.parent / "_superseded" / stamp
            target.mkdir(parents=True, exist_ok=True)
            os.replace(path, target / path.name)
            moved.append(target / path.name)
    state = anchored(settings.get("STATE_DIR")) / f"{name}.sqlite"
    removed = []
    for path in (state, Path(f"{state}-wal"), Path(f"{state}-shm")):
        if path.exists():
            path.unlink()
            removed.append(path)
    return moved, removed, target
