"""End-to-end: the shjcdj spider crawls the demo portal through Scrapy's real machinery."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import pytest_twisted

from crawler.items import EXPORT_FIELDS
from spiders.portal import PortalSpider
from tests.conftest import CrawlResult, run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

SAMPLE = "jcdj/202005/t20200513_1001.html"
FOOTER_WORDS = ("主办单位", "版权所有", "ICP备", "网站办公地址", "公网安备")


def relative(url: str, base: str) -> str:
    assert url.startswith(base), url
    return url[len(base) :]


@pytest.fixture(scope="module")
def demo_crawl(demo_portal: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    out = tmp_path_factory.mktemp("demo-crawl")
    return pytest_twisted.blockon(run_crawl(ShjcdjSpider, out, base_url=demo_portal))


def test_every_demo_article_exported_exactly_once(demo_crawl, demo_portal, demo_expected):
    urls = [relative(item["url"], demo_portal) for item in demo_crawl.items]
    assert sorted(urls) == sorted(demo_expected["articles"])
    assert len(urls) == len(set(urls))


@pytest.mark.parametrize(
    "field_name",
    [
        "title",
        "published_at",
        "published_precision",
        "published_date",
        "published_raw",
        "source",
        "author",
        "editor",
        "column",
        "breadcrumb",
        "body",
    ],
)
def test_demo_field_matches_expected(demo_crawl, demo_portal, demo_expected, field_name):
    wrong = {}
    for item in demo_crawl.items:
        path = relative(item["url"], demo_portal)
        expected = demo_expected["articles"][path][field_name]
        if item[field_name] != expected:
            wrong[path] = (item[field_name], expected)
    assert not wrong, json.dumps(wrong, ensure_ascii=False, indent=1)


def test_demo_media_are_absolute_urls(demo_crawl, demo_portal, demo_expected):
    for item in demo_crawl.items:
        expected = demo_expected["articles"][relative(item["url"], demo_portal)]
        assert item["images"] == [demo_portal + p for p in expected["images"]]
        assert item["attachments"] == [
            {"url": demo_portal + a["url"], "name": a["name"]} for a in expected["attachments"]
        ]


def test_sample_article_exactly_as_specified(demo_crawl, demo_portal):
    (item,) = [i for i in demo_crawl.items if i["url"] == demo_portal + SAMPLE]
    assert item["site"] == "shjcdj"
    assert item["site_name"] == "上海基层党建网"
    assert item["breadcrumb"] == ["党建首页", "基层党建"]
    assert item["column"] == "基层党建"
    assert item["title"] == "崇明区新海镇:“三个到位”答好疫情防控“考题”"
    assert item["published_at"] == "2020-05-13T00:00:00+08:00"  # schema 2: always a timestamp
    assert item["published_precision"] == "day"
    assert item["published_date"] == "2020-05-13"
    assert item["published_raw"] == "2020年5月13日 00:00"
    assert item["source"] == "崇明区委组织部"
    assert item["body"].startswith("(上海基层党建网) 面对新冠肺炎疫情防控的严峻考验")
    assert item["body"].endswith("以赤子之心回答疫情防控“考卷”。")
    assert "组织发动到位,密植多元协同的“群防线”" in item["body"].split("\n")
    assert re.fullmatch(r"[0-9a-f]{40}", item["fingerprint"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["crawled_at"])


def test_no_footer_share_bar_or_lost_nbsp_in_any_body(demo_crawl):
    for item in demo_crawl.items:
        body = item["body"]
        assert "???" not in body, item["url"]
        assert not any(word in body for word in FOOTER_WORDS), item["url"]
        assert "| |" not in body and "【打印】" not in body, item["url"]
        assert "\u3000" not in body and "\xa0" not in body, item["url"]


def test_rejects_file_holds_exactly_the_broken_pages(demo_crawl, demo_portal, demo_expected):
    got = {relative(r["url"], demo_portal): r["reason"] for r in demo_crawl.rejects}
    assert got == demo_expected["rejects"]
    assert len(demo_crawl.rejects) == len(got)
    stats = demo_crawl.stats
    assert stats["rejects/count"] == len(got)
    for reason in set(got.values()):
        assert stats[f"rejects/{reason}"] == list(got.values()).count(reason)
    # What was extracted from an invalid page is kept with it.
    by_reason = {r["reason"]: r for r in demo_crawl.rejects}
    assert by_reason["body_too_short"]["record"]["title"]


def test_feed_file_is_complete_utf8_jsonl_in_schema_order(demo_crawl):
    (feed,) = demo_crawl.feeds
    assert re.fullmatch(r"\d{8}T\d{6}\.\d{3}Z\.jsonl", feed.name)
    assert not list(demo_crawl.output_dir.rglob("*.part")), "a .part file was left behind"
    raw = feed.read_bytes()
    text = raw.decode("utf-8")
    assert "\\u" not in text and "党建" in text
    lines = text.splitlines()
    assert len(lines) == len(demo_crawl.items)
    for line in lines:
        record: dict[str, Any] = json.loads(line)
        assert list(record) == EXPORT_FIELDS


def test_crawl_stats_show_the_hard_cases(demo_crawl, demo_portal, demo_expected):
    stats = demo_crawl.stats
    assert stats.get("log_count/ERROR", 0) == 0
    assert stats["list/empty"] == len(demo_expected["empty_list_pages"])
    assert stats["encoding/declared_wrong"] == 1
    assert stats["list/pages"] == sum(len(p) for p in demo_expected["list_pages"].values()) + len(
        demo_expected["empty_list_pages"]
    )
    assert stats["normalize/date_unparseable"] >= 1
    assert stats["extract/title/profile"] >= len(demo_expected["articles"])


@pytest_twisted.ensureDeferred
async def test_columns_and_max_pages_limit_the_crawl(demo_portal, demo_expected, tmp_path: Path):
    result = await run_crawl(
        ShjcdjSpider, tmp_path, base_url=demo_portal, columns="基层党建", max_pages="1"
    )
    assert result.stats["list/pages"] == 1
    first_page = {p for p in demo_expected["articles"] if p.startswith("jcdj/")}
    got = {relative(i["url"], demo_portal) for i in result.items}
    assert got and got < first_page


@pytest_twisted.ensureDeferred
async def test_since_stops_paging_at_older_entries(demo_portal, demo_expected, tmp_path: Path):
    dates = sorted(
        a["published_date"]
        for p, a in demo_expected["articles"].items()
        if p.startswith("djyw/") and a["published_date"]
    )
    # Only the newest article qualifies: page 2 holds only older ones, so page 3 is never asked.
    cutoff = dates[-1]
    result = await run_crawl(
        ShjcdjSpider, tmp_path, base_url=demo_portal, columns="党建要闻", since=cutoff
    )
    got = [i["published_date"] for i in result.items]
    assert got and all(d is None or d >= cutoff for d in got)
    assert result.stats["list/pages"] == 2 < len(demo_expected["list_pages"]["djyw"])


@pytest_twisted.ensureDeferred
async def test_extraction_error_becomes_a_reject_not_a_crash(monkeypatch, demo_portal, tmp_path):
    from spiders import base  # noqa: PLC0415

    def broken(*args, **kwargs):
        raise RuntimeError("template surprise")

    monkeypatch.setattr(base, "extract_article", broken)
    result = await run_crawl(
        ShjcdjSpider, tmp_path, base_url=demo_portal, columns="基层党建", max_pages="1"
    )
    assert result.items == []
    assert result.rejects and {r["reason"] for r in result.rejects} == {"extraction_error"}
    assert all("RuntimeError: template surprise" in r["detail"] for r in result.rejects)
    assert result.stats["rejects/extraction_error"] == len(result.rejects)
