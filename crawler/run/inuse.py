"""Which `.part` files a running crawl is still writing: a lock held from open to rename.

Every writer of a `.part` file (feed, rejects, failed, WARC) takes an exclusive flock on it
when it opens it, and the kernel drops the lock when the file is closed or its process dies
(kill -9 included). Recovery at a crawl's start, `reset` and `state rebuild` close only the
`.part` files whose lock they can take: in a folder several spiders share (FEEDS, REJECTS_URI
or WARC_DIR without %(name)s), another spider's live file is left alone; taking it would send
the rest of that crawl's writes to an unlinked file. flock locks belong to the open file, not
the process, so the crawls of one `crawlall` process exclude each other too.
"""

from __future__ import annotations

import contextlib
import fcntl
from pathlib import Path


def hold(fileno: int) -> None:
    """Mark an open `.part` file as being written, until it is closed."""
    # A file system without flock, or a recovery testing this file this instant: the writer
    # goes on either way (the lock protects the file; writing does not need it).
    with contextlib.suppress(OSError):
        fcntl.flock(fileno, fcntl.LOCK_EX | fcntl.LOCK_NB)


def in_use(path: Path) -> bool:
    """Whether a running crawl holds `path` open for writing (hold)."""
    try:
        with path.open("rb") as file:
            try:
                fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            except OSError:
                return False  # no flock here: as before locks, the caller's own lock decides
            return False
    except FileNotFoundError:
        return True  # gone meanwhile: renamed by its writer, nothing to recover
