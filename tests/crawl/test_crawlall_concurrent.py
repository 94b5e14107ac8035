"""`scrapy crawlall` runs portals concurrently: the same records as one after another."""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path

import pytest

from crawler.commands.crawlall import spider_args
from crawler.demo.server import serve
from tests.conftest import DEMO_SITE
from tests.support.cli import run
from tests.support.mirrors import ccdi, cn12371, govcn, mirror_site

pytestmark = pytest.mark.slow

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=1",
        "-s", "RETRY_BACKOFF_BASE=0", "-s", "LOG_LEVEL=WARNING"]  # fmt: skip
# Fields that depend on the moment of the crawl, not on the page.
VOLATILE = {"crawled_at", "run_id"}


def records(out: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for feed in sorted(out.glob("*/*Z.jsonl")):
        lines = feed.read_text(encoding="utf-8").splitlines()
        rows = [{k: v for k, v in json.loads(x).items() if k not in VOLATILE} for x in lines]
        found.setdefault(feed.parent.name, []).extend(rows)
    return {name: sorted(rows, key=lambda r: r["url"]) for name, rows in found.items()}


def test_spider_args_split_shared_and_own():
    per = spider_args({"max_pages": "2", "ccdi:max_pages": "1", "ccdi:columns": "要闻"},
                      ["ccdi", "govcn"])  # fmt: skip
    assert per == {"ccdi": {"max_pages": "1", "columns": "要闻"}, "govcn": {"max_pages": "2"}}


def test_concurrent_crawlall_gives_the_records_of_sequential_runs(tmp_path):
    with ExitStack() as stack:
        demo, demo_url = serve(DEMO_SITE)
        stack.callback(demo.shutdown)
        bases = {"shjcdj": demo_url}
        for name, module in (("ccdi", ccdi), ("govcn", govcn), ("cn12371", cn12371)):
            _, bases[name] = stack.enter_context(mirror_site(module, tmp_path / name))
        args = [a for name, url in bases.items() for a in ("-a", f"{name}:base_url={url}")]
        results = {}
        for label, concurrency in (("sequential", "1"), ("concurrent", "4")):
            cwd = tmp_path / label
            cwd.mkdir()
            result = run(["-m", "scrapy", "crawlall", *bases, *args, *FAST,
                          "--concurrency", concurrency], cwd)  # fmt: skip
            assert result.returncode in (0, 3), result.stderr[-3000:]
            lines = [x for x in result.stdout.splitlines() if ":" in x]
            assert [x.split(":")[0] for x in lines] == list(bases)  # summary in the given order
            results[label] = records(cwd / "output")
    assert set(results["concurrent"]) == set(bases)
    assert all(results["concurrent"][name] for name in bases)
    assert results["concurrent"] == results["sequential"]


def test_per_spider_argument_for_a_spider_not_crawled_is_a_usage_error(tmp_path):
    result = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", "ccdi:max_pages=1"], tmp_path)
    assert result.returncode == 2
    assert "ccdi is not crawled in this run" in result.stderr
