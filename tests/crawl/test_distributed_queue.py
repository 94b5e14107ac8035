"""The lease queue and the Redis state against a real redis-server (no crawl)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import redis
import scrapy

from crawler.distributed.keys import RunKeys, spider_done
from crawler.distributed.queue import LeaseQueue, back_off
from crawler.distributed.state import RedisCrawlState
from crawler.run.state import CrawlState
from tests.support.redis_server import redis_prefix, redis_url

__all__ = ["redis_prefix", "redis_url"]  # fixtures


class Portal(scrapy.Spider):
    name = "portal"

    def parse(self, response):
        yield from ()


def queue(url: str, prefix: str, **kwargs) -> tuple[LeaseQueue, RunKeys, redis.Redis]:
    server = redis.Redis.from_url(url)
    keys = RunKeys(prefix, "run1")
    options = {"portal": "127.0.0.1:1", "delay": 0, "lease_seconds": 30, "max_leases": 3}
    return LeaseQueue(server, Portal(), keys, **{**options, **kwargs}), keys, server


def request(path: str, priority: int = 0) -> scrapy.Request:
    return scrapy.Request(f"http://127.0.0.1:1/{path}", priority=priority)


def test_pop_leases_by_priority_and_ack_forgets(redis_url, redis_prefix):
    q, keys, server = queue(redis_url, redis_prefix)
    for path, priority in (("a", 0), ("b", 5), ("c", 0)):
        q.push(request(path, priority))
    popped = [q.pop() for _ in range(3)]
    assert [p.request.url[-1] for p in popped] == ["b", "a", "c"]  # priority, then FIFO
    assert q.pop().request is None
    server.sadd(keys.seeded, "portal")
    assert not spider_done(server, keys, "portal")  # leased: not done
    q.ack([p.lease_id for p in popped])
    assert spider_done(server, keys, "portal")


def test_expired_lease_returns_and_a_poison_request_goes_to_failed(redis_url, redis_prefix):
    q, _, _ = queue(redis_url, redis_prefix, lease_seconds=0.1, max_leases=2)
    q.push(request("poison"))
    first = q.pop()
    assert first.request is not None
    time.sleep(0.15)
    again = q.pop()  # the lease expired (its worker died): back in the queue, leased again
    assert again.reclaimed == 1
    assert again.request.url == first.request.url
    time.sleep(0.15)
    last = q.pop()  # leased twice without an ack: the failed list
    assert last.request is None
    assert last.poisoned == 1
    assert [r.url for r in q.failed()] == [first.request.url]


def test_release_returns_a_lease_at_once(redis_url, redis_prefix):
    q, _, _ = queue(redis_url, redis_prefix)
    q.push(request("x"))
    popped = q.pop()
    assert q.release([popped.lease_id]) == 1
    assert q.pop().request.url == popped.request.url


def test_politeness_spaces_pops_and_backoff_rests_the_portal(redis_url, redis_prefix):
    q, keys, server = queue(redis_url, redis_prefix, delay=0.3)
    other, _, _ = queue(redis_url, redis_prefix, delay=0.3)  # a second worker, same portal
    for path in "abcd":
        q.push(request(path))
    assert q.pop().request is not None
    waiting = other.pop()
    assert waiting.request is None
    assert 0.2 < waiting.wait <= 0.3
    time.sleep(waiting.wait)
    assert other.pop().request is not None
    back_off(server, keys, "127.0.0.1:1", 2.0)  # a 429 seen by any worker
    time.sleep(0.3)
    rested = q.pop()
    assert rested.request is None
    assert 1.5 < rested.wait <= 2.0


def _rec(url: str, day: str, fingerprint: str) -> dict:
    return {"url": url, "published_date": day, "column": "c", "fingerprint": fingerprint}


def _feed(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_redis_state_answers_as_the_sqlite_state(redis_url, redis_prefix, tmp_path):
    server = redis.Redis.from_url(redis_url)
    states = [CrawlState(tmp_path / "s.sqlite", "example.org"),
              RedisCrawlState(server, redis_prefix, "portal", "example.org")]  # fmt: skip
    base = "http://example.org/c/"
    rows = [_rec(base + "1.html", "2025-01-01", "f1"), _rec(base + "2.html", "2025-01-05", "f2")]
    first = _feed(tmp_path / "20250101T000000.000Z.jsonl", rows)
    cut_short = _feed(
        tmp_path / "20250102T000000.000Z.jsonl", [_rec(base + "3.html", "2025-02-01", "f3")]
    )
    answers = []
    for state in states:
        state.ingest_feed(first)
        before_walk = (state.established("c", base + "1.html"), state.newest_established_date("c"))
        time.sleep(0.002)
        state.record_walks(["c"])
        time.sleep(0.002)
        state.ingest_feed(cut_short)  # a later run, cut short: known, not established
        state.record_rejects([(base + "4.html", "http_404")])
        state.record_failures([(base + "5.html", "timeout", "article", "c", 2)])
        answers.append((
            before_walk,
            state.established("c", base + "1.html"),
            state.established("c", base + "3.html"),
            state.newest_established_date("c"),
            state.newest_date("c"),
            state.known(base + "2.html"),
            state.known(base + "9.html"),
            state.rejected(base + "4.html"),
            state.failures(),
            state.counts(),
            state.ingest_feed(first),  # once per file name
        ))  # fmt: skip
        state.close()
    assert answers[0] == answers[1]
    assert answers[0][1:4] == (True, False, answers[0][3])
    assert str(answers[0][3]) == "2025-01-05"  # the cut-short run's newer date does not count


@pytest.mark.parametrize("name", ["portal"])
def test_run_keys_are_under_the_prefix(name, redis_prefix):
    keys = RunKeys(redis_prefix, "r")
    assert keys.queue(name).startswith(f"{redis_prefix}:run:r:")
    assert keys.dupefilter() % {"spider": name} == f"{redis_prefix}:run:r:{name}:seen"


def test_a_seen_fingerprint_is_not_queued_twice(redis_url, redis_prefix):
    q, keys, server = queue(redis_url, redis_prefix)
    assert q.push(request("a"), "fp-a") is not None
    assert q.push(request("a"), "fp-a") is None  # seen and queued are one step
    assert q.push(request("a")) is not None  # dont_filter requests carry no fingerprint
    assert len(q) == 2
    assert server.sismember(keys.dupefilter() % {"spider": "portal"}, "fp-a")
