"""Crawl extensions: the rejects and failed files, where every page that was not exported goes."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.contracts import Stat
from crawler.run.feeds import PART_SUFFIX, local_path
from crawler.run.inuse import open_locked
from crawler.run.outputs import describe, record_output_error
from crawler.signals import article_rejected, request_failed


class RejectItem(DropItem):
    """An item that fails validation: dropped from the feed, kept in the rejects file."""

    def __init__(self, reason: str, url: str, detail: str = ""):
        super().__init__(f"{reason}: {url}" + (f" ({detail})" if detail else ""))
        self.reason, self.url, self.detail = reason, url, detail


class _SidecarWriter:
    """A JSON-lines file beside the feed, opened on the first line, renamed into place at close.

    Subclasses name the settings (`<PREFIX>_ENABLED`, `<PREFIX>_URI`), the stats prefix and
    the signals they listen to.
    """

    prefix = ""  # setting and stats prefix, e.g. "REJECTS"
    noun = ""  # for the closing log line

    def __init__(self, crawler: Crawler, uri_template: str):
        self.crawler = crawler
        self.uri_template = uri_template
        self.path: Path | None = None
        self.file: IO[str] | None = None
        self.count = 0
        self.broken = False  # a write failed: said once, the rest of this run's lines dropped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        s = crawler.settings
        if not s.getbool(f"{cls.prefix}_ENABLED", True) or not s.get(f"{cls.prefix}_URI"):
            raise NotConfigured(f"{cls.prefix}_ENABLED is off")
        ext = cls(crawler, s.get(f"{cls.prefix}_URI"))
        ext.connect()
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def connect(self) -> None:
        raise NotImplementedError

    def _open(self, spider: Spider) -> IO[str]:
        if self.file is None:
            self.path = local_path(self.uri_template, spider)
            if self.path is None:
                raise NotConfigured(f"{self.prefix}_URI must be a local path")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            part = self.path.with_name(self.path.name + PART_SUFFIX)
            self.file = open_locked(part, "w", encoding="utf-8")
        return self.file

    def write(self, line: dict[str, Any], reason: str) -> None:
        spider = self.crawler.spider
        assert spider is not None
        line = {
            **line,
            "spider": spider.name,
            "at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        # Counted whether or not the line could be written: the report says what happened.
        self.count += 1
        counted = (
            (Stat.REJECTS, Stat.reject) if self.prefix == "REJECTS" else (Stat.FAILED, Stat.failure)
        )
        self.crawler.stats.inc_value(counted[0])
        self.crawler.stats.inc_value(counted[1](reason))
        if self.broken:
            return
        try:
            f = self._open(spider)
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
            f.flush()
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        self.broken = True
        where = f"{self.path}{PART_SUFFIX}" if self.path else self.uri_template
        record_output_error(self.crawler, self.prefix.lower(), describe(exc, where), exc)

    def spider_closed(self, spider: Spider) -> None:
        if self.file is None or self.path is None:
            return
        try:
            self.file.close()
            if self.broken:
                return  # incomplete: kept as `.part`, not passed off as the whole list
            os.replace(str(self.path) + PART_SUFFIX, self.path)
        except OSError as exc:
            self._failed(exc)
            return
        spider.logger.info("%d %s written to %s", self.count, self.noun, self.path)


class RejectsWriter(_SidecarWriter):
    """One JSON line per rejected page (REJECTS_URI), counted as rejects/<reason>.

    Sources: `RejectItem` drops from the pipelines and the `article_rejected` signal that
    spiders send for pages that never became an item (404, not HTML, extraction error).
    """

    prefix = "REJECTS"
    noun = "rejected page(s)"

    def connect(self) -> None:
        self.crawler.signals.connect(self.item_dropped, signal=signals.item_dropped)
        self.crawler.signals.connect(self.article_rejected, signal=article_rejected)

    def item_dropped(self, item: Any, response: Any, exception: BaseException) -> None:
        if isinstance(exception, RejectItem):
            record = ItemAdapter(item).asdict()
            self.article_rejected(exception.url, exception.reason, exception.detail, record)

    def article_rejected(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        self.write({"url": url, "reason": reason, "detail": detail, "record": record}, reason)


class FailedWriter(_SidecarWriter):
    """One JSON line per URL that could not be fetched (FAILED_URI), counted as failed/<reason>.

    A later run retries them with `-a retry_failed=1` (the state keeps the list).
    """

    prefix = "FAILED"
    noun = "failed URL(s)"

    def connect(self) -> None:
        self.crawler.signals.connect(self.request_failed, signal=request_failed)

    def request_failed(  # noqa: PLR0917 (signal receivers take named arguments positionally)
        self, url: str, reason: str, detail: str = "", attempts: int = 1, kind: str = "article",
        column: str | None = None,
    ) -> None:  # fmt: skip
        self.write(
            {"url": url, "reason": reason, "detail": detail, "attempts": attempts,
             "kind": kind, "column": column},
            reason,
        )  # fmt: skip
