"""A reliable request queue on Redis: popped requests are leased, not lost.

Built on scrapy-redis's queue base (its serializer, its Redis client) with what it lacks:

- `push` adds the request's fingerprint to the run's dupefilter set and stores the request
  under a fresh id in one script (a hash of payloads, a sorted set of ids by
  priority, FIFO within one priority through zero-padded ids);
- `pop` is one Lua script: it first returns expired leases to the queue, then, when the
  portal's politeness allows it (one pop per `delay` seconds for this portal, whatever the
  number of workers, and none during a 429/503 backoff), moves the top id into the lease set
  with a deadline. An id leased `max_leases` times without an ack (it killed every worker that
  took it) goes to the failed list instead;
- `send_wait` is the same spacing checked again as a request leaves (the last downloader
  middleware): what happens between a pop and the send (a busy worker, a new connection)
  cannot bring two requests of one portal closer than its delay;
- `ack` forgets a request once the engine has finished with it; `release` returns the
  requests of a worker that stops gracefully; `renew` extends the leases a live worker holds.

Times are the Redis server's (`TIME`), so workers on machines with skewed clocks agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict
from scrapy_redis.queue import Base

from crawler.distributed.keys import RunKeys

_NOW_MS = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# KEYS: queue, payloads, scores, ids, seen; ARGV: payload, score, fingerprint ("" for none).
# The fingerprint is added and the request queued in one step: a worker killed between the
# two would leave a URL marked seen that no queue holds, lost for the run.
PUSH = """
if ARGV[3] ~= '' and redis.call('SADD', KEYS[5], ARGV[3]) == 0 then
  return false
end
local id = string.format('%015d', redis.call('INCR', KEYS[4]))
redis.call('HSET', KEYS[2], id, ARGV[1])
redis.call('HSET', KEYS[3], id, ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[2], id)
return id
"""

# KEYS: queue, leases, payloads, scores, tries, failed, polite, backoff
# ARGV: delay ms, lease ms, max leases
POP = (
    _NOW_MS
    + """
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
for _, id in ipairs(expired) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[4], id) or 0, id)
end
local ready = math.max(tonumber(redis.call('GET', KEYS[7]) or '0'),
                       tonumber(redis.call('GET', KEYS[8]) or '0'))
if now < ready then
  return {'wait', tostring(ready - now), #expired}
end
local poisoned = 0
while true do
  local top = redis.call('ZRANGE', KEYS[1], 0, 0)
  if #top == 0 then
    return {'empty', tostring(poisoned), #expired}
  end
  local id = top[1]
  redis.call('ZREM', KEYS[1], id)
  local data = redis.call('HGET', KEYS[3], id)
  if data then
    local tries = redis.call('HINCRBY', KEYS[5], id, 1)
    if tries > tonumber(ARGV[3]) then
      redis.call('RPUSH', KEYS[6], data)
      redis.call('HDEL', KEYS[3], id)
      redis.call('HDEL', KEYS[4], id)
      redis.call('HDEL', KEYS[5], id)
      poisoned = poisoned + 1
    else
      redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), id)
      if tonumber(ARGV[1]) > 0 then
        redis.call('SET', KEYS[7], now + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 60000)
      end
      return {'ok', id, data, poisoned, #expired}
    end
  end
end
"""
)

# KEYS: queue, leases, payloads, scores, tries
ACK = """
for _, id in ipairs(ARGV) do
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[3], id)
  redis.call('HDEL', KEYS[4], id)
  redis.call('HDEL', KEYS[5], id)
end
return #ARGV
"""

# KEYS: queue, leases, scores
RELEASE = """
local n = 0
for _, id in ipairs(ARGV) do
  if redis.call('ZREM', KEYS[2], id) == 1 then
    redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[3], id) or 0, id)
    n = n + 1
  end
end
return n
"""

# KEYS: leases; ARGV: lease ms, ids...
RENEW = (
    _NOW_MS
    + """
local n = 0
for i = 2, #ARGV do
  n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[1]), ARGV[i])
end
return n
"""
)

# KEYS: backoff; ARGV: seconds. Extends (never shortens) the portal's backoff.
BACKOFF = (
    _NOW_MS
    + """
local until_ms = now + math.floor(tonumber(ARGV[1]) * 1000)
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ms > current then
  redis.call('SET', KEYS[1], until_ms, 'PX', until_ms - now + 60000)
end
return until_ms - now
"""
)

# KEYS: sent; ARGV: delay ms, extra ms. The send-side check: 0 and the time noted (plus
# `extra`, for a request known to leave slowly) when the portal's last request left at least
# `delay` ago, else the milliseconds to wait.
SEND = (
    _NOW_MS
    + """
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local ready = last + tonumber(ARGV[1])
if now < ready then
  return ready - now
