"""crawler.extract.bodyhead: a byline printed inside the body container is the header."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.article import extract_article
from crawler.extract.bodyhead import is_byline_line, split_header
from crawler.normalize.body import clean_body


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        pytest.param(
            "发布时间：2024-07-12 10:20 来源：某某区融媒体中心", True, id="date-and-source"
        ),
        pytest.param("新闻来源：某某网  发布时间：2024-07-12", True, id="freemarker-news"),
        pytest.param("来源：某某网 作者：张三", True, id="two-labels"),
        pytest.param("2024-07-12 来源：某某日报", True, id="date-then-source"),
        pytest.param("发布日期：2024年7月12日", True, id="labelled-date"),
        pytest.param("会议时间：2024年7月15日 地点：区政府三楼会议室", False, id="notice-time"),
        pytest.param("7月11日，某某区召开工作会议，传达学习上级会议精神。", False, id="prose"),
        pytest.param("来源：某某网", False, id="source-alone"),
        pytest.param("据某某网来源：" + "很长的正文" * 40 + "2024-07-12", False, id="too-long"),
    ],
)
def test_is_byline_line(line: str, byline: bool) -> None:
    assert is_byline_line(line) is byline


@pytest.mark.parametrize(
    ("lines", "header", "rest"),
    [
        pytest.param(
            ["发布时间：2024-07-12 来源：某某网", "【字体：大 中 小】【打印】", "正文第一段。"],
            "发布时间：2024-07-12 来源：某某网",
            ["正文第一段。"],
            id="byline-and-toolbar",
        ),
        pytest.param(
            ["来源：某某网 作者：张三", "发布时间：2024-07-12", "正文第一段。"],
            "来源：某某网 作者：张三  发布时间：2024-07-12",
            ["正文第一段。"],
            id="two-byline-lines",
        ),
        pytest.param(["正文第一段。", "来源：某某网 作者：张三"], "", None, id="text-first"),
        pytest.param(["发布时间：2024-07-12 来源：某某网"], "", None, id="nothing-after"),
    ],
)
def test_split_header(lines: list[str], header: str, rest: list[str] | None) -> None:
    assert split_header(lines) == (header, lines if rest is None else rest)


def test_article_box_with_headline_byline_and_text() -> None:
    text = (
        "<p>　　7月11日，某某区召开工作会议，传达学习上级会议精神，研究部署下一阶段工作。</p>" * 3
    )
    html = (
        "<html><head><title>某某区召开工作会议_某某区人民政府</title></head><body>"
        "<div class='top'><a href='/'>首页</a></div><div class='article'>"
        "<h1>某某区召开工作会议</h1>"
        "<div class='info'>发布时间：2024-07-12 10:20 来源：某某区融媒体中心 作者：张三</div>"
        f"{text}</div></body></html>"
    )
    fields = extract_article(Selector(text=html), "http://www.example.gov.cn/a/1.html")
    assert clean_body(fields.body).startswith("7月11日，某某区召开工作会议")
    assert fields.published_raw == "2024-07-12 10:20"
    assert fields.source == "某某区融媒体中心"
    assert fields.author == "张三"


def test_byline_line_in_the_body_adds_to_a_header_band() -> None:
    text = (
        "<p>　　7月11日，某某区召开工作会议，传达学习上级会议精神，研究部署下一阶段工作。</p>" * 3
    )
    html = (
        "<html><body><h1>某某区召开工作会议</h1><div class='date'>2024-07-12</div>"
        "<div class='article'><p>来源：某某区融媒体中心 作者：张三</p>"
        f"{text}</div></body></html>"
    )
    fields = extract_article(Selector(text=html), "http://www.example.gov.cn/a/1.html")
    assert clean_body(fields.body).startswith("7月11日，某某区召开工作会议")
    assert fields.published_raw == "2024-07-12"
    assert fields.source == "某某区融媒体中心"
    assert fields.author == "张三"
