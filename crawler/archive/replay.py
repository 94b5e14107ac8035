"""Re-extraction: the current profile, extraction and pipelines over archived responses.

`reextract_spider(SpiderClass)` is the portal spider itself, started from the archive: one
request per archived article page (its newest answer in the chosen runs), through the real
engine, downloader middlewares (decompression, encoding fix), callbacks (continuation pages),
item pipelines, feed export, state and report. `ArchiveReplayHandler` replaces the http and
https download handlers, so no request can reach the network: each is answered from the WARC
index, or fails as `not archived`.

`ReextractPipeline` takes the place of IncrementalPipeline: it compares the whole new record
(not only the title + body fingerprint: a fixed breadcrumb or date changes no fingerprint)
with the newest exported version in the finished feeds, drops it when nothing changed, and
marks it `updated: true` when something did. A record no feed holds yet is new.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import scrapy
from itemadapter import ItemAdapter
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url

from crawler.archive.index import ArchiveIndex
from crawler.run.feeds import local_path
from crawler.run.incremental import output_folders
from crawler.run.state import feed_files

HANDLER = "crawler.archive.replay.ArchiveReplayHandler"
# Record keys that differ on every export without the content changing.
VOLATILE = frozenset({"crawled_at", "updated", "run_id", "schema_version", "files"})
RUN_FEED = re.compile(r"^\d{8}T\d{6}\.\d{3}Z\.jsonl$")


class NotArchived(IgnoreRequest):
    """A request the archive has no answer for (re-extraction never asks the network)."""


class ArchiveReplayHandler(BaseDownloadHandler):
    async def download_request(self, request: Request) -> Response:
        stats = self.crawler.stats
        index: ArchiveIndex | None = getattr(self.crawler.spider, "archive_index", None)
        entry = index.lookup(request.method, request.url, request.body) if index else None
        if entry is None:
            stats.inc_value("archive/not_archived")
            raise NotArchived(f"not archived: {request.url}")
        archived = index.read(entry)  # type: ignore[union-attr]
        stats.inc_value("archive/replayed")
        headers = Headers(archived.headers)
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=archived.body)
        return respcls(
            url=request.url,
            status=archived.status,
            headers=headers,
            body=archived.body,
            flags=["archived"],
            request=request,
            protocol=archived.protocol,
        )


def archive_folder(settings: Any, spider_name: str) -> Path | None:
    template = settings.get("WARC_DIR")
    return local_path(template, SimpleNamespace(name=spider_name)) if template else None  # type: ignore[arg-type]


def reextract_spider(spidercls: type[scrapy.Spider]) -> type[scrapy.Spider]:
    """The spider class, started from its archive instead of its column list pages."""

    class Reextract(spidercls):  # type: ignore[valid-type, misc]
        name = spidercls.name
        site_id = getattr(spidercls, "site_id", "") or spidercls.name
        warc_capture = False  # the archive is read, not written
        archive_index: ArchiveIndex

        @classmethod
        def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Any:
            runs = kwargs.pop("runs", None)
            index = kwargs.pop("archive_index", None)
            if index is None:
                folder = archive_folder(crawler.settings, cls.name)
                wanted = set(runs.split(",")) if runs else None
                index = ArchiveIndex.build(folder, wanted) if folder else ArchiveIndex([], None, [])
            if index.base_url:
                # The portal address the archive was fetched from (a mirror, the demo's port).
                kwargs.setdefault("base_url", index.base_url)
            spider = super().from_crawler(crawler, *args, **kwargs)
            spider.archive_index = index
            return spider

        async def start(self) -> AsyncIterator[scrapy.Request]:
            for entry in self.archive_index.articles():
                yield scrapy.Request(
                    entry.url,
                    callback=self.parse_article,
                    errback=self.article_failed,
                    cb_kwargs={"column": entry.column},
                )

    Reextract.__name__ = Reextract.__qualname__ = f"Reextract{spidercls.__name__}"
    return Reextract


def reextract_settings(item_pipelines: dict[str, Any]) -> dict[str, Any]:
    """Settings a re-extraction run overrides: no network, no politeness, no new archive."""
    pipelines = dict(item_pipelines)
    pipelines["crawler.pipelines.IncrementalPipeline"] = None
    pipelines["crawler.archive.replay.ReextractPipeline"] = 580
    return {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        "WARC_ENABLED": False,
        "ROBOTSTXT_OBEY": False,  # robots.txt was obeyed when the pages were fetched
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "ITEM_PIPELINES": pipelines,
    }


def content(record: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {k: record.get(k) for k in keys}


class ReextractPipeline:
    """Export a re-extracted record only when its content differs from the last export."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.latest: dict[str, dict[str, Any]] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReextractPipeline:
        return cls(crawler)

    def key(self, url: str) -> str:
        state = getattr(self.crawler.spider, "crawl_state", None)
        return state.key(url) if state is not None else canonicalize_url(url)

    def load(self) -> dict[str, dict[str, Any]]:
        """The newest exported record per article from the finished feeds (oldest run first;
        read on the first item, after the state extension closed a killed run's feed)."""
        latest: dict[str, dict[str, Any]] = {}
        spider = self.crawler.spider
        assert spider is not None
        for folder in output_folders(self.crawler, spider):
            for feed in feed_files(folder):
                if not RUN_FEED.match(feed.name):
                    continue
                with feed.open("rb") as f:
                    for line in f:
                        if line.strip():
                            record = json.loads(line)
                            if record.get("url"):
                                latest[self.key(record["url"])] = record
        return latest

    def process_item(self, item: Any) -> Any:
        if self.latest is None:
            self.latest = self.load()
        adapter = ItemAdapter(item)
        old = self.latest.get(self.key(adapter["url"]))
        if old is None:
            self.stats.inc_value("state/new")
            return item
        new = json.loads(json.dumps(adapter.asdict(), ensure_ascii=False))  # as in the feed
        # Keys both versions have: a field added to the record since is no change by itself.
        keys = (set(old) & set(new)) - VOLATILE
        if content(old, keys) == content(new, keys):
            self.stats.inc_value("state/unchanged")
            raise DropItem(f"unchanged by re-extraction: {adapter['url']}", log_level="DEBUG")
        adapter["updated"] = True
        self.stats.inc_value("state/updated")
        changed = sorted(k for k in keys if old.get(k) != new.get(k))
        self.stats.inc_value("reextract/changed_records")
        for name in changed:
            self.stats.inc_value(f"reextract/changed/{name}")
        return item