end
redis.call('SET', KEYS[1], now + tonumber(ARGV[2]), 'PX', tonumber(ARGV[1]) + 60000)
return 0
"""
)


@dataclass
class Popped:
    """What one pop attempt gave: a request, or how long the portal must rest."""

    request: Request | None = None
    lease_id: str | None = None
    wait: float = 0.0  # seconds until the portal's politeness allows the next pop
    poisoned: int = 0  # requests moved to the failed list by this attempt
    reclaimed: int = 0  # expired leases returned to the queue by this attempt


class LeaseQueue(Base):
    """One spider's queue of one run (keys from RunKeys), with leases."""

    def __init__(
        self,
        server: Any,
        spider: Spider,
        keys: RunKeys,
        *,
        portal: str,
        delay: float,
        lease_seconds: float,
        max_leases: int,
        serializer: Any = None,
    ):
        super().__init__(server, spider, keys.queue(spider.name), serializer=serializer)
        self.keys = keys
        self.name = spider.name
        self.portal = portal
        self.delay_ms = max(0, round(delay * 1000))
        self.lease_ms = max(1, round(lease_seconds * 1000))
        self.max_leases = max_leases
        self._push = server.register_script(PUSH)
        self._pop = server.register_script(POP)
        self._ack = server.register_script(ACK)
        self._release = server.register_script(RELEASE)
        self._renew = server.register_script(RENEW)

    # scrapy-redis's base passes `spider=` to to_dict/request_from_dict through deprecated
    # paths on some versions; these call Scrapy's current API directly.
    def _encode_request(self, request: Request) -> bytes:
        return self.serializer.dumps(request.to_dict(spider=self.spider))

    def _decode_request(self, encoded_request: bytes) -> Request:
        return request_from_dict(self.serializer.loads(encoded_request), spider=self.spider)

    def _k(self, *names: str) -> list[str]:
        return [self.keys.spider_key(self.name, n) for n in names]

    def __len__(self) -> int:
        return int(self.server.zcard(self.key))

    def push(self, request: Request, fingerprint: str | None = None) -> str | None:
        """Queue the request (its id), or None when `fingerprint` was seen in this run."""
        keys = [*self._k("queue", "payloads", "scores"), self.keys.run_key("ids"),
                self.keys.dupefilter() % {"spider": self.name}]  # fmt: skip
        score = -int(request.priority)
        args = [self._encode_request(request), score, fingerprint or ""]
        lease_id = self._push(keys=keys, args=args)
        return lease_id.decode() if lease_id is not None else None

    def pop(self, timeout: float = 0) -> Popped:  # type: ignore[override]
        keys = [
            *self._k("queue", "leases", "payloads", "scores", "tries", "failed"),
            self.keys.portal_key(self.portal, "next"),
            self.keys.portal_key(self.portal, "backoff"),
        ]
        answer = self._pop(keys=keys, args=[self.delay_ms, self.lease_ms, self.max_leases])
        kind = answer[0].decode()
        if kind == "wait":
            return Popped(wait=int(answer[1]) / 1000, reclaimed=int(answer[2]))
        if kind == "empty":
            return Popped(poisoned=int(answer[1]), reclaimed=int(answer[2]))
        lease_id = answer[1].decode()
        request = self._decode_request(answer[2])
        request.meta["lease_id"] = lease_id
        return Popped(
            request=request, lease_id=lease_id, poisoned=int(answer[3]), reclaimed=int(answer[4])
        )

    def ack(self, lease_ids: Iterable[str]) -> None:
        ids = list(lease_ids)
        if ids:
            self._ack(keys=self._k("queue", "leases", "payloads", "scores", "tries"), args=ids)

    def release(self, lease_ids: Iterable[str]) -> int:
        ids = list(lease_ids)
        if not ids:
            return 0
        return int(self._release(keys=self._k("queue", "leases", "scores"), args=ids))

    def renew(self, lease_ids: Iterable[str]) -> None:
        ids = list(lease_ids)
        if ids:
            self._renew(keys=self._k("leases"), args=[self.lease_ms, *ids])

    def failed(self) -> list[Request]:
        """The requests that killed `max_leases` workers (the poison list)."""
        return [self._decode_request(d) for d in self.server.lrange(self._k("failed")[0], 0, -1)]

    def clear(self) -> None:
        self.server.delete(*self._k("queue", "leases", "payloads", "scores", "tries"))


def send_wait(server: Any, keys: RunKeys, portal: str, delay: float, extra: float = 0) -> float:
    """0 when a request to the portal may leave now (and it is noted), else seconds to wait."""
    script = server.register_script(SEND)
    args = [round(delay * 1000), round(extra * 1000)]
    return int(script(keys=[keys.portal_key(portal, "sent")], args=args)) / 1000


def back_off(server: Any, keys: RunKeys, portal: str, seconds: float) -> float:
    """Stop every worker from popping the portal's requests for `seconds` (or longer)."""
    script = server.register_script(BACKOFF)
    return int(script(keys=[keys.portal_key(portal, "backoff")], args=[seconds])) / 1000
