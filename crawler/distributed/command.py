"""`scrapy crawlall --redis URL [spider ...]` and `scrapy worker --redis URL`.

The coordinator (`crawlall --redis`) starts a run, or resumes the one in progress (after a
crash of the process that started it): it records the spiders and their arguments in Redis,
queues their start requests, works as one more worker and runs the exporter, which writes the
run's files and reports here. A worker (`scrapy worker`) joins the run in progress from any
machine and leaves when nothing is pending or leased anywhere.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import redis
from scrapy.commands import BaseRunSpiderCommand
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy_redis import connection
from twisted.internet import defer

from crawler.distributed.exporter import Exporter
from crawler.distributed.keys import RunInfo, RunKeys, create_run, current_run
from crawler.run.outcome import Outcome, exit_code, run_bounded, run_in_reactor
from crawler.site.loading import load_profile, profiles_dir
from spiders.base import utc_now_id

logger = logging.getLogger(__name__)

EXIT_FAILED = 1


def connect(url: str, settings: BaseSettings) -> Any:
    """A client for `url` with scrapy-redis's defaults (REDIS_PARAMS), checked with a ping."""
    params = dict(settings.getdict("REDIS_PARAMS"))
    server = connection.get_redis(url=url, **params)
    server.ping()
    return server


def connect_or_say(url: str, settings: BaseSettings) -> Any:
    """`connect`, or None after one line on stderr naming the URL and what Redis said."""
    try:
        return connect(url, settings)
    except redis.RedisError as exc:
        print(f"error: --redis {url}: {exc}", file=sys.stderr)
        return None


def worker_settings(settings: BaseSettings, url: str, run_id: str, seeder: bool) -> dict:
    """What a crawler of a distributed run changes in the project settings."""
    feeds = settings.getdict("FEEDS")
    first: dict[str, Any] = dict(next(iter(feeds.values()), None) or {})
    fields = first.get("fields")
    keys = RunKeys(settings.get("DISTRIBUTED_PREFIX"), run_id)
    return {
        "REDIS_URL": url,
        "SCHEDULER": "crawler.distributed.scheduler.LeaseScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter(),
        "SCHEDULER_SERIALIZER": "scrapy_redis.picklecompat",
        "DISTRIBUTED_RUN": run_id,
        "DISTRIBUTED_SEEDER": seeder,
        "DISTRIBUTED_EXPORT_FIELDS": list(fields or []),
        # Politeness moves to the pop (one portal, one delay, whatever the workers); the
        # downloader of each worker adds none of its own.
        "DISTRIBUTED_DELAY": settings.getfloat("DOWNLOAD_DELAY"),
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        # Files, state and checks are the exporter's: a worker writes nothing locally.
        "FEEDS": {},
        "REPORT_URI": "",
        "REJECTS_ENABLED": False,
        "FAILED_ENABLED": False,
        "STATE_ENABLED": False,
        "SPIDERMON_ENABLED": False,
        # WARC capture and stored files are not routed through the exporter yet: a worker's
        # local archive would be scattered over machines and cut by kills, so it is off.
        "WARC_ENABLED": False,
        "FILES_ENABLED": False,
        "EXTENSIONS": {
            **settings.getdict("EXTENSIONS"),
            "crawler.distributed.worker.WorkerExtension": 515,
        },
        "ITEM_PIPELINES": {
            **settings.getdict("ITEM_PIPELINES"),
            "crawler.distributed.worker.StreamExportPipeline": 900,
        },
        "SPIDER_MIDDLEWARES": {
            **settings.getdict("SPIDER_MIDDLEWARES"),
            "crawler.distributed.worker.SeedStartMiddleware": 1,
        },
        "DOWNLOADER_MIDDLEWARES": {
            **settings.getdict("DOWNLOADER_MIDDLEWARES"),
            # process_response runs from high to low: before the retry middleware (550).
            "crawler.distributed.worker.SharedBackoffMiddleware": 560,
            # After every other middleware: as close to the send as a middleware gets.
            "crawler.distributed.worker.PortalSpacingMiddleware": 990,
        },
    }


