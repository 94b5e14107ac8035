"""Feed storage that never exposes a half-written file to a consumer."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any

from scrapy import Spider
from scrapy.extensions.feedexport import FileFeedStorage, apply_uri_params

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

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None):
        super().__init__(uri, feed_options=feed_options)
        self.final_path = Path(self.path)
        self.path = str(self.final_path) + PART_SUFFIX

    def open(self, spider) -> IO[bytes]:
        if self.write_mode == "ab" and self.final_path.exists():
            # Appending to a finished feed: continue from its content, not from scratch.
            os.replace(self.final_path, self.path)
        return super().open(spider)

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        os.replace(self.path, self.final_path)
