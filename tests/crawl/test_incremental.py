"""Scheduled runs: a second crawl fetches only what is new; edits come out once, flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest_twisted

from crawler.demo.build import build_site
from crawler.demo.server import Answer, Request, serve
from spiders.portal import PortalSpider
from tests.conftest import run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")


def feed_records(out: Path) -> list[dict]:
    return [
        json.loads(line)
        for feed in sorted((out / "shjcdj").glob("*Z.jsonl"))
        for line in feed.read_text(encoding="utf-8").splitlines()
    ]


@pytest_twisted.ensureDeferred
async def test_second_run_fetches_only_new_articles(portal, tmp_path):
    site, base_url, expected = portal
    out = tmp_path / "out"
    first = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert len(first.items) == len(expected["articles"])

    # Three articles are published (at the top of their columns' first pages).
    new_expected = build_site(site, newest_articles=3)
    new_paths = sorted(set(new_expected["articles"]) - set(expected["articles"]))
    assert len(new_paths) == 3
    second = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert sorted(i["url"] for i in second.items) == [base_url + p for p in new_paths]
    columns = len(new_expected["columns"])
    requests = second.stats["downloader/request_count"]
    assert requests <= len(new_paths) + columns + 1, requests  # + robots.txt
    assert second.stats["list/stopped_at_known"] >= 3
    assert second.rejects == []  # known rejects are not fetched again

    # Nothing new: only the first list page of each column and robots.txt.
    third = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert third.items == []
    assert third.stats["downloader/request_count"] == columns + 1

    # Across all output files every article appears exactly once.
    urls = [r["url"] for r in feed_records(out)]
    assert sorted(urls) == sorted(base_url + p for p in new_expected["articles"])


@pytest_twisted.ensureDeferred
async def test_refresh_days_reexports_an_edited_article_once(portal, tmp_path):
    site, base_url, expected = portal
    out = tmp_path / "out"
    await run_crawl(ShjcdjSpider, out, base_url=base_url)

    path = "jcdj/202112/t20211220_1013.html"
    page = site / path
    html = page.read_text(encoding="utf-8")
    first_paragraph = expected["articles"][path]["body"].split("\n")[0]
    edited_paragraph = first_paragraph + "（本文已更新）"
    assert first_paragraph in html
    page.write_text(html.replace(first_paragraph, edited_paragraph, 1), encoding="utf-8")

    refresh = await run_crawl(ShjcdjSpider, out, base_url=base_url, refresh_days="20000")
    assert [(i["url"], i["updated"]) for i in refresh.items] == [(base_url + path, True)]
    assert refresh.items[0]["body"].startswith(edited_paragraph)
    assert refresh.stats["state/unchanged"] == len(expected["articles"]) - 1

    # The edit is now the known version: asking again exports nothing.
    again = await run_crawl(ShjcdjSpider, out, base_url=base_url, refresh_days="20000")
    assert again.items == []


@pytest_twisted.ensureDeferred
async def test_full_run_walks_everything_but_exports_nothing_twice(portal, tmp_path):
    _, base_url, expected = portal
    out = tmp_path / "out"
    first = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    full = await run_crawl(ShjcdjSpider, out, base_url=base_url, full="1")
    assert full.items == []
    assert full.stats["state/unchanged"] == len(expected["articles"])
    assert full.stats["downloader/request_count"] >= first.stats["downloader/request_count"]


@pytest_twisted.ensureDeferred
async def test_retry_failed_asks_again_for_what_failed(tmp_path):
    site = tmp_path / "site"
    expected = build_site(site)
    # An article on the column's last page: below the point where incremental runs stop.
    path = next(
        p for p in reversed(expected["list_entries"]["jcdj/index_2.html"])
        if p in expected["articles"]
    )  # fmt: skip
    broken = {"on": True}

    def flaky(request: Request) -> Answer:
        if broken["on"]:
            return Answer(503, b"<html>busy</html>")
        return Answer(200, (site / path).read_bytes())

    server, base_url = serve(site, handlers={"/" + path: flaky})
    out = tmp_path / "out"
    settings = {"RETRY_TIMES": 1, "FAILED_URI": str(out / "%(name)s" / "%(run_id)s.failed.jsonl")}
    try:
        first = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
        assert base_url + path not in {i["url"] for i in first.items}
        assert first.stats["failed/http_503"] == 1
        broken["on"] = False
        # A plain incremental run does not come back to it: nothing new on the list pages.
        plain = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
        assert plain.items == []
        retried = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url, retry_failed="1")
        assert [i["url"] for i in retried.items] == [base_url + path]
        # Once exported, it is no longer a failure to retry.
        again = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url, retry_failed="1")
        assert again.items == []
    finally:
        server.shutdown()
    assert len(expected["articles"]) == len(first.items) + 1
