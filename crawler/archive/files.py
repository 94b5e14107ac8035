"""Attachments and body images on disk: Scrapy's FilesPipeline, content-addressed.

Opt-in with FILES_ENABLED. For each exported article, the URLs of its `attachments` (and of
its `images`, FILES_IMAGES) are downloaded by Scrapy's FilesPipeline through the crawl's own
downloader: the same DOWNLOAD_DELAY, AutoThrottle, robots.txt, DOWNLOAD_MAXSIZE, retries and
WARC capture as the pages. What changes against the stock pipeline:

- a file is stored as `<FILES_STORE>/<sha256[:2]>/<sha256><ext>`, named by its content (two
  URLs with the same bytes share one file), written to a temporary name and renamed;
- `FILES_STORE/index.sqlite` maps each URL to the file it gave, so a later run does not fetch
  it again (the stock pipeline's URL-named paths cannot be content-addressed);
- the record's `files` lists, per URL: kind (attachment/image), path, sha256, size, content
  type and status, or the reason a download failed (`http_404`, `filtered: …`, `TimeoutError:
  …`); a failed download never loses the article.

Images go through this pipeline too, not ImagesPipeline: that one re-encodes every image as
JPEG (and needs Pillow), and an archive wants the bytes the portal served.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from itemadapter import ItemAdapter
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline
from twisted.python.failure import Failure

from crawler.run.feeds import local_path

INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    url TEXT PRIMARY KEY,
    path TEXT NOT NULL,            -- relative to the store
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT,
    fetched_at TEXT NOT NULL
);
"""


try:  # Scrapy logs any other failure of a media download as an ERROR with its traceback
    from scrapy.pipelines.media import _MediaRequestFiltered as _Quiet
except ImportError:  # pragma: no cover (another Scrapy version)
    _Quiet = Exception  # type: ignore[assignment,misc]


