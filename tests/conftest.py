"""Shared fixtures: the demo portal on a loopback port, in-process crawls, shared/ pages."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from crawler.demo.build import build_site
from crawler.demo.server import serve
from crawler.items import EXPORT_FIELDS
from tests.support.labels import REAL_PAGES, SHARED, requires_shared
from tests.support.offline import project_settings_dict

__all__ = ["REAL_PAGES", "SHARED", "requires_shared"]

ROOT = Path(__file__).resolve().parents[1]
DEMO_SITE = ROOT / "crawler" / "demo" / "site"

# Tests never reach the Internet: a proxy variable would route loopback crawls elsewhere.
for _var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_var, None)

# Crawls against loopback portals: no politeness delays, no backoff pauses.
FAST_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_BACKOFF_BASE": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "LOG_LEVEL": "INFO",
}


# Tests never write into the user's tree: every file under these folders of the repository
# that appears or changes during the session fails it (pytest_sessionfinish below).
WATCHED = ("output", "state", "scratch")


def _watched_files() -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns
        for folder in WATCHED
        for p in (ROOT / folder).rglob("*")
        if p.is_file()
    }


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = _watched_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    written = sorted(str(p) for p, m in _watched_files().items() if before.get(p) != m)
    if written:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"error: the tests wrote into the repository's {'/'.join(WATCHED)}: "
                + ", ".join(written[:10]),
                red=True,
            )


_BEFORE = pytest.StashKey[dict[Path, int]]()


def project_settings(**overrides: Any) -> dict[str, Any]:
    """crawler/settings.py as a dict (get_crawler starts from Scrapy's defaults only)."""
    return {**project_settings_dict(), **overrides}


@pytest.fixture(scope="session")
def demo_expected() -> dict[str, Any]:
    return json.loads((DEMO_SITE / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_portal() -> Any:
    server, base_url = serve(DEMO_SITE)
    yield base_url
    server.shutdown()


@dataclass
class CrawlResult:
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    output_dir: Path
    feeds: list[Path] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)


def run_crawl(
    spidercls: type, output_dir: Path, settings: dict[str, Any] | None = None, **kwargs: Any
) -> Deferred[CrawlResult]:
    """Run one spider in-process through the real downloader, pipelines and feed export.

    A Deferred, awaitable from pytest-twisted tests: the crawl awaits asyncio futures, which a
    plain coroutine driven by Twisted cannot.
    """
    return deferred_from_coro(_crawl(spidercls, output_dir, settings, **kwargs))


async def _crawl(
    spidercls: type, output_dir: Path, settings: dict[str, Any] | None, **kwargs: Any
) -> CrawlResult:
    crawler = get_crawler(
        spidercls,
        {
            **project_settings(),
            **FAST_SETTINGS,
            "FEEDS": {
                str(output_dir / "%(name)s" / "%(run_id)s.jsonl"): {
                    "format": "jsonlines",
                    "encoding": "utf8",
                    "fields": EXPORT_FIELDS,
                }
            },
            "REJECTS_URI": str(output_dir / "%(name)s" / "_runs" / "%(run_id)s.rejects.jsonl"),
            # Never the repository's output/: a run with failures writes this file too.
            "FAILED_URI": str(output_dir / "%(name)s" / "_runs" / "%(run_id)s.failed.jsonl"),
            "STATE_DIR": str(output_dir / "state"),
            "WARC_DIR": str(output_dir / "archive" / "%(name)s"),
            "FILES_STORE": str(output_dir / "files" / "%(name)s"),
            "REPORT_URI": str(output_dir / "%(name)s" / "_runs" / "%(run_id)s.report.json"),
            **(settings or {}),
        },
    )
    items: list[dict[str, Any]] = []

    # A named function: PyDispatcher holds receivers weakly and drops a bare lambda.
    def collect(item: Any) -> None:
        items.append(ItemAdapter(item).asdict())

    crawler.signals.connect(collect, signal=signals.item_scraped)
    before = set(output_dir.rglob("*.jsonl"))
    await crawler.crawl_async(**kwargs)
    written = sorted(set(output_dir.rglob("*.jsonl")) - before)  # this run's files only
    feeds = [p for p in written if p.parent.name != "_runs"]
    rejects = [
        json.loads(line)
        for path in written
        if path.name.endswith("rejects.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    return CrawlResult(items, crawler.stats.get_stats(), output_dir, feeds, rejects)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/crawl/ is crawl-level (servers, subprocesses, real crawls);
    `make unit` runs the rest (tests/unit/, with `crawl`-marked tests of mixed files left out)."""
    crawl_dir = Path(__file__).resolve().parent / "crawl"
    for item in items:
        if crawl_dir in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.crawl)


@pytest.fixture
def portal(tmp_path: Path) -> Any:
    """A private, editable copy of the demo portal: (site folder, base URL, expected)."""
    site = tmp_path / "site"
    expected = build_site(site)
    server, base_url = serve(site)
    yield site, base_url, expected
    server.shutdown()
