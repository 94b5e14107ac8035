"""An unreachable portal fails fast: a settable connect timeout, one line, finish reason
`unreachable` (the run report says `failed`; crawlall exits 1).

- ConnectTimeoutHandler: Scrapy's HTTP/1.1 handler uses DOWNLOAD_TIMEOUT (30 s) as the TCP
  connect timeout too; here connecting may take at most CONNECT_TIMEOUT seconds, while a slow
  answer keeps the whole DOWNLOAD_TIMEOUT.
- RobotsTxtMiddleware: robots.txt is the first request of a crawl. When it cannot even
  connect (DNS, refused, connect timeout) and nothing was received from the portal yet, the
  crawl stops at once with one ERROR line, instead of a 40-line traceback followed by every
  list page failing through its retries. robots.txt is not retried (BackoffRetryMiddleware).
"""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

from scrapy.core.downloader.handlers import http11
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future

from crawler.fetch.failures import classify_failure

logger = logging.getLogger(__name__)
UNREACHABLE_REASONS = frozenset({"dns_error", "connection_error", "timeout"})


def is_robots_request(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class _ConnectTimeoutAgent(http11._ScrapyAgent):
    connect_timeout: float = 10.0

    def _get_agent(self, request: Request, timeout: float) -> Any:
        # `timeout` is only the connect timeout here; the download timeout is applied apart.
        return super()._get_agent(request, min(timeout, self.connect_timeout))


class ConnectTimeoutHandler(http11.HTTP11DownloadHandler):
    """HTTP(S) downloads whose TCP connect gives up after CONNECT_TIMEOUT seconds.

    Scrapy 2.19's handler builds its private `_ScrapyAgent` inline; this builds the same
    agent with a capped connect timeout (tests/crawl/test_logs_health.py checks it still does).
    """

    async def download_request(self, request: Request) -> Response:
        agent = _ConnectTimeoutAgent(
            contextFactory=self._contextFactory,
            bindAddress=self._bind_address,
            pool=self._pool,
            maxsize=self._default_maxsize,
            warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss,
            crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging,
        )
        agent.connect_timeout = self._crawler.settings.getfloat("CONNECT_TIMEOUT")
        try:
            with http11.wrap_twisted_exceptions():
                return await maybe_deferred_to_future(agent.download_request(request))
        except http11.ResponseDataLossError:
            if not self._fail_on_dataloss_warned:
                logger.warning(http11.get_dataloss_msg(request.url))
                self._fail_on_dataloss_warned = True
            raise


class _NoRobotsTraceback(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error downloading")


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    """Scrapy's robots.txt middleware; a robots.txt failure is one line, and a portal that
    cannot be connected to ends the crawl (finish reason `unreachable`)."""

    def __init__(self, crawler: Any):
        super().__init__(crawler)
        logging.getLogger(ScrapyRobotsTxt.__module__).addFilter(_NoRobotsTraceback())

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        super()._robots_error(exc, netloc)
        if isinstance(exc, IgnoreRequest):
            return
        _, reason, detail = classify_failure(SimpleNamespace(value=exc))
        spider = self.crawler.spider
        received = self.crawler.stats.get_value("response_received_count", 0)
        if reason in UNREACHABLE_REASONS and not received and spider is not None:
            logger.error("Portal unreachable: %s (%s: %s); crawl stopped", netloc, reason,
                         detail or type(exc).__name__)  # fmt: skip
            self.crawler.stats.set_value("unreachable", f"{netloc}: {reason}")
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="unreachable"))
        else:
            logger.warning("robots.txt of %s failed (%s), crawling without it", netloc, reason)
