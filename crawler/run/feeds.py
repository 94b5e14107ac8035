"""Feed storage that never exposes a half-written file to a consumer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.extensions.feedexport import FileFeedStorage, apply_uri_params

from crawler.run.outputs import GuardedFile, describe, record_output_error

PART_SUFFIX = ".part"


def local_path(uri_template: str, spider: Spider) -> Path | None:
    """The file a FEEDS-style URI template names for this spider (%(name)s, %(run_id)s, …),
    or None for a non-local URI (s3://, ftp://)."""
    params = {k: getattr(spider, k) for k in dir(spider) if not k.startswith("__")}
    uri = apply_uri_params(uri_template, params)
    if "://" in uri and not uri.startswith("file://"):
        return None
    return Path(uri.removeprefix("file://"))


class AtomicFileFeedStorage(FileFeedStorage):
    """Write to `<path>.part`, then rename to `<path>` once the feed is complete.

    A rename within one folder is atomic, so a scheduled job that picks up `*.jsonl` sees
    either nothing or the whole file; a crash leaves only a `.part` file behind.
    """

    def __init__(
        self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Any = None
    ):
        super().__init__(uri, feed_options=feed_options)
        self.final_path = Path(self.path)
        self.path = str(self.final_path) + PART_SUFFIX
        self.crawler = crawler
        self.file: GuardedFile | None = None

    @classmethod
    def from_crawler(
        cls, crawler: Any, uri: str, *, feed_options: dict[str, Any] | None = None
    ) -> AtomicFileFeedStorage:
        return cls(uri, feed_options=feed_options, crawler=crawler)

    def failed(self, exc: OSError) -> None:
        if self.crawler is not None:
            record_output_error(self.crawler, "feed", describe(exc, self.path), exc)

    def open(self, spider) -> IO[bytes]:
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            if self.write_mode == "ab" and self.final_path.exists():
                # Appending to a finished feed: continue from its content, not from scratch.
                os.replace(self.final_path, self.path)
        except OSError as exc:
            self.failed(exc)
        self.file = GuardedFile(Path(self.path), self.write_mode, self.failed)
        return self.file  # type: ignore[return-value]

    def store(self, file: IO[bytes]) -> None:
        guarded = self.file
        try:
            if guarded is not None and guarded.error is not None:
                # Part of the feed is missing: leave the `.part` file for the next run's
                # recovery (whole lines kept, a torn one set aside), never a finished feed.
                file.close()
                return
            os.fsync(file.fileno())
            file.close()
            os.replace(self.path, self.final_path)
        except OSError as exc:
            self.failed(exc)
