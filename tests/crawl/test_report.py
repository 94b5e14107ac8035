"""Run reports: ok for a healthy crawl, degraded on template drift, failed on a dead portal."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest
import pytest_twisted

from crawler.demo.build import build_site
from crawler.demo.server import serve
from spiders.portal import PortalSpider
from tests.conftest import run_crawl
from tests.support.reports import AlwaysFailing, report_of, switch_template

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

REPORT_KEYS = {
    "status", "finish_reason", "started_at", "finished_at", "requests", "responses",
    "retries", "exported", "rejected", "duplicates", "new", "known", "coverage", "methods",
    "empty_list_pages", "errors", "checks",
}  # fmt: skip


@pytest.fixture
def dead_portal():
    server = ThreadingHTTPServer(("127.0.0.1", 0), AlwaysFailing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest_twisted.ensureDeferred
async def test_healthy_crawl_report_is_ok(demo_portal, demo_expected, tmp_path):
    result = await run_crawl(ShjcdjSpider, tmp_path, base_url=demo_portal)
    report = report_of(result)
    assert set(report) >= REPORT_KEYS
    assert report["status"] == "ok", report["checks"]
    assert report["finish_reason"] == "finished"
    assert report["exported"] == report["new"] == len(demo_expected["articles"])
    assert report["rejected"] == len(demo_expected["rejects"])
    assert report["requests"] == result.stats["downloader/request_count"]
    assert report["responses"] == {"200": report["requests"] - 1, "404": 1}
    assert report["coverage"]["body"] == 1.0
    assert report["coverage"]["date"] == pytest.approx(34 / 35, abs=1e-3)
    assert report["methods"]["body"]["profile"] >= len(demo_expected["articles"])
    assert report["empty_list_pages"] == []
    assert report["declared_empty_list_pages"] == [demo_portal + "tzgg/index.html"]
    assert all(isinstance(report[k], int) for k in ("requests", "retries", "exported", "new"))


@pytest_twisted.ensureDeferred
async def test_switched_template_degrades_and_names_column_and_field(tmp_path):
    site = tmp_path / "site"
    build_site(site)
    assert switch_template(site, "jcdj") >= 10
    server, base_url = serve(site)
    try:
        result = await run_crawl(ShjcdjSpider, tmp_path / "out", base_url=base_url)
    finally:
        server.shutdown()
    report = report_of(result)
    assert report["status"] == "degraded"
    drift = report["checks"]["TemplateDriftMonitor"]
    assert "column 基层党建: body not found by the profile selector" in drift
    assert "党建要闻" not in drift
    # The generic extractor still saved the records: degraded, not lost.
    assert report["exported"] == 35


@pytest_twisted.ensureDeferred
async def test_portal_answering_500_everywhere_fails(dead_portal, tmp_path):
    result = await run_crawl(ShjcdjSpider, tmp_path, {"RETRY_TIMES": 1}, base_url=dead_portal)
    report = report_of(result)
    assert report["status"] == "failed"
    assert report["exported"] == 0
    assert report["responses"]["500"] >= 8  # 4 columns, each tried twice (+ robots.txt)
    assert report["retries"] >= 4
    assert report["checks"]["ArticlesSeenMonitor"].startswith("no article was listed")


@pytest_twisted.ensureDeferred
async def test_progress_lines_while_crawling(tmp_path, caplog):
    site = tmp_path / "site"
    build_site(site)
    server, base_url = serve(site, delay=0.05)
    try:
        with caplog.at_level("INFO"):
            await run_crawl(
                ShjcdjSpider,
                tmp_path / "out",
                {"PROGRESS_INTERVAL": 0.3, "CONCURRENT_REQUESTS_PER_DOMAIN": 1},
                base_url=base_url,
            )
    finally:
        server.shutdown()
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress:")]
    assert len(lines) >= 2
    assert "exported" in lines[-1] and "基层党建" in lines[-1]
