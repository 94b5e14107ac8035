"""Fetch given article URLs and extract each with its domain's profile, else generically."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from crawler.contracts import Reason
from crawler.items import Article
from crawler.signals import request_failed
from crawler.site.loading import PROFILES_DIR, iter_profiles, load_profile, profile_for_url
from crawler.site.model import SiteProfile
from spiders.arguments import ArticleArguments, parse_arguments
from spiders.base import ArticleParsingSpider

# Schemes fetched from a urls input; file:// only for the single page of `page_url`.
_SCHEMES = ("http", "https")


def read_urls(value: str) -> list[str]:
    """A file with one URL per line (# comments allowed), or a comma-separated list of URLs.

    A value without "://" names a file, which must exist. A byte-order mark is dropped.
    """
    if "://" in value:
        lines = value.split(",")
    else:
        path = Path(value)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise ValueError(f"urls: {value}: no such file (and not a URL)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"urls: {value}: cannot be read ({exc})") from None
    return [u.strip() for u in lines if u.strip() and not u.strip().startswith("#")]


def url_problem(url: str, allowed: tuple[str, ...] = _SCHEMES) -> Reason | None:
    """Why a urls line cannot be fetched (a reason for the failed file), or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a malformed port)
    except ValueError:
        return Reason.MALFORMED_URL
    if not parts.scheme:
        return Reason.RELATIVE_URL
    if parts.scheme.lower() not in allowed:
        return Reason.UNSUPPORTED_SCHEME
    if parts.scheme.lower() in _SCHEMES and not parts.hostname:
        return Reason.MALFORMED_URL
    return None


class ArticleSpider(ArticleParsingSpider):
    """scrapy crawl article -a urls=FILE_OR_COMMA_LIST [-a site=ID] [-a page_url=URL]

    A line that is no http(s) URL is reported once (a WARNING line and the failed file, with
    its reason) and the other lines are crawled.
    """

    name = "article"

    @classmethod
    def check_profile(cls, settings: Any, spider_args: dict[str, Any]) -> None:
        """Arguments, urls input and `site` checked as a crawl would, before anything starts
        (`scrapy crawl` prints a ValueError/ProfileError as one line)."""
        cls(profiles_dir=settings.get("PROFILES_DIR"), **spider_args)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        kwargs.setdefault("profiles_dir", crawler.settings.get("PROFILES_DIR"))
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(self, *args: Any, profiles_dir: str | None = None, **kwargs: Any):
        arguments = parse_arguments(ArticleArguments, kwargs)
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k.startswith("_")})
        urls, site, page_url = arguments.urls, arguments.site, arguments.page_url
        local = arguments.local
        if not urls:
            raise ValueError("urls: give -a urls=FILE or -a urls=URL1,URL2")
        lines = read_urls(urls)
        # site: force one profile for every URL; page_url: the address a saved page had
        # (for link resolution and the record's url), with a single file:// URL.
        directory = Path(profiles_dir or PROFILES_DIR)
        self.profiles = list(iter_profiles(directory))
        if site:
            known = sorted(p.id for p in self.profiles)
            if site not in known:
                raise ValueError(f"site: no profile {site!r}; known: {', '.join(known)}")
            self.profiles = [load_profile(site, directory)]
        self.forced = bool(site)
        if page_url and len(lines) != 1:
            raise ValueError("page_url: only with exactly one URL")
        self.page_url = page_url
        # local=1: saved pages read by `python -m crawler extract`, the one file:// use.
        allowed = (*_SCHEMES, "file") if local else _SCHEMES
        self.bad_lines = [(u, r) for u in lines if (r := url_problem(u, allowed))]
        self.urls = [u for u in lines if not url_problem(u, allowed)]

    def profile_for(self, url: str) -> SiteProfile | None:
        return self.profiles[0] if self.forced else profile_for_url(url, self.profiles)

    def parse_article(
        self, response: Response, column: str | None = None
    ) -> Iterable[Article | scrapy.Request]:
        if self.page_url:
            response = response.replace(url=self.page_url)
        return super().parse_article(response, column)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for line, reason in self.bad_lines:
            self.logger.warning("Skipped urls line %r: %s", line, reason)
            self.crawler.signals.send_catch_log(
                request_failed, url=line, reason=reason, detail="not fetched: bad urls line",
                attempts=0, kind="article", column=None,
            )  # fmt: skip
        for url in self.urls:
            try:
                request = scrapy.Request(
                    url, callback=self.parse_article, errback=self.article_failed
                )
            except ValueError as exc:  # what urlsplit lets through and Scrapy does not
                self.logger.warning("Skipped urls line %r: malformed_url", url)
                self.crawler.signals.send_catch_log(
                    request_failed, url=url, reason=Reason.MALFORMED_URL, detail=str(exc),
                    attempts=0, kind="article", column=None,
                )  # fmt: skip
                continue
            yield request
