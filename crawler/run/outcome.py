"""Run crawls from a command and tell how each ended: the run report, or why there is none.

Shared by `scrapy crawl` and `scrapy crawlall`, so that both exit alike: 0 ok, 3 degraded,
1 failed (a start error, a crash, no report), 75 when another run holds the spider's state.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from dataclasses import dataclass
from typing import Any

from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from twisted.internet import defer

from crawler.run.errors import EXIT_DEGRADED, EXIT_FAILED, EXIT_LOCKED, EXIT_OK, StartError

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    status: str  # ok | degraded | failed | locked
    report: dict[str, Any] | None = None
    error: str | None = None  # why the run did not start or has no report


def exit_code(statuses: list[str]) -> int:
    if any(s not in {"ok", "degraded", "locked"} for s in statuses):
        return EXIT_FAILED
    if "locked" in statuses:
        return EXIT_LOCKED
    if "degraded" in statuses:
        return EXIT_DEGRADED
    return EXIT_OK


async def run_bounded(names: list[str], limit: int, run_one: Any) -> None:
    """Await `run_one(name)` for every name, at most `limit` at once, in the given order."""
    pending = list(names)

    async def lane() -> None:
        while pending:
            name = pending.pop(0)
            try:
                await run_one(name)
            except Exception:  # one portal's crash must not end the others' crawls
                logger.exception("Crawl of %s failed", name)

    await asyncio.gather(*(lane() for _ in range(max(1, min(limit, len(names))))))


def run_crawls(
    process: Any, names: list[str], per_spider: dict[str, dict[str, Any]], limit: int = 1
) -> dict[str, Outcome]:
    """Crawl the spiders in `process`, at most `limit` at once (each with its own crawler:
    politeness, state, feed and report); a start error is printed as one line.

    A crawler is made only when its turn comes (and dropped after), so memory follows
    `limit`, not the number of portals."""
    outcomes: dict[str, Outcome] = {}

    async def crawl_one(name: str) -> None:
        crawler = process.create_crawler(name)
        try:
            running = process.crawl(crawler, **per_spider.get(name, {}))
            # AsyncCrawlerProcess returns an asyncio task, CrawlerProcess a Deferred.
            if isinstance(running, defer.Deferred):
                await maybe_deferred_to_future(running)
            else:
                await running
        except (StartError, ValueError) as exc:
            # A user's or operator's matter (a held lock, a damaged state, a bad argument):
            # one line, no traceback.
            print(f"error: {name}: {exc}", file=sys.stderr)
            locked = getattr(exc, "exit_code", None) == EXIT_LOCKED
            outcomes[name] = Outcome("locked" if locked else "failed", error=str(exc))
            return
        except Exception as exc:
            logger.exception("The crawl of %s crashed", name)
            outcomes[name] = Outcome("failed", error=f"{type(exc).__name__}: {exc}")
            return
        report = getattr(crawler, "run_report", None)
        if report is None:
            outcomes[name] = Outcome("failed", error="no report: the crawl did not end")
        else:
            outcomes[name] = Outcome(report["status"], report)

    async def crawl_all() -> None:
        await run_bounded(names, limit, crawl_one)

    run_in_reactor(process, crawl_all())
    # A forced stop (a second Ctrl-C) ends the reactor with runs unfinished: those failed.
    for name in names:
        outcomes.setdefault(name, Outcome("failed", error="stopped before the crawl ended"))
    return outcomes


def run_in_reactor(process: Any, coro: Any) -> None:
    """Run `coro` in the process's reactor and stop the reactor when it ends (either way)."""

    def stop(result: Any) -> Any:
        from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)
        from twisted.internet.error import ReactorNotRunning  # noqa: PLC0415

        # On SIGTERM/SIGINT Scrapy's own handler has already asked the reactor to stop: it
        # still runs (`running`) but refuses a second stop, which would print a traceback.
        with contextlib.suppress(ReactorNotRunning):
            reactor.stop()  # type: ignore[misc]  # twisted.internet.reactor is untyped
        return result

    deferred_from_coro(coro).addBoth(stop)
    process.start(stop_after_crawl=False)
