"""Logs a person reads and health checks with a sample size (issue 10, items 9-10)."""

from __future__ import annotations

import json
import re
import socket
import time

import pytest
import pytest_twisted

from crawler.demo.build import build_site
from crawler.demo.server import serve
from spiders.portal import PortalSpider
from tests.conftest import run_crawl
from tests.support.cli import fast, run
from tests.support.reports import report_of, switch_template

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

SUMMARY = re.compile(
    r"Run \S+: ok; 35 exported \(35 new, 0 updated\), 0 known, 4 rejected, 0 failed, "
    r"\d+ requests; report \S+\.report\.json"
)


@pytest.mark.slow
@pytest.mark.parametrize("level", ["INFO", "WARNING", "ERROR"])
def test_one_summary_line_at_every_log_level(demo_portal, tmp_path, level):
    # Symptom: the summary was INFO, so -L WARNING hid it; ~200 lines for a 20-page run.
    result = run(
        ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", "-L", level,
         *fast()],
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(SUMMARY.findall(result.stderr)) == 1, result.stderr[-2000:]
    assert "[Spidermon]" not in result.stderr  # its 25-line block
    assert "Dumping Scrapy stats" not in result.stderr  # 100 lines of stats: in the report
    if level == "INFO":
        assert len(result.stderr.splitlines()) < 130
        # One style for rejects: "Dropped: <reason>: <url>[ (<detail>)]", from the spider
        # (404, not HTML) and from the pipelines (no title, short body) alike.
        rejects = [line for line in result.stderr.splitlines() if "Dropped:" in line]
        assert len(rejects) == 4
        assert all(re.search(r"WARNING: Dropped: [a-z_0-9]+: http\S+", r) for r in rejects)
        assert "Rejected " not in result.stderr


@pytest_twisted.ensureDeferred
async def test_one_line_per_failed_check(tmp_path, caplog):
    site = tmp_path / "site"
    build_site(site)
    switch_template(site, "jcdj")
    server, base_url = serve(site)
    try:
        with caplog.at_level("INFO"):
            result = await run_crawl(ShjcdjSpider, tmp_path / "out", base_url=base_url)
    finally:
        server.shutdown()
    lines = [r.getMessage() for r in caplog.records if "Health check" in r.getMessage()]
    assert len(lines) == 1
    assert lines[0].startswith("Health check TemplateDriftMonitor failed: column 基层党建")
    assert report_of(result)["checks"]["TemplateDriftMonitor"] in lines[0]


@pytest_twisted.ensureDeferred
async def test_clean_run_reports_every_check_ok(demo_portal, tmp_path):
    # Symptom: ErrorCountMonitor reported `skipped` on clean runs.
    result = await run_crawl(ShjcdjSpider, tmp_path, base_url=demo_portal)
    checks = report_of(result)["checks"]
    assert set(checks.values()) == {"ok"}, checks
    assert {"ErrorCountMonitor", "FieldCoverageMonitor", "RecordSchemaMonitor"} <= set(checks)


@pytest.mark.parametrize(
    "narrowed",
    [
        {"since": "2021-06-01"},
        {"since": "2021-12-01"},
        {"since": "2030-01-01"},
        {"columns": "组工信息"},
        {"columns": "党建要闻"},
        {"max_pages": "1"},
    ],
    ids=lambda d: "-".join(f"{k}={v}" for k, v in d.items()),
)
@pytest_twisted.ensureDeferred
async def test_narrowed_runs_raise_no_false_alarm(demo_portal, tmp_path, narrowed):
    # Symptom: -a since=… or -a columns=… was `degraded` on 14/15 dates (published_at
    # coverage 14/15 on a sample of 15).
    result = await run_crawl(ShjcdjSpider, tmp_path, base_url=demo_portal, **narrowed)
    report = report_of(result)
    assert report["status"] == "ok", report["checks"]


@pytest_twisted.ensureDeferred
async def test_drift_needs_a_sample(tmp_path):
    # Symptom: drift fired on "1/1 pages".
    site = tmp_path / "site"
    build_site(site)
    switch_template(site, "jcdj")
    server, base_url = serve(site)
    try:
        small = await run_crawl(
            ShjcdjSpider, tmp_path / "a", base_url=base_url, columns="基层党建", since="2021-12-01"
        )
        settable = await run_crawl(
            ShjcdjSpider, tmp_path / "b", {"HEALTH_DRIFT_MIN_PAGES": 1}, base_url=base_url,
            columns="基层党建", since="2021-12-01",
        )  # fmt: skip
    finally:
        server.shutdown()
    assert small.stats["column/基层党建/articles"] == 1
    assert report_of(small)["checks"]["TemplateDriftMonitor"] == "ok"
    assert "1/1 pages" in report_of(settable)["checks"]["TemplateDriftMonitor"]


@pytest_twisted.ensureDeferred
async def test_coverage_minimum_is_settable(demo_portal, tmp_path):
    result = await run_crawl(
        ShjcdjSpider, tmp_path, {"HEALTH_COVERAGE_MIN_RECORDS": 1}, base_url=demo_portal,
        since="2021-06-01",
    )  # fmt: skip
    check = report_of(result)["checks"]["FieldCoverageMonitor"]
    assert check.startswith("field coverage of 15 records: published_at 93% < 95%"), check


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_unreachable_portal_fails_fast_in_one_line(tmp_path):
    # Symptom: a 40-line robots.txt traceback, 31 s to fail, exit 0.
    started = time.monotonic()
    result = run(
        ["-m", "scrapy", "crawlall", "shjcdj", "-a", f"base_url=http://127.0.0.1:{free_port()}/"],
        tmp_path,
    )
    assert time.monotonic() - started < 25
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if " ERROR: " in line]
    assert len(errors) == 1 and "Portal unreachable: 127.0.0.1:" in errors[0]
    (report,) = (tmp_path / "output" / "shjcdj" / "_runs").glob("*.report.json")
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["status"], data["finish_reason"]) == ("failed", "unreachable")
    assert data["requests"] <= 5  # robots.txt once, and at most the 4 first list pages


@pytest.mark.slow
def test_connect_timeout_is_settable(tmp_path):
    # A listener whose accept queue is full: a new connection hangs in SYN_SENT.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    try:
        started = time.monotonic()
        result = run(
            ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url=http://127.0.0.1:{port}/",
             "-s", "CONNECT_TIMEOUT=1", "-s", "DOWNLOAD_TIMEOUT=60"],
            tmp_path,
        )  # fmt: skip
        elapsed = time.monotonic() - started
    finally:
        for s in (*fillers, listener):
            s.close()
    assert "Portal unreachable" in result.stderr, result.stderr[-2000:]
    assert elapsed < 30, elapsed
