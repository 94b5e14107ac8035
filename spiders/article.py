"""Fetch given article URLs and extract each with its domain's profile, else generically."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.items import Article
from crawler.site.loading import PROFILES_DIR, iter_profiles, load_profile, profile_for_url
from crawler.site.model import SiteProfile
from spiders.base import ArticleParsingSpider


def read_urls(value: str) -> list[str]:
    """A file with one URL per line (# comments allowed), or a comma-separated list."""
    path = Path(value)
    if "://" not in value and path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        lines = value.split(",")
    return [u.strip() for u in lines if u.strip() and not u.strip().startswith("#")]


class ArticleSpider(ArticleParsingSpider):
    """scrapy crawl article -a urls=FILE_OR_COMMA_LIST"""

    name = "article"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ArticleSpider:
        kwargs.setdefault("profiles_dir", crawler.settings.get("PROFILES_DIR"))
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(
        self,
        *args: Any,
        profiles_dir: str | None = None,
        urls: str | None = None,
        site: str | None = None,
        page_url: str | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        if not urls:
            raise ValueError("urls: give -a urls=FILE or -a urls=URL1,URL2")
        self.urls = read_urls(urls)
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
        if page_url and len(self.urls) != 1:
            raise ValueError("page_url: only with exactly one URL")
        self.page_url = page_url

    def profile_for(self, url: str) -> SiteProfile | None:
        return self.profiles[0] if self.forced else profile_for_url(url, self.profiles)

    def parse_article(self, response: Response, column: str | None = None) -> Iterable[Article]:
        if self.page_url:
            response = response.replace(url=self.page_url)
        return super().parse_article(response, column)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.article_failed)
