"""End to end against a misbehaving portal: every fault gets its exact, accounted outcome."""

from __future__ import annotations

import json

import pytest
import pytest_twisted

from spiders.portal import PortalSpider
from tests.conftest import run_crawl
from tests.support.hostile import (
    ARTICLE_FAULTS,
    ENDLESS_DISTINCT_PAGES,
    ENDLESS_REPEATED_PAGES,
    HEALTHY,
    MAX_SIZE,
    TRICKY_HEALTHY,
    serve_hostile,
)

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

RETRY_TIMES = 2
LIST_MAX_PAGES = 5
# How many times each failing URL is asked: retried faults 1 + RETRY_TIMES, the rest once
# (a challenge, a redirect loop, an offsite redirect or an oversize body do not improve).
ATTEMPTS = {
    "http_500": 3, "http_502": 3, "http_503": 3, "http_429": 3, "connection_error": 3,
    "data_loss": 3, "timeout": 3, "blocked": 1, "redirect_loop": 1, "offsite_redirect": 1,
    "too_large": 1,
}  # fmt: skip


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    server, base_url = serve_hostile()
    out = tmp_path_factory.mktemp("hostile")
    settings = {
        "RETRY_TIMES": RETRY_TIMES,
        "RETRY_BACKOFF_BASE": 0.05,
        "RETRY_AFTER_MAX": 1.5,
        "DOWNLOAD_TIMEOUT": 1,
        "DOWNLOAD_MAXSIZE": MAX_SIZE,
        "DOWNLOAD_WARNSIZE": 0,
        "LIST_MAX_PAGES": LIST_MAX_PAGES,
        "FAILED_URI": str(out / "%(name)s" / "%(run_id)s.failed.jsonl"),
    }
    try:
        result = pytest_twisted.blockon(run_crawl(ShjcdjSpider, out, settings, base_url=base_url))
    finally:
        server.shutdown()
        server.server_close()
    (failed_file,) = out.rglob("*.failed.jsonl")
    failed = [json.loads(line) for line in failed_file.read_text("utf-8").splitlines()]
    return base_url, result, failed


def test_healthy_articles_exported_exactly_once(hostile_crawl):
    base_url, result, _ = hostile_crawl
    urls = sorted(i["url"] for i in result.items)
    expected = sorted(
        [base_url + p.lstrip("/") for p in (*HEALTHY, *TRICKY_HEALTHY)]
        + [f"{base_url}{ENDLESS_DISTINCT_PAGES}/p{n}/t20240101_{n}.html"
           for n in range(1, LIST_MAX_PAGES + 1)]
        + [f"{base_url}{ENDLESS_REPEATED_PAGES}/same/t20240101_1.html"]
    )  # fmt: skip
    assert urls == expected
    titles = {i["url"]: i["title"] for i in result.items}
    for path, title in TRICKY_HEALTHY.items():  # wrong and missing charsets decoded right
        assert titles[base_url + path.lstrip("/")] == title


def test_every_failed_url_is_accounted_with_reason_and_attempts(hostile_crawl):
    base_url, result, failed = hostile_crawl
    got = {f["url"][len(base_url) - 1 :]: (f["reason"], f["attempts"], f["kind"]) for f in failed}
    expected = {
        path: (reason, ATTEMPTS[reason], "article")
        for path, (disposition, reason) in ARTICLE_FAULTS.items()
        if disposition == "failed"
    }
    expected["/tzgg/index.html"] = ("blocked", 1, "list")
    refused = [f for f in failed if "/refused/" in f["url"]]
    assert [(f["reason"], f["attempts"]) for f in refused] == [("connection_error", 3)]
    got = {path: outcome for path, outcome in got.items() if "/refused/" not in path}
    assert got == expected
    assert result.stats["failed/count"] == len(expected) + len(refused)


def test_permanent_faults_are_rejects(hostile_crawl):
    base_url, result, _ = hostile_crawl
    got = {r["url"][len(base_url) - 1 :]: r["reason"] for r in result.rejects}
    assert got == {p: r for p, (d, r) in ARTICLE_FAULTS.items() if d == "reject"}


def test_no_challenge_or_error_page_is_exported(hostile_crawl):
    _, result, _ = hostile_crawl
    for item in result.items:
        assert "__jsl_clearance" not in (item["body"] or "")
        assert "fault" not in item["url"] or item["url"].endswith(("wrong-charset", "no-charset"))
    assert result.stats["blocked/count"] >= 3


def test_endless_pagination_is_cut(hostile_crawl):
    _, result, _ = hostile_crawl
    assert result.stats["list/max_depth_reached"] == 1
    assert result.stats["list/repeated_page"] == 1


def test_retry_after_is_honoured(hostile_crawl):
    _, result, _ = hostile_crawl
    # Two URLs send Retry-After: 1 and are retried twice each: at least 4 s of waiting.
    assert result.stats["retry/backoff_seconds"] >= 4
