"""Extraction + normalization over the demo portal's pages (../shared's: test_corpus.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.extract.article import extract_article
from spiders.portal import PortalSpider
from tests.conftest import DEMO_SITE
from tests.support.offline import offline_spider, process_page

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

DEMO_BASE = "http://www.shjcdj.cn/"


def _headers(path: str) -> dict[str, str]:
    headers = json.loads((DEMO_SITE / "_headers.json").read_text(encoding="utf-8"))
    return {"Content-Type": headers.get(path, "text/html; charset=utf-8")}


@pytest.fixture(scope="module")
def shjcdj_offline() -> tuple[Any, list[Any]]:
    return offline_spider(ShjcdjSpider)


def _demo_expected() -> dict[str, Any]:
    return json.loads((DEMO_SITE / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(_demo_expected()["articles"]))
def test_demo_article_offline(shjcdj_offline, path):
    spider, pipelines = shjcdj_offline
    expected = _demo_expected()["articles"][path]
    response = HtmlResponse(
        DEMO_BASE + path, body=(DEMO_SITE / path).read_bytes(), headers=_headers(path)
    )
    record, reason = process_page(spider, response, pipelines)
    assert reason is None
    for name, value in expected.items():
        if name == "images":
            wanted = [DEMO_BASE + v for v in value]
        elif name == "attachments":
            wanted = [{"url": DEMO_BASE + a["url"], "name": a["name"]} for a in value]
        else:
            wanted = value
        assert record[name] == wanted, name


@pytest.mark.parametrize(
    ("href", "is_attachment"),
    [
        ("/files/2021/P020210601123456.pdf", True),
        ("/files/通知.DOCX", True),
        ("/module/download/downfile.jsp?classid=0&filename=1605151234.xls", True),
        ("/jcdj/202005/t20200513_1001.html", False),
        ("/list.jsp?page=2&col=3", False),
        ("/images//2020/5/13/1589300000000.jpg", False),
    ],
)
def test_attachment_links(href, is_attachment):
    paragraph = "<p>" + "党支部开展主题党日活动，党员们重温入党誓词。" * 4 + "</p>"
    html = f'<div id="zoom">{paragraph}<p><a href="{href}">附件</a></p></div>'
    fields = extract_article(Selector(text=html), "http://www.example.cn/a/b.html")
    assert bool(fields.attachments) is is_attachment


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<p><img src='http://[x/a.jpg' width='600' height='400'></p>", id="img-src"),
        pytest.param(
            "<p><a href='http://[x/a'>链接一</a></p><p><a href='/b'>链接二</a></p>", id="links"
        ),
    ],
)
def test_unparseable_addresses_do_not_stop_extraction(markup):
    # urlsplit raises ValueError on an unclosed IPv6 bracket: a typo in one address of the
    # page, not a reason to lose the article.
    paragraph = "<p>" + "党支部开展主题党日活动，党员们重温入党誓词。" * 4 + "</p>"
    html = (
        "<html><head><title>主题党日活动标题</title></head><body>"
        "<h1><a href='http://[x/'>主题党日活动标题</a></h1>"
        f"<div class='article'>{markup}{paragraph}</div></body></html>"
    )
    fields = extract_article(Selector(text=html), "http://www.example.cn/a/b.html")
    assert fields.title == "主题党日活动标题"
    assert fields.body is not None and "重温入党誓词" in fields.body
