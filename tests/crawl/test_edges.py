"""Nothing vanishes at the edges: off-site list entries, mirrors of absolute links (issue 10,
item 5)."""

from __future__ import annotations

import json

import pytest_twisted

from crawler.demo.build import build_site
from crawler.demo.server import serve
from crawler.site.model import to_mirror
from spiders.portal import PortalSpider
from tests.conftest import run_crawl
from tests.support.mirrors import ccdi
from tests.support.reports import report_of

ShjcdjSpider = PortalSpider.for_profile("shjcdj")
CcdiSpider = PortalSpider.for_profile("ccdi")

OFFSITE = "http://news.example.org/jcdj/202112/t20211220_1013.html"


@pytest_twisted.ensureDeferred
async def test_offsite_list_entry_is_counted_logged_once_and_failed(tmp_path, caplog):
    # Symptom: only `offsite/filtered: 1` in the stats, no reject, no failed record, `ok`.
    site = tmp_path / "site"
    build_site(site)
    page = site / "jcdj" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count('href="./202112/t20211220_1013.html"') == 1
    html = html.replace('href="./202112/t20211220_1013.html"', f'href="{OFFSITE}"')
    html = html.replace('href="./202111/t20211126_1012.html"', f'href="{OFFSITE[:-5]}2.html"')
    page.write_text(html, encoding="utf-8")
    server, base_url = serve(site)
    try:
        with caplog.at_level("INFO"):
            result = await run_crawl(ShjcdjSpider, tmp_path / "out", base_url=base_url)
    finally:
        server.shutdown()
    assert result.stats["list/entries_offsite"] == 2
    assert "offsite/filtered" not in result.stats  # nothing reached Scrapy's silent filter
    lines = [r.getMessage() for r in caplog.records if "another host" in r.getMessage()]
    assert len(lines) == 1 and "news.example.org" in lines[0]
    (failed,) = (tmp_path / "out" / "shjcdj" / "_runs").glob("*.failed.jsonl")
    rows = [json.loads(line) for line in failed.read_text(encoding="utf-8").splitlines()]
    assert {(r["url"], r["reason"], r["column"]) for r in rows} == {
        (OFFSITE, "offsite", "基层党建"),
        (OFFSITE[:-5] + "2.html", "offsite", "基层党建"),
    }
    report = report_of(result)
    assert report["failed_reasons"] == {"offsite": 2}


def test_absolute_links_to_the_portal_point_at_the_mirror():
    home = ("ccdi.gov.cn",)
    mirror = "http://127.0.0.1:8000/"
    assert to_mirror("https://www.ccdi.gov.cn/a/t1.html?x=1", home, mirror) == (
        "http://127.0.0.1:8000/a/t1.html?x=1"
    )
    assert to_mirror("http://other.cn/a.html", home, mirror) == "http://other.cn/a.html"
    assert to_mirror("https://www.ccdi.gov.cn/a.html", home, None) == (
        "https://www.ccdi.gov.cn/a.html"
    )


@pytest_twisted.ensureDeferred
async def test_mirror_of_a_portal_with_absolute_list_links_keeps_every_entry(tmp_path):
    # Symptom: a base_url mirror of ccdi (search lists link absolute www.ccdi.gov.cn
    # addresses) dropped every entry; the report said "no article was listed".
    root = tmp_path / "site"
    root.mkdir()
    mirror = ccdi.build(root, "https://www.ccdi.gov.cn/")
    server, base_url = serve(root, handlers=ccdi.handlers(root))
    try:
        result = await run_crawl(
            CcdiSpider, tmp_path / "out", base_url=base_url, columns="公开通报"
        )
    finally:
        server.shutdown()
    wanted = {p for page in mirror.list_pages["公开通报"] for p in mirror.list_entries[page]}
    assert sorted(i["url"] for i in result.items) == sorted(base_url + p for p in wanted)
    assert result.stats.get("list/entries_offsite", 0) == 0
    assert report_of(result)["status"] == "ok"
