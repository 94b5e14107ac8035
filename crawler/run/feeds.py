"""Feed storage that never exposes a half-written file to a consumer; where feeds live.

Relative output paths (FEEDS, REJECTS_URI, FAILED_URI, REPORT_URI, STATE_DIR) are anchored to
the project root, the folder holding scrapy.cfg (else the current folder), so a crawl started
from a sub-folder writes to the same archive and state as one started from the root.
"""

from __future__ import annotations

import glob
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage, apply_uri_params
from scrapy.utils.conf import closest_scrapy_cfg

from crawler.items import EXPORT_FIELDS
from crawler.run.outputs import GuardedFile, describe, record_output_error

PART_SUFFIX = ".part"
# Formats whose files the state can read back, one record per line.
LINE_FORMATS = frozenset({"jsonlines", "jsonl"})
# Template placeholders that differ per run or per batch: a wildcard when globbing feeds.
_VARYING = re.compile(r"%\((?:time|batch_time|batch_id|run_id)\)[sd]")


def project_root() -> Path:
    cfg = closest_scrapy_cfg()
    return Path(cfg).parent if cfg else Path.cwd()


def anchored(path: str | Path) -> Path:
    """A relative output path under the project root; an absolute one unchanged."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path


def _is_local(uri: str) -> bool:
    return "://" not in uri or uri.startswith("file://")


def uri_params(spider: Any) -> dict[str, Any]:
    """The placeholders Scrapy's feed exporter offers (spider attributes, time, batch)."""
    params = {k: getattr(spider, k) for k in dir(spider) if not k.startswith("__")}
    now = datetime.now(UTC)
    params.setdefault("time", now.replace(microsecond=0).isoformat().replace(":", "-"))
    params.setdefault("batch_time", now.isoformat().replace(":", "-"))
    params.setdefault("batch_id", 1)
    return params


def local_path(uri_template: str, spider: Any) -> Path | None:
    """The file a FEEDS-style URI template names for this spider (%(name)s, %(run_id)s,
    %(time)s, …), anchored to the project root; None for a non-local URI (s3://, ftp://)."""
    uri = apply_uri_params(uri_template, uri_params(spider))
    if not _is_local(uri):
        return None
    return anchored(uri.removeprefix("file://"))


def feed_pattern(uri_template: str, spider: Any) -> str | None:
    """A glob matching every file this feed template wrote or will write for the spider, over
    runs and batches (%(run_id)s, %(time)s, %(batch_id)d … become *); None if not local."""
    if not _is_local(uri_template):
        return None
    wild = _VARYING.sub("\0", uri_template.removeprefix("file://"))
    try:
        filled = wild % uri_params(spider)
    except (KeyError, ValueError, TypeError):
        return None
    return glob.escape(str(anchored(filled))).replace("\0", "*")


def state_feeds(feeds: dict[str, Any]) -> list[str]:
    """The FEEDS URIs the incremental state learns from: local, one JSON record per line."""
    return [
        uri
        for uri, options in feeds.items()
        if _is_local(str(uri)) and (options or {}).get("format") in LINE_FORMATS
    ]


def unfinished_feeds(spider_name: str, feeds: dict[str, Any]) -> list[tuple[Path, int]]:
    """The `.part` feeds of a spider's state feeds, with their complete lines: a run writing
    them now, or a stopped one whose records the next run ingests."""
    return unfinished_files(spider_name, state_feeds(feeds))


def unfinished_files(spider_name: str, uri_templates: list[str]) -> list[tuple[Path, int]]:
    """The `.part` files of a spider's output URIs (feeds, REJECTS_URI, FAILED_URI), with
    their complete lines."""
    spider = SimpleNamespace(name=spider_name, run_id="", site_id=spider_name)
    found: list[tuple[Path, int]] = []
    for uri in filter(None, uri_templates):
        pattern = feed_pattern(str(uri), spider)
        for part in sorted(glob.glob(pattern + PART_SUFFIX)) if pattern else []:
            with open(part, "rb") as file:
                found.append((Path(part), sum(1 for line in file if line.endswith(b"\n"))))
    return found


def state_feed_problem(feeds: dict[str, Any]) -> str | None:
    """Why the incremental state cannot work with these FEEDS (one line), or None.

    The state learns what was exported by reading finished feed files back; without a local
    JSON-lines feed holding every record field, every run would export everything again.
    """
    usable = state_feeds(feeds)
    if not usable:
        given = ", ".join(str(u) for u in feeds) or "none"
        return (
            "STATE_ENABLED needs a local JSON-lines feed to learn what was exported "
            f"(FEEDS: {given}); add one (format jsonlines) or set -s STATE_ENABLED=False"
        )
    for uri in usable:
        fields = (feeds[uri] or {}).get("fields")
        missing = [f for f in EXPORT_FIELDS if fields is not None and f not in fields]
        if missing:
            return (
                f"FEEDS {uri}: fields leaves out {', '.join(missing)}, which the incremental "
                "state reads back; export every field or set -s STATE_ENABLED=False"
            )
    return None


class AtomicFileFeedStorage(FileFeedStorage):
    """Write to `<path>.part`, then rename to `<path>` once the feed is complete.

    A rename within one folder is atomic, so a scheduled job that picks up `*.jsonl` sees
    either nothing or the whole file; a crash leaves only a `.part` file behind.
    """

    def __init__(
        self, uri: str, *, feed_options: dict[str, Any] | None = None, crawler: Any = None
    ):
        super().__init__(uri, feed_options=feed_options)
        self.final_path = anchored(self.path)
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
