"""Downloader middlewares: an identifying User-Agent, retries with backoff, charset fix-ups."""

from __future__ import annotations

import asyncio
import email.utils
import time
from urllib.parse import urljoin

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.utils.url import url_is_from_any_domain

from crawler.fetch.encoding import fix_encoding
from crawler.fetch.failures import (
    BlockedByChallenge,
    OffsiteRedirect,
    PageOverBudget,
    RedirectLoop,
)
from crawler.fetch.reachability import is_robots_request
from crawler.fetch.sniff import challenge_kind, html_over_budget


class ContactUserAgentMiddleware:
    """Send USER_AGENT with `{contact}` replaced by BOT_CONTACT."""

    def __init__(self, user_agent: str):
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        s = crawler.settings
        return cls(s.get("USER_AGENT", "").replace("{contact}", s.get("BOT_CONTACT", "")))

    def process_request(self, request: Request) -> None:
        if self.user_agent:
            request.headers.setdefault(b"User-Agent", self.user_agent)


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, plus a growing pause before each new attempt of the same URL.

    The pause is taken in `process_request` of the retried request, so it delays only that
    URL; other requests to the portal keep their normal pace.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")
        self.retry_after_cap = settings.getfloat("RETRY_AFTER_MAX")

    def _delay(self, attempt: int, response: Response | None) -> float:
        delay = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        if response is not None:
            hinted = retry_after_seconds(response.headers.get(b"Retry-After"))
            if hinted is not None:
                delay = max(delay, min(hinted, self.retry_after_cap))
        return delay

    def process_response(  # type: ignore[override]  # Scrapy 2.13+ drops the spider argument
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            result.meta["backoff_delay"] = self._delay(result.meta["retry_times"], response)
        return result

    def process_exception(  # type: ignore[override]  # Scrapy 2.13+ drops the spider argument
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if is_robots_request(request):
            return None  # fail fast: an unreachable portal stops the crawl (reachability.py)
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            result.meta["backoff_delay"] = self._delay(result.meta["retry_times"], None)
        return result

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop("backoff_delay", 0)
        if delay > 0:
            self.crawler.stats.inc_value("retry/backoff_seconds", int(delay))
            await asyncio.sleep(delay)


class DeclaredEncodingFixMiddleware:
    """Re-decode a response whose declared charset is provably wrong, and count it."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DeclaredEncodingFixMiddleware:
        if not crawler.settings.getbool("ENCODING_FIX_ENABLED"):
            raise NotConfigured("ENCODING_FIX_ENABLED is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        fixed = fix_encoding(response)
        if fixed is not response:
            self.stats.inc_value("encoding/declared_wrong")
        return fixed


class HtmlBudgetMiddleware:
    """Reject an HTML page that would take too long to parse, before any callback parses it.

    Parsing runs on the reactor thread: one hostile page would hold up every other request.
    The caps are counted on the raw bytes in linear time (sniff.html_over_budget).
    """

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.max_attributes = crawler.settings.getint("HTML_MAX_ATTRIBUTES")
        self.max_elements = crawler.settings.getint("HTML_MAX_ELEMENTS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HtmlBudgetMiddleware:
        s = crawler.settings
        if not s.getint("HTML_MAX_ATTRIBUTES") and not s.getint("HTML_MAX_ELEMENTS"):
            raise NotConfigured("HTML_MAX_ATTRIBUTES and HTML_MAX_ELEMENTS are 0")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse):
            return response
        problem = html_over_budget(response.body, self.max_attributes, self.max_elements)
        if problem is None:
            return response
        self.stats.inc_value("html/over_budget")
        raise PageOverBudget(f"{problem}: {response.url}")


class ChallengeDetectionMiddleware:
    """Turn an anti-bot challenge page into a `blocked` failure instead of content.

    A challenge (加速乐 521, 瑞数 412, a cookie-and-reload script served with 200) cannot be
    passed without running its JavaScript, which this crawler never does; retrying it only
    adds load. The URL goes to the failed file with reason `blocked`.
    """

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengeDetectionMiddleware:
        if not crawler.settings.getbool("CHALLENGE_DETECTION_ENABLED"):
            raise NotConfigured("CHALLENGE_DETECTION_ENABLED is off")
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if request.url.endswith("/robots.txt"):
            return response
        kind = challenge_kind(response.status, response.body)
        if kind is None:
            return response
        self.stats.inc_value("blocked/count")
        raise BlockedByChallenge(f"{kind}: {response.url}")


class RedirectGuardMiddleware:
    """Fail a redirect that leaves the portal or comes back to a URL already in its chain.

    Scrapy drops both silently: the offsite filter and the duplicate filter discard the new
    request without calling its errback, so the page would vanish from every record. Raising
    here, before RedirectMiddleware builds that request, sends the original URL to the errback
    and from there to the failed file.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target in (request.url, *request.meta.get("redirect_urls", ())):
            raise RedirectLoop(f"redirect loop: {request.url} -> {target}")
        allowed = getattr(self.crawler.spider, "allowed_domains", None)
        if allowed and not url_is_from_any_domain(target, allowed):
            raise OffsiteRedirect(f"offsite redirect: {request.url} -> {target}")
        return response
