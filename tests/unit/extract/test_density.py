"""crawler.extract.density: the body container, data tables and the site footer."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.density import guess_body
from crawler.extract.text import paragraphs

NAV = (
    "<div class='nav'><a href='/'>首页</a><a href='/a'>机构概况</a><a href='/b'>政务公开</a></div>"
)
# A government site's footer, not named as one (`<div class="bottom">`).
FOOTER = (
    "<div class='bottom'><p>主办单位：某某市市场监督管理局 承办单位：某某市大数据中心</p>"
    "<p>版权所有：某某市市场监督管理局 地址：某某市人民路100号</p>"
    "<p>沪ICP备12345678号 沪公网安备31010502000005号 技术支持：某某信息技术有限公司</p></div>"
)
ROWS = (
    ("行政处罚决定书文号", "某市监处罚〔2024〕12号"),
    ("违法行为类型", "虚假宣传"),
    ("行政相对人名称", "某某贸易有限公司"),
    ("处罚依据", "《广告法》第五十五条"),
    ("处罚结果", "罚款五千元"),
    ("处罚机关", "某某市市场监督管理局"),
)
TABLE = "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in ROWS) + "</table>"


def _page(main: str) -> str:
    return f"<html><body>{NAV}<div class='main'><h1>某某公告</h1>{main}</div>{FOOTER}</body></html>"


def _body_lines(html: str) -> list[str]:
    body = guess_body(Selector(text=html).root)
    return paragraphs(body) if body is not None else []


def test_table_bodied_notice_is_its_table() -> None:
    lines = _body_lines(_page(f"<div class='con'>{TABLE}</div>"))
    assert lines[:2] == ["行政处罚决定书文号", "某市监处罚〔2024〕12号"]
    assert lines[-1] == "某某市市场监督管理局"
    assert not any("ICP" in line or "主办单位" in line for line in lines)


def test_table_in_a_known_container() -> None:
    lines = _body_lines(_page(f"<div id='zoom'>{TABLE}</div>"))
    assert lines[0] == "行政处罚决定书文号"


def test_short_notice_beats_the_site_footer() -> None:
    notice = (
        "<p>　　经研究，定于2024年7月15日上午9时在市政府第一会议室召开全市安全生产工作会议，"
        "请各单位主要负责同志准时参加，并于7月12日前报送参会人员名单。</p>"
    )
    lines = _body_lines(_page(f"<div class='article'>{notice}</div>"))
    assert len(lines) == 1
    assert lines[0].startswith("　　经研究")


BR_FOOTER_LINES = (
    "地址：某某市人民路100号 邮编：200000 电话：021-12345678 传真：021-12345679<br>"
    "主办单位：某某市市场监督管理局 承办单位：某某市大数据中心<br>"
    "版权所有：某某市市场监督管理局 网站标识码：3100000001<br>"
    "沪ICP备12345678号 沪公网安备31010502000005号 技术支持：某某信息技术有限公司"
)


@pytest.mark.parametrize(
    "footer",
    [
        pytest.param(f"<div class='bottom'>{BR_FOOTER_LINES}</div>", id="br-lines-in-a-div"),
        pytest.param(f"<table><tr><td>{BR_FOOTER_LINES}</td></tr></table>", id="br-lines-in-a-td"),
        pytest.param(f"<div class='bottom'><p>{BR_FOOTER_LINES}</p></div>", id="br-lines-in-a-p"),
    ],
)
def test_short_notice_beats_a_footer_of_br_lines(footer: str) -> None:
    notice = (
        "<div class='article'><p>　　经研究，定于2024年7月15日上午9时在市政府第一会议室召开全市"
        "安全生产工作会议，请各单位主要负责同志准时参加，并于7月12日前报送名单。</p></div>"
    )
    html = f"<html><body>{NAV}<h1>通知</h1>{notice}{footer}</body></html>"
    lines = _body_lines(html)
    assert len(lines) == 1
    assert lines[0].startswith("　　经研究")


def test_footer_alone_is_no_body() -> None:
    assert _body_lines(f"<html><body>{NAV}{FOOTER}</body></html>") == []


def test_article_with_a_table_keeps_its_prose() -> None:
    prose = "<p>　　" + "这是正文的一段说明文字，介绍下表的来历和用途。" * 2 + "</p>"
    article = f"<div class='article'><div class='text'>{prose}</div>{TABLE}</div>"
    lines = _body_lines(_page(article))
    assert lines[0].startswith("　　这是正文的一段说明文字")
    assert lines[-1] == "某某市市场监督管理局"


def test_short_article_beats_a_larger_table_beside_it() -> None:
    prose = "<p>　　" + "这是一则简短通知的正文，说明了有关事项。" * 4 + "</p>"
    lines = _body_lines(_page(f"<div class='article'>{prose}</div><div class='x'>{TABLE}</div>"))
    assert lines[0].startswith("　　这是一则简短通知的正文")
