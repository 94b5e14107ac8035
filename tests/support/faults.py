"""Fault-injecting feed storage: a disk that fills up after a number of records."""

from __future__ import annotations

import errno
import os
from typing import Any

from crawler.run.feeds import AtomicFileFeedStorage

# Records the feed takes before the disk is full (FULL_DISK_AFTER setting of the test crawl).
_SETTING = "FULL_DISK_AFTER"


class FullDiskStorage(AtomicFileFeedStorage):
    """Writes fail with ENOSPC once FULL_DISK_AFTER records are written, the last one torn."""

    def open(self, spider: Any) -> Any:
        guarded = super().open(spider)
        left = {"records": self.crawler.settings.getint(_SETTING)}
        raw = guarded.file

        class FillingFile:
            def write(self, data: Any) -> int:
                if left["records"] <= 0:
                    # Half a line reaches the disk, then it is full: a torn tail.
                    raw.write(bytes(data)[: len(data) // 2])
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                left["records"] -= 1
                return raw.write(data)

            def __getattr__(self, name: str) -> Any:
                return getattr(raw, name)

        guarded.file = FillingFile()
        return guarded
