"""crawler.extract.tables: which tables are data (a notice's text), which layout or lists."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.tables import data_table_score

# Label/value rows of a 行政处罚信息公开表.
TABLE = (
    "<table><tr><td>行政处罚决定书文号</td><td>某市监处罚〔2024〕12号</td></tr>"
    "<tr><td>违法行为类型</td><td>虚假宣传</td></tr>"
    "<tr><td>行政相对人名称</td><td>某某贸易有限公司</td></tr>"
    "<tr><td>处罚机关</td><td>某某市市场监督管理局</td></tr></table>"
)


@pytest.mark.parametrize(
    ("table", "scored"),
    [
        pytest.param(TABLE, True, id="label-value-rows"),
        pytest.param(
            "<table><tr><td>索引号</td><td>11310000/2024-00012</td><td>发布机构</td>"
            "<td>某某局</td></tr><tr><td>成文日期</td><td>2024-07-12</td><td>发布日期</td>"
            "<td>2024-07-15</td></tr><tr><td>文号</td><td>某发〔2024〕3号</td><td>主题分类</td>"
            "<td>综合政务</td></tr></table>",
            False,
            id="disclosure-header-table",
        ),
        pytest.param(
            "<table><tr><td><a href='/1'>第一篇文章的标题</a></td><td>2024-07-01</td></tr>"
            "<tr><td><a href='/2'>第二篇文章的标题</a></td><td>2024-07-02</td></tr>"
            "<tr><td><a href='/3'>第三篇文章的标题</a></td><td>2024-07-03</td></tr></table>",
            False,
            id="link-list",
        ),
        pytest.param(
            "<table><tr><td>导航</td><td>" + "正文很长的一段文字。" * 20 + "</td></tr>"
            "<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
            False,
            id="layout-table-one-big-cell",
        ),
        pytest.param(
            "<table><tr><td>第一行</td></tr><tr><td>第二行</td></tr><tr><td>第三行</td></tr></table>",
            False,
            id="one-column",
        ),
        pytest.param(
            "<table><tr><td>主办单位：某某局</td><td>承办单位：某某中心</td></tr>"
            "<tr><td>地址：某某路1号</td><td>邮编：200000</td></tr>"
            "<tr><td>电话：12345678</td><td>沪ICP备12345678号</td></tr></table>",
            False,
            id="footer-laid-out-as-table",
        ),
        pytest.param(
            "<table><tr><th>日</th><th>一</th><th>二</th><th>三</th><th>四</th><th>五</th>"
            "<th>六</th></tr>"
            + "".join(
                "<tr>" + "".join(f"<td>{day}</td>" for day in range(week, week + 7)) + "</tr>"
                for week in range(1, 29, 7)
            )
            + "</table>",
            False,
            id="calendar-widget",
        ),
    ],
)
def test_data_table_score(table: str, scored: bool) -> None:
    el = Selector(text=table).xpath("//table")[0].root
    assert (data_table_score(el) > 0) is scored
