"""The parts of a distributed worker's crawler besides its scheduler.

- `StreamExportPipeline` (last item pipeline): the record goes to the run's Redis stream, as
  the very line the feed exporter would write; the exporter writes the files.
- `WorkerExtension`: the spider's `crawl_state` is the Redis state; rejected pages and failed
  URLs go to the stream too (the exporter writes the rejects and failed files); the worker's
  stats are published for the run's merged report, with a heartbeat.
- `SeedStartMiddleware`: only the run's coordinator queues start requests, and marks the
  spider seeded once all are queued (until then no worker may consider the spider done).
- `PortalSpacingMiddleware`: the portal's delay checked once more as a request leaves.
- `SharedBackoffMiddleware`: a 429 or 503 (and its Retry-After) rests the portal for every
  worker, through the backoff time the lease queue checks at each pop.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import socket
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.exporters import JsonLinesItemExporter
from scrapy.http import Response
from scrapy_redis import connection
from twisted.internet import task

from crawler.distributed.keys import RunKeys
from crawler.distributed.queue import back_off, send_wait
from crawler.distributed.scheduler import portal_of
from crawler.distributed.state import RedisCrawlState
from crawler.fetch.middlewares import retry_after_seconds
from crawler.run.sidecars import RejectItem
from crawler.signals import article_rejected, request_failed


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _run_keys(crawler: Crawler) -> RunKeys:
    settings = crawler.settings
    run_id = settings.get("DISTRIBUTED_RUN")
    if not run_id:
        raise NotConfigured("DISTRIBUTED_RUN is unset: not a distributed worker")
    return RunKeys(settings.get("DISTRIBUTED_PREFIX"), run_id)


def export_line(item: Any, fields: list[str] | None) -> bytes:
    """The item as the jsonlines feed exporter writes it (same fields, same encoding)."""
    buffer = io.BytesIO()
    exporter = JsonLinesItemExporter(buffer, fields_to_export=fields, encoding="utf-8")
    exporter.export_item(item)
    return buffer.getvalue()


class StreamExportPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keys = _run_keys(crawler)
        self.server = connection.from_settings(crawler.settings)
        self.fields = crawler.settings.getlist("DISTRIBUTED_EXPORT_FIELDS") or None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StreamExportPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        assert spider is not None
        url = ItemAdapter(item).get("url") or ""
        entry = {"s": spider.name, "k": "item", "u": url, "d": export_line(item, self.fields)}
        self.server.xadd(self.keys.items, entry)
        return item


class WorkerExtension:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keys = _run_keys(crawler)
        self.server = connection.from_settings(crawler.settings)
        self.interval = crawler.settings.getfloat("DISTRIBUTED_STATS_INTERVAL")
        self.worker = worker_id()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerExtension:
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.article_rejected, signal=article_rejected)
        crawler.signals.connect(ext.request_failed, signal=request_failed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        profile = getattr(spider, "profile", None)
        if profile is not None and getattr(spider, "incremental", False):
            spider.crawl_state = RedisCrawlState(  # type: ignore[attr-defined]
                self.server,
                self.keys.prefix,
                spider.name,
                urlsplit(profile.base_url).hostname,
                spider.settings.getlist("URL_TRACKING_PARAMS"),
            )
        if self.interval > 0:
            self.loop = task.LoopingCall(self.publish, False)
            self.loop.start(self.interval, now=True)

    def _send(self, kind: str, url: str, line: dict[str, Any]) -> None:
        spider = self.crawler.spider
        assert spider is not None
        data = json.dumps({**line, "spider": spider.name}, ensure_ascii=False, default=str)
        self.server.xadd(self.keys.items, {"s": spider.name, "k": kind, "u": url, "d": data})

    def item_dropped(self, item: Any, response: Any, exception: BaseException) -> None:
        if isinstance(exception, RejectItem):
            record = ItemAdapter(item).asdict()
            self.article_rejected(exception.url, exception.reason, exception.detail, record)

    def article_rejected(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        self._send("reject", url, {"url": url, "reason": reason, "detail": detail,
                                   "record": record})  # fmt: skip

    def request_failed(  # noqa: PLR0917 (signal receivers take named arguments positionally)
        self, url: str, reason: str, detail: str = "", attempts: int = 1, kind: str = "article",
        column: str | None = None,
    ) -> None:  # fmt: skip
        line = {"url": url, "reason": reason, "detail": detail, "attempts": attempts,
                "kind": kind, "column": column}  # fmt: skip
        self._send("failed", url, line)

    def publish(self, final: bool) -> None:
        """This worker's stats of this spider, for the merged report (and a heartbeat)."""
        spider = self.crawler.spider
        if spider is None:
            return
        self.crawler.stats.set_value("distributed/published", time.time())
        payload = {
            "final": final,
            "stats": self.crawler.stats.get_stats(),
            "empty_list_pages": list(getattr(spider, "empty_list_pages", [])),
            "declared_empty_list_pages": list(getattr(spider, "declared_empty_list_pages", [])),
        }
        key = self.keys.spider_key(spider.name, "stats")
        self.server.hset(key, self.worker, json.dumps(payload, default=str))
        self.server.hset(self.keys.run_key("workers"), self.worker, "alive")

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.crawler.stats.set_value("distributed/worker", self.worker)
        self.publish(final=True)


class SeedStartMiddleware:
    """Spider middleware: start requests from the coordinator only; mark the spider seeded."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keys = _run_keys(crawler)
        self.seeder = crawler.settings.getbool("DISTRIBUTED_SEEDER")
        self.server = connection.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeedStartMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        if self.seeder:
            async for item_or_request in start:
                yield item_or_request
            # The engine queued each request before asking for the next one.
            spider = self.crawler.spider
            assert spider is not None
            self.server.sadd(self.keys.seeded, spider.name)


class SharedBackoffMiddleware:
    """Downloader middleware (after retries see nothing yet): 429/503 rest the portal."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keys = _run_keys(crawler)
        self.server = connection.from_settings(crawler.settings)
        settings = crawler.settings
        self.codes = {429, 503}
        self.base = max(1.0, settings.getfloat("RETRY_BACKOFF_BASE"))
        self.cap = settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedBackoffMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in self.codes:
            hinted = retry_after_seconds(response.headers.get(b"Retry-After"))
            seconds = min(self.cap, hinted) if hinted is not None else self.base
            spider = self.crawler.spider
            assert spider is not None
            back_off(self.server, self.keys, portal_of(spider), seconds)
            self.crawler.stats.inc_value("distributed/backoff")
            self.crawler.stats.inc_value("distributed/backoff_seconds", int(seconds))
        return response


class PortalSpacingMiddleware:
    """Downloader middleware (the last one): the portal's delay, checked again as a request
    leaves this worker, against the last request any worker sent to the portal.

    A worker's first request to a portal leaves slowly (connection pool, resolver threads
    starting: measured up to 0.1 s on loopback), so it keeps a longer slot: COLD_START more.
    """

    COLD_START = 0.2

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.keys = _run_keys(crawler)
        self.server = connection.from_settings(crawler.settings)
        self.delay = crawler.settings.getfloat("DISTRIBUTED_DELAY")
        self.warm = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PortalSpacingMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        assert spider is not None
        delay = getattr(spider, "download_delay", None)
        delay = self.delay if delay is None else float(delay)
        if delay <= 0:
            return
        portal = portal_of(spider)
        extra = 0 if self.warm else self.COLD_START
        while wait := send_wait(self.server, self.keys, portal, delay, extra):
            self.crawler.stats.inc_value("distributed/send_waits")
            await asyncio.sleep(wait)
        self.warm = True