class FileFailed(_Quiet):  # type: ignore[misc,valid-type]
    """A file that could not be stored, with the reason for the record (logged as WARNING:
    the health checks count ERROR lines, and a missing attachment is the portal's fault)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def file_extension(url: str, content_type: str | None) -> str:
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if suffix and len(suffix) <= 6 and suffix[1:].isalnum():
        return suffix
    guessed = mimetypes.guess_extension((content_type or "").split(";")[0].strip())
    return guessed or ""


def _content_type(response: Response) -> str | None:
    value = response.headers.get(b"Content-Type")
    return value.decode("latin-1") if value else None


class ArticleFilesPipeline(FilesPipeline):
    def __init__(self, store_uri: str, *, crawler: Crawler):
        super().__init__(store_uri, crawler=crawler)
        settings = crawler.settings
        self.root = Path(store_uri)
        self.with_images = settings.getbool("FILES_IMAGES")
        self.max_per_article = settings.getint("FILES_MAX_PER_ARTICLE")
        self.root.mkdir(parents=True, exist_ok=True)
        self.index = sqlite3.connect(self.root / "index.sqlite")
        self.index.executescript(INDEX_SCHEMA)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleFilesPipeline:
        settings = crawler.settings
        if not settings.getbool("FILES_ENABLED"):
            raise NotConfigured("FILES_ENABLED is off")
        template, spider = settings.get("FILES_STORE"), crawler.spider
        store = local_path(template, spider) if template and spider is not None else None
        if store is None:
            raise NotConfigured("FILES_STORE must be a local folder")
        return cls(str(store), crawler=crawler)

    def close_spider(self, spider: Any = None) -> None:
        self.index.close()

    # --- what to fetch --------------------------------------------------------------------

    def wanted(self, item: Any) -> list[tuple[str, str]]:
        """(url, kind) of the files an article links, attachments first, capped."""
        adapter = ItemAdapter(item)
        found = [(a.get("url"), "attachment") for a in adapter.get("attachments") or []]
        if self.with_images:
            found += [(url, "image") for url in adapter.get("images") or []]
        seen: set[str] = set()
        out = []
        for url, kind in found:
            if url and url.startswith(("http://", "https://")) and url not in seen:
                seen.add(url)
                out.append((url, kind))
        return out[: self.max_per_article]

    def get_media_requests(self, item: Any, info: Any) -> list[Request]:
        return [
            Request(url, callback=NO_CALLBACK, meta={"archive_kind": "file", "file_kind": kind})
            for url, kind in self.wanted(item)
        ]

    async def media_to_download(  # type: ignore[override]  # Scrapy >= 2.13 awaits coroutines
        self, request: Request, info: Any, *, item: Any = None
    ) -> Any:
        """A URL an earlier run stored is not fetched again (its file still on disk)."""
        row = self.index.execute(
            "SELECT path, sha256, size, content_type FROM files WHERE url = ?", (request.url,)
        ).fetchone()
        if row is None or not (self.root / row[0]).is_file():
            return None
        self.inc_stats("uptodate")
        return self._entry(request.url, row, "uptodate")

    # --- storing --------------------------------------------------------------------------

    def file_path(
        self, request: Request, response: Response | None = None, info: Any = None, *,
        item: Any = None,
    ) -> str:  # fmt: skip
        if response is None:  # only content names a file here
            return super().file_path(request, response, info, item=item)
        digest = hashlib.sha256(response.body).hexdigest()
        return f"{digest[:2]}/{digest}{file_extension(request.url, _content_type(response))}"

    def file_downloaded(
        self, response: Response, request: Request, info: Any, *, item: Any = None
    ) -> str:
        relative = self.file_path(request, response=response, info=info, item=item)
        target = self.root / relative
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(response.body)
            os.replace(tmp, target)
        return hashlib.sha256(response.body).hexdigest()

    async def media_downloaded(
        self, response: Response, request: Request, info: Any, *, item: Any = None
    ) -> Any:
        if response.status != 200:
            raise FileFailed(f"http_{response.status}")
        if not response.body:
            raise FileFailed("empty")
        result = await super().media_downloaded(response, request, info, item=item)
        content_type = _content_type(response)
        size = len(response.body)
        with self.index:
            self.index.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                (request.url, result["path"], result["checksum"], size, content_type,
                 datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
            )  # fmt: skip
        self.crawler.stats.inc_value("files/stored")
        return self._entry(
            request.url, (result["path"], result["checksum"], size, content_type), "downloaded"
        )

    def media_failed(self, failure: Failure, request: Request, info: Any) -> Any:
        exc = failure.value
        if isinstance(exc, FileFailed):
            raise exc
        if isinstance(exc, IgnoreRequest):
            raise FileFailed(f"filtered: {exc}") from exc
        raise FileFailed(f"{type(exc).__name__}: {exc}".rstrip(": ")) from exc

    def _entry(
        self, url: str, stored: tuple[str, str | None, int, str | None], status: str
    ) -> dict:
        """The record's entry for a stored file: (relative path, sha256, size, content type)."""
        path, sha256, size, content_type = stored
        return {
            "url": url,
            "path": str(self.root / path),
            "sha256": sha256,
            "size": size,
            "content_type": content_type,
            "status": status,
            "error": None,
        }

    def item_completed(self, results: list[Any], item: Any, info: Any) -> Any:
        files = []
        for (url, kind), (ok, value) in zip(self.wanted(item), results, strict=True):
            if ok:
                files.append({"url": url, "kind": kind, **{k: v for k, v in value.items()
                                                             if k != "url"}})  # fmt: skip
                continue
            exc = value.value if isinstance(value, Failure) else value
            reason = exc.reason if isinstance(exc, FileFailed) else f"{type(exc).__name__}"
            self.crawler.stats.inc_value(f"files/failed/{reason.split(':')[0]}")
            spider = self.crawler.spider
            if spider is not None:
                spider.logger.warning("File not stored: %s (%s): %s", url, kind, reason)
            files.append(
                {"url": url, "kind": kind, "path": None, "sha256": None, "size": None,
                 "content_type": None, "status": "failed", "error": reason}
            )  # fmt: skip
        ItemAdapter(item)["files"] = files
        return item
