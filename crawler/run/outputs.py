"""Output that fails to be written: said once, the run stopped, nothing taken for saved.

A full disk or a read-only folder makes every later write fail too; instead of a traceback per
item, the first error is logged in one line and kept in the stats (`output/error/<what>`, read
by the run report, which then says `failed`), and the crawl is closed (`disk_full` or
`output_error`). What was written stays a `.part` file that the next run recovers.
"""

from __future__ import annotations

import errno
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

from crawler.run.inuse import open_locked

_RUN_ID_FORMAT = "%Y%m%dT%H%M%S.%fZ"


def record_output_error(crawler: Crawler, what: str, message: str, exc: Any = None) -> None:
    """One ERROR line and a stats entry per kind of output; the first one closes the crawl."""
    stats = crawler.stats
    first = not stats.get_value("output/errors")
    stats.inc_value("output/errors")
    if stats.get_value(f"output/error/{what}") is None:
        stats.set_value(f"output/error/{what}", message)
        spider = crawler.spider
        if spider is not None:
            spider.logger.error("Output error (%s): %s", what, message)
    if first:
        disk_full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT)
        close_crawl(crawler, "disk_full" if disk_full else "output_error")


def close_crawl(crawler: Crawler, reason: str) -> None:
    engine = getattr(crawler, "engine", None)
    slot = getattr(engine, "_slot", None)
    if engine is None or crawler.spider is None or slot is None or slot.closing is not None:
        return  # not running yet, or closing already (the reason of that close stands)
    deferred_from_coro(engine.close_spider_async(reason=reason))


class GuardedFile:
    """An unbuffered binary file whose first failing write is reported, and later ones dropped.

    Unbuffered, so that each record is one write and a failure tears at most the line being
    written (the next run's recovery sets a torn tail aside).
    """

    def __init__(self, path: Path, mode: str, on_error: Any):
        self.path = path
        self.on_error = on_error
        self.error: OSError | None = None
        self.file: Any = None
        try:
            self.file = open_locked(path, mode, buffering=0)
        except OSError as exc:
            self.fail(exc)

    def fail(self, exc: OSError) -> None:
        if self.error is None:
            self.error = exc
            self.on_error(exc)

    def write(self, data: bytes) -> int:
        if self.error is not None or self.file is None:
            return 0
        view = memoryview(data)
        try:
            while view:
                written = self.file.write(view)
                view = view[written:]
        except OSError as exc:
            self.fail(exc)
            return 0
        return len(data)

    def flush(self) -> None:
        pass  # unbuffered: every write already reached the OS

    def fileno(self) -> int:
        return self.file.fileno()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()

    @property
    def closed(self) -> bool:
        return self.file is None or self.file.closed


def describe(exc: OSError, path: Path | str) -> str:
    return f"{path}: {exc.strerror or exc}"


def unique_run_id(spider: Spider, folders: list[Path], state: Any) -> None:
    """Move `spider.run_id` on by a millisecond while a file or the state already has it.

    Two runs in one millisecond, or a clock stepped back, would otherwise append to a finished
    feed that the state already ingested, and the appended articles would be exported again.
    """
    run_id = getattr(spider, "run_id", None)
    if not run_id:
        return
    try:
        moment = datetime.strptime(run_id, _RUN_ID_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return  # set by hand: the operator's choice
    while _taken(run_id, folders, state):
        moment += timedelta(milliseconds=1)
        run_id = moment.strftime("%Y%m%dT%H%M%S") + f".{moment.microsecond // 1000:03d}Z"
    taken = spider.run_id  # type: ignore[attr-defined]
    if run_id != taken:
        spider.logger.warning("Run id %s is taken already; this run is %s", taken, run_id)
        spider.run_id = run_id  # type: ignore[attr-defined]


def _taken(run_id: str, folders: list[Path], state: Any) -> bool:
    if state is not None and state.ingested(f"{run_id}.jsonl"):
        return True
    return any(
        name.startswith(f"{run_id}.")
        for folder in folders
        if folder.is_dir()
        for name in os.listdir(folder)
    )