def crawl_run(cmd: BaseRunSpiderCommand, info: RunInfo, url: str, seeder: bool) -> dict:
    """Crawl every spider of the run in this process, all at once; finish reason per spider."""
    process, settings = cmd.crawler_process, cmd.settings
    assert process is not None and settings is not None
    for name, value in worker_settings(settings, url, info.run_id, seeder).items():
        settings.set(name, value, priority="cmdline")
    reasons: dict[str, str | None] = {}
    requests: dict[str, int] = {}

    async def run_one(name: str) -> None:
        try:
            crawler = process.create_crawler(name)
        except KeyError:  # the spider is not here (another PROFILES_DIR on this machine?)
            logger.error("Spider %s of the run is not in this project: not crawled here", name)
            reasons[name] = "not_found"
            return
        try:
            running = process.crawl(crawler, **info.spider_args.get(name, {}))
            if isinstance(running, defer.Deferred):
                await maybe_deferred_to_future(running)
            else:
                await running
        finally:
            reasons[name] = crawler.stats.get_value("finish_reason")
            requests[name] = crawler.stats.get_value("downloader/request_count", 0)

    async def run_all() -> None:
        await run_bounded(info.spiders, len(info.spiders), run_one)

    run_in_reactor(process, run_all())
    cmd.requests_done = requests  # type: ignore[attr-defined]
    return reasons


def home_hosts(cmd: BaseRunSpiderCommand, info: RunInfo) -> dict[str, str | None]:
    loader = cmd.crawler_process.spider_loader  # type: ignore[union-attr]
    hosts: dict[str, str | None] = {}
    for name in info.spiders:
        cls = loader.load(name)
        args = info.spider_args.get(name, {})
        directory = args.get("profiles_dir") or profiles_dir(cmd.settings)
        try:
            profile = load_profile(getattr(cls, "site_id", "") or name, Path(directory))
        except (OSError, ValueError):
            hosts[name] = None
            continue
        base = args.get("base_url") or profile.base_url
        hosts[name] = urlsplit(base).hostname
    return hosts


def run_distributed(
    cmd: BaseRunSpiderCommand, url: str, names: list[str], per_spider: dict[str, dict]
) -> int:
    """`crawlall --redis`: start or resume a run, work in it, export it; the exit code."""
    from crawler.commands.crawlall import summary_line  # noqa: PLC0415 (a cycle)

    settings = cmd.settings
    assert settings is not None
    server = connect_or_say(url, settings)
    if server is None:
        return EXIT_FAILED
    prefix = settings.get("DISTRIBUTED_PREFIX")
    info = current_run(server, prefix)
    if info is None:
        info = RunInfo(utc_now_id(), names, per_spider)
        if not create_run(server, prefix, info):
            info = current_run(server, prefix)  # another coordinator was a moment faster
    else:
        print(f"resuming run {info.run_id} ({', '.join(info.spiders)})", file=sys.stderr)
    assert info is not None
    templates = {
        "item": next(iter(settings.getdict("FEEDS")), ""),
        "reject": settings.get("REJECTS_URI") if settings.getbool("REJECTS_ENABLED") else "",
        "failed": settings.get("FAILED_URI") if settings.getbool("FAILED_ENABLED") else "",
    }
    exporter = Exporter(
        server,
        prefix,
        info,
        settings=settings.copy(),
        templates=templates,
        home_hosts=home_hosts(cmd, info),
    )
    exporter.start()
    reasons = crawl_run(cmd, info, url, seeder=True)
    if any(r != "finished" for r in reasons.values()):
        exporter.stop()
    exporter.join()
    if exporter.error is not None or not exporter.reports:
        why = exporter.error or "interrupted before the run was over"
        if not exporter.has_lock:
            why = "another process is this run's exporter"
        print(f"run {info.run_id}: not exported here: {why}", file=sys.stderr)
        return EXIT_FAILED
    outcomes = {
        name: Outcome(report["status"], report)
        if (report := exporter.reports.get(name))
        else Outcome("failed", error="no report: the crawl did not run to its end")
        for name in info.spiders
    }
    for name in info.spiders:
        print(summary_line(name, outcomes[name]))
    return exit_code([outcomes[n].status for n in info.spiders])


def run_worker(cmd: BaseRunSpiderCommand, url: str) -> int:
    """`scrapy worker`: join the run in progress (waiting DISTRIBUTED_WORKER_WAIT for one)."""
    settings = cmd.settings
    assert settings is not None
    server = connect_or_say(url, settings)
    if server is None:
        return EXIT_FAILED
    prefix = settings.get("DISTRIBUTED_PREFIX")
    deadline = time.monotonic() + settings.getfloat("DISTRIBUTED_WORKER_WAIT")
    info = current_run(server, prefix)
    while info is None and time.monotonic() < deadline:
        time.sleep(0.2)
        info = current_run(server, prefix)
    if info is None:
        print(f"error: no run in progress on {url} (start one with crawlall --redis)",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    reasons = crawl_run(cmd, info, url, seeder=False)
    for name in info.spiders:
        done = getattr(cmd, "requests_done", {}).get(name, 0)
        print(f"{name}: {reasons.get(name) or 'not run'} - {done} requests (run {info.run_id})")
    return 0 if all(r == "finished" for r in reasons.values()) else EXIT_FAILED
