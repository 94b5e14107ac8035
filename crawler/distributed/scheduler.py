"""The scheduler of a distributed worker: scrapy-redis's scheduler on a lease queue.

What scrapy-redis's own scheduler does not do, and this one does:

- a popped request is acknowledged only when the engine is done with it (download, callback,
  the requests it yielded queued, its items through the pipelines and into the export
  stream): the engine's slot calls `remove_request` exactly then;
- the leases this worker holds are renewed while it lives; a dead worker's expire and return;
- `has_pending_requests` asks the whole run (queued or leased anywhere, start requests not all
  queued yet), so no worker closes while another still works, and every worker closes once
  nothing is left (no idle timeout counted from import);
- the queue is never flushed on close (`SCHEDULER_PERSIST=False` let the first worker to
  finish flush everybody's queue); a graceful close returns this worker's leases at once;
- when the portal's politeness makes the next pop wait, the engine is woken when it may pop
  again (the engine itself only polls every 5 s).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.distributed.keys import RunKeys, spider_done
from crawler.distributed.queue import LeaseQueue


def portal_of(spider: Spider) -> str:
    """The politeness key of a spider: its portal's host:port (one delay per portal)."""
    profile = getattr(spider, "profile", None)
    base = getattr(profile, "base_url", None)
    return urlsplit(base).netloc if base else spider.name


class LeaseScheduler(Scheduler):
    # Set by from_crawler (scrapy-redis's from_settings builds the instance).
    crawler: Crawler
    keys: RunKeys
    queue: LeaseQueue
    inflight: set[str]
    walks_sent: set[str]
    df: Any
    _wake: Any
    _renewal: Any

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LeaseScheduler:
        settings = crawler.settings
        run_id = settings.get("DISTRIBUTED_RUN")
        if not run_id:
            raise NotConfigured(
                "DISTRIBUTED_RUN is unset: the lease scheduler runs inside "
                "`scrapy crawlall --redis` or `scrapy worker`"
            )
        instance = cls.from_settings(settings)  # scrapy-redis: connection, serializer, ping
        instance.crawler = crawler
        instance.stats = crawler.stats
        instance.keys = RunKeys(settings.get("DISTRIBUTED_PREFIX"), run_id)
        instance.lease_seconds = settings.getfloat("DISTRIBUTED_LEASE_SECONDS")
        instance.max_leases = settings.getint("DISTRIBUTED_MAX_LEASES")
        instance.poll = settings.getfloat("DISTRIBUTED_POLL_SECONDS")
        instance.delay = settings.getfloat("DISTRIBUTED_DELAY")
        instance.inflight = set()
        instance.walks_sent = set()
        instance._wake = None
        instance._renewal = None
        return instance

    def open(self, spider: Spider) -> None:
        self.spider = spider
        delay = getattr(spider, "download_delay", None)
        self.queue = LeaseQueue(
            self.server,
            spider,
            self.keys,
            portal=portal_of(spider),
            delay=self.delay if delay is None else float(delay),
            lease_seconds=self.lease_seconds,
            max_leases=self.max_leases,
            serializer=self.serializer,
        )
        if self.df is None:
            self.df = RFPDupeFilter.from_spider(spider)  # SCHEDULER_DUPEFILTER_KEY: per run
        self._hook_engine_slot()
        self._renewal = task.LoopingCall(self._renew)
        self._renewal.start(max(0.5, self.lease_seconds / 3), now=False)

    def _hook_engine_slot(self) -> None:
        """Acknowledge a request when the engine removes it from its slot: after the download,
        the callback, its yielded requests and its items (Scrapy 2.19's ExecutionEngine)."""
        slot = self.crawler.engine._slot
        assert slot is not None  # open() runs once the engine has its slot
        original = slot.remove_request

        def remove_request(request: Request) -> None:
            try:
                self.ack(request)
            finally:
                original(request)

        slot.remove_request = remove_request  # type: ignore[method-assign]

    def close(self, reason: str) -> None:
        if self._renewal is not None and self._renewal.running:
            self._renewal.stop()
        if self._wake is not None and self._wake.active():
            self._wake.cancel()
        if self.inflight:
            # Not done here: back to the queue now rather than when the leases expire.
            released = self.queue.release(self.inflight)
            self.stats.inc_value("distributed/released", released)
            self.inflight.clear()
        self._push_walks()

    def enqueue_request(self, request: Request) -> bool:
        # scrapy-redis's fingerprint and key, but seen-and-queued in one step (queue.PUSH).
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        request.meta.pop("lease_id", None)
        if self.queue.push(request, fingerprint) is None:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        popped = self.queue.pop()
        if popped.poisoned:
            self.stats.inc_value("distributed/poisoned", popped.poisoned)
        if popped.reclaimed:
            self.stats.inc_value("distributed/reclaimed", popped.reclaimed)
        if popped.request is not None:
            assert popped.lease_id is not None
            self.inflight.add(popped.lease_id)
            self.stats.inc_value("scheduler/dequeued/redis")
            return popped.request
        if popped.wait:
            self._wake_later(popped.wait)
        elif self.has_pending_requests():
            self._wake_later(self.poll)  # others' leases: they may yield or expire
        return None

    def has_pending_requests(self) -> bool:
        return not spider_done(self.server, self.keys, self.spider.name)

    def ack(self, request: Request) -> None:
        lease_id = request.meta.get("lease_id")
        if lease_id is None or lease_id not in self.inflight:
            return
        self._push_walks()  # a walk this callback completed is known before its ack
        self.queue.ack([lease_id])
        self.inflight.discard(lease_id)
        self.stats.inc_value("distributed/acked")

    def _push_walks(self) -> None:
        walked = set(getattr(self.spider, "walked_columns", ()))
        new = walked - self.walks_sent
        if new:
            self.server.sadd(self.keys.spider_key(self.spider.name, "walked"), *sorted(new))
            self.walks_sent |= new

    def _renew(self) -> None:
        if self.inflight:
            self.queue.renew(self.inflight)

    def _wake_later(self, seconds: float) -> None:
        if self._wake is not None and self._wake.active():
            return
        from twisted.internet import reactor  # noqa: PLC0415 (the installed reactor)

        # zope's IReactorTime declares callLater without `self`: mypy misreads the arguments.
        self._wake = reactor.callLater(max(0.001, seconds), self._wake_engine)  # type: ignore[arg-type]

    def _wake_engine(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()
