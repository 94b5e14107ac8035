"""Which `.part` files a running crawl is still writing: a lock held from open to rename.

Every writer of a `.part` file (feed, rejects, failed, WARC) takes an exclusive flock on it
when it opens it, and the kernel drops the lock when the file is closed or its process dies
(kill -9 included). Recovery at a crawl's start, `reset` and `state rebuild` close only the
`.part` files whose lock they can take: in a folder several spiders share (FEEDS, REJECTS_URI
or WARC_DIR without %(name)s), another spider's live file is left alone; taking it would send
the rest of that crawl's writes to an unlinked file. flock locks belong to the open file, not
the process, so the crawls of one `crawlall` process exclude each other too, on a local
file system (over NFS, Linux emulates flock with per-process locks: crawls of one process
there do not see each other's).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO, Any


def hold(fileno: int) -> None:
    """Mark an open `.part` file as being written, until it is closed. Waits for a probe
    (in_use) that holds the lock this instant: probes release it at once."""
    # A file system without flock: the writer goes on (the lock protects the file; writing
    # does not need it).
    with contextlib.suppress(OSError):
        fcntl.flock(fileno, fcntl.LOCK_EX)


def open_locked(path: Path, mode: str, **options: Any) -> IO[Any]:
    """`open(path, mode)` with the lock held from the file's first instant: a new file is
    created as `<name>.new`, which no recovery looks at, locked, then renamed into place.
    (A file opened to append to is locked once opened.)"""
    if "a" in mode and path.exists():
        file = open(path, mode, **options)  # noqa: SIM115 - the caller closes it
        hold(file.fileno())
        return file
    fresh = path.with_name(path.name + ".new")
    file = open(fresh, mode, **options)  # noqa: SIM115 - the caller closes it
    hold(file.fileno())
    os.replace(fresh, path)
    return file


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
