"""One writer per state: an exclusive OS lock on `STATE_DIR/<spider>.lock`.

`fcntl.flock` is held by the open file, so it dies with the process: a killed run leaves no
stale lock, and the file's content (pid and start time of the holder) is only information.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from crawler.run.errors import LockHeld

_POLL_SECONDS = 0.2


class StateLock:
    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def acquire(self, wait: float = 0, on_wait: Callable[[str], None] | None = None) -> StateLock:
        """Take the lock, waiting up to `wait` seconds for a running holder; else LockHeld.
        `on_wait(holder)` is told once when the lock is busy and there is time to wait."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, wait)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told and on_wait is not None and time.monotonic() < deadline:
                    on_wait(_read_holder(fd))
                    told = True
                if time.monotonic() >= deadline:
                    holder = _read_holder(fd)
                    os.close(fd)
                    waited = f" after waiting {wait:g} s" if wait else ""
                    raise LockHeld(
                        f"{self.path}: another run holds this spider's state ({holder}); "
                        f"nothing done{waited} (-s STATE_LOCK_WAIT=<seconds> waits for it)"
                    ) from None
                time.sleep(_POLL_SECONDS)
        started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} started {started}\n".encode(), 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            # The holder line stays: harmless, and a reader only trusts the lock itself.
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _read_holder(fd: int) -> str:
    # The holder writes its line right after taking the lock: a run started at the same
    # moment may look between the two, so an empty file is read again for a little while.
    for _ in range(20):
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        if text:
            return text
        time.sleep(0.05)
    return "pid unknown, just starting"
