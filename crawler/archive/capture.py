"""WARC capture: a downloader middleware that archives every request and the response it got.

It sits at 950, next to the download handler: its `process_response` sees each response
before any other middleware, so the archive holds what the portal sent, not what the crawl
made of it:

- the body as received, still compressed when the portal used Content-Encoding (gzip, br):
  HttpCompressionMiddleware (590) decompresses only after it; Transfer-Encoding (chunked) is
  already undone by the HTTP client, so that header is left out and the body is whole;
- every response, redirects (3xx) and those retried (5xx, 429) included, robots.txt and the
  files the FilesPipeline downloads too (they go through the same downloader);
- the request as sent, with the headers every other middleware added (User-Agent, cookies,
  Accept-Encoding) and a Host header; Scrapy's header names are title-cased.

On by default for portal spiders (those with `incremental = True`, or `warc_capture = True`),
off with `WARC_ENABLED = False`; files go to WARC_DIR (`archive/%(name)s`).
"""

from __future__ import annotations

import socket
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.archive.warc import (
    COLUMN_FIELD,
    KIND_FIELD,
    Exchange,
    RotatingWarcWriter,
    recover_partial,
)
from crawler.run.feeds import local_path

# Spider callbacks -> the kind of page a request fetched (reextract replays `article`).
KINDS = {
    "parse_list": "list",
    "parse_article": "article",
    "parse_continuation": "continuation",
}
# Hop-by-hop or already-undone encodings: the archived body is not chunked.
_DROPPED_HEADERS = frozenset({b"Transfer-Encoding"})


def request_kind(request: Request) -> str:
    kind = request.meta.get("archive_kind")
    if kind:
        return str(kind)
    callback = getattr(request.callback, "__name__", "")
    if callback in KINDS:
        return KINDS[callback]
    return "robots" if urlsplit(request.url).path == "/robots.txt" else "other"


def request_column(request: Request) -> str | None:
    column = request.cb_kwargs.get("column")
    name = getattr(column, "name", column)
    return name if isinstance(name, str) and name else None


def _pairs(headers: Any, drop: frozenset[bytes] = frozenset()) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, values in headers.items() if k not in drop for v in values]


def exchange_of(request: Request, response: Response) -> Exchange:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = _pairs(request.headers)
    if not any(k.lower() == b"host" for k, _ in request_headers):
        request_headers.insert(0, (b"Host", parts.netloc.encode("ascii", "replace")))
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = ""
    extra = {KIND_FIELD: request_kind(request)}
    column = request_column(request)
    if column:
        extra[COLUMN_FIELD] = quote(column)
    ip = response.ip_address
    return Exchange(
        url=request.url,
        method=request.method,
        request_target=target,
        request_headers=request_headers,
        request_body=request.body,
        status=response.status,
        reason=reason,
        protocol=response.protocol or "HTTP/1.1",
        response_headers=_pairs(response.headers, _DROPPED_HEADERS),
        response_body=response.body,
        ip_address=str(ip) if ip is not None else None,
        extra=extra,
    )


def archives(spider: Spider) -> bool:
    """Whether a spider's crawls are archived: portal spiders, unless they say otherwise."""
    return bool(getattr(spider, "warc_capture", getattr(spider, "incremental", False)))


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.writer: RotatingWarcWriter | None = None
        self.folder: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured("WARC_ENABLED is off")
        if not settings.get("WARC_DIR"):
            raise NotConfigured("WARC_DIR is empty")
        mw = cls(crawler)
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider: Spider) -> None:
        if not archives(spider):
            return
        settings = self.crawler.settings
        folder = local_path(settings.get("WARC_DIR"), spider)
        if folder is None:
            raise NotConfigured("WARC_DIR must be a local folder")
        self.folder = folder
        for repaired in recover_partial(folder, spider.name):
            spider.logger.warning(
                "Closed the WARC file %s left by an interrupted run (torn bytes dropped: %d)",
                repaired.path, repaired.torn_bytes,
            )  # fmt: skip
            self.crawler.stats.inc_value("warc/recovered_files")
        run_id = str(getattr(spider, "run_id", "run"))
        profile = getattr(spider, "profile", None)
        info = {
            "software": "dangjian-crawler (Scrapy, warcio)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": spider.name,
            "run-id": run_id,
            "base-url": profile.base_url if profile is not None else "",
            "operator": settings.get("BOT_CONTACT"),
            "hostname": socket.gethostname(),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT").replace(
                "{contact}", settings.get("BOT_CONTACT")
            ),
            "body": "as received: Content-Encoding kept, Transfer-Encoding undone",
        }
        self.writer = RotatingWarcWriter(
            folder,
            prefix=run_id,
            info=info,
            max_size=settings.getint("WARC_MAX_SIZE"),
            gzip_level=settings.getint("WARC_GZIP_LEVEL"),
        )

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is not None and response.url.startswith(("http://", "https://")):
            self.writer.write(exchange_of(request, response))
            self.crawler.stats.inc_value("warc/responses")
        return response

    def spider_closed(self, spider: Spider) -> None:
        if self.writer is None:
            return
        files = self.writer.close()
        stats = self.crawler.stats
        stats.set_value("warc/files", len(files))
        stats.set_value("warc/records", self.writer.records)
        stats.set_value("warc/bytes", self.writer.bytes_written)
        stats.set_value("warc/dir", str(self.folder))
        spider.logger.info(
            "Archived %d records (%d bytes) in %d WARC file(s) under %s",
            self.writer.records, self.writer.bytes_written, len(files), self.folder,
        )  # fmt: skip
        self.writer = None
