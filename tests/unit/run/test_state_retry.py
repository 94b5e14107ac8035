"""The state forgets retried failures only when a finished run asked them again."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.run.incremental import IncrementalState
from crawler.run.state import CrawlState


class RetryingSpider:
    """What the state extension reads from a portal spider (crawler.contracts.RunSpider)."""

    name = "s"
    run_id = "r"
    incremental = True
    profile = None
    crawl_state = None
    retry_failed = True
    walked_columns: set[str] = set()
    empty_list_pages: list[str] = []
    declared_empty_list_pages: list[str] = []

    def __init__(self, retried: set[str]):
        self.retried_failures = retried


def failed_urls(state: CrawlState) -> list[str]:
    return sorted(url for url, _, _ in state.failures())


@pytest.mark.parametrize(
    ("reason", "left"),
    [
        # Cut short: start requests are read lazily, most failures were never asked again.
        ("shutdown", ["http://example.org/a0", "http://example.org/a1", "http://example.org/a2"]),
        ("disk_full", ["http://example.org/a0", "http://example.org/a1", "http://example.org/a2"]),
        # Finished: the URLs it asked again are forgotten (failing again re-records them).
        ("finished", ["http://example.org/a2"]),
    ],
)
def test_retry_failed_forgets_only_what_a_finished_run_asked(tmp_path: Path, reason, left):
    state = CrawlState(tmp_path / "s.sqlite", "example.org", (), "s")
    state.record_failures(
        [(f"http://example.org/a{i}", "http_500", "article", "c", 1) for i in range(3)]
    )
    ext = IncrementalState.__new__(IncrementalState)
    ext.state, ext.rejects, ext.failures, ext.crawler = state, [], [], None
    spider = RetryingSpider({"http://example.org/a0", "http://example.org/a1"})
    ext.spider_closed(spider, reason)  # type: ignore[arg-type]
    assert failed_urls(state) == left
    state.close()


def test_a_feed_an_older_state_recorded_by_name_is_not_read_again(tmp_path: Path):
    feed = tmp_path / "20261101T000000.000Z.jsonl"
    feed.write_text('{"url": "http://example.org/a", "fingerprint": "f"}\n', encoding="utf-8")
    state = CrawlState(tmp_path / "s.sqlite", "example.org", (), "s")
    with state.db:  # as a schema-2 state wrote it: the bare file name
        state.db.execute(
            "INSERT INTO ingested (file, records, ingested_at) VALUES (?, 1, 'x')", (feed.name,)
        )
    assert not state.ingested_file(feed)
    assert state.ingest_feed(feed) == 0  # recorded under its version now, not re-read
    assert state.ingested_file(feed)
    feed.write_text(feed.read_text() + '{"url": "http://example.org/b"}\n', encoding="utf-8")
    assert state.ingest_feed(feed) == 2  # a rewritten file (a fixed name) is read again
    state.close()
