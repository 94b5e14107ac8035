"""crawler.extract.linkblocks: link-only lines at the start of a body."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.linkblocks import link_texts, without_leading_links
from crawler.extract.text import paragraphs

PROSE = (
    "<p>　　“这是文章的第一句话。”昨日，记者从有关部门获悉，这件事已经有了结果。</p>"
    "<p>　　第二段说明了事情的经过，以及各方对结果的看法和下一步的安排。</p>"
)
# A table of related links above the first sentence (sohu.com's articles of 2005).
LINK_TABLE = (
    "<table><tr><td><b><a href='/c'>理财</a>：</b><a href='/1'>为什么有人富了</a></td>"
    "<td><a href='/2'>银行还款是怎么算出来的</a></td></tr>"
    "<tr><td><b><a href='/s'>股票</a>：</b><a href='/3'>托起的千点能走多远</a></td>"
    "<td><a href='/4'>“国九条”成了谁的道具</a></td></tr></table>"
)


def _body(html: str):
    return (
        Selector(text=f"<html><body><div id='text'>{html}</div></body></html>")
        .xpath("//div[@id='text']")[0]
        .root
    )


@pytest.mark.parametrize(
    ("html", "first"),
    [
        pytest.param(LINK_TABLE + PROSE, "“这是文章的第一句话。”", id="link-table-above-text"),
        pytest.param(
            "<p><a href='/a'>另一篇文章的标题</a></p><p><a href='/b'>第二篇的标题</a></p>" + PROSE,
            "“这是文章的第一句话。”",
            id="link-paragraphs-above-text",
        ),
        pytest.param(
            "<p><a href='/doc'>《关于某某工作的通知》</a></p>" + PROSE,
            "《关于某某工作的通知》",
            id="one-linked-line-kept",
        ),
        pytest.param(
            "<p>前文<a href='/a'>链接</a>后文也很长。</p>" + PROSE,
            "前文链接后文也很长。",
            id="link-inside-prose-kept",
        ),
        pytest.param(
            "<p><a href='/a.pdf'>附件一：某某名单</a></p>"
            "<p><a href='/b.pdf'>附件二：某某表</a></p>",
            "附件一：某某名单",
            id="all-links-kept",
        ),
        pytest.param(
            "<p><a href='/f/a.pdf'>关于某某工作的通知</a></p>"
            "<p><a href='/f/b.doc'>某某实施细则</a></p>" + PROSE,
            "关于某某工作的通知",
            id="document-links-kept",
        ),
        pytest.param(
            LINK_TABLE + "<p>（责编：王五）</p>",
            "理财：为什么有人富了",
            id="links-over-credit-kept",
        ),
    ],
)
def test_without_leading_links(html: str, first: str) -> None:
    body = _body(html)
    lines = without_leading_links(paragraphs(body), body)
    assert "".join(lines[0].split()).startswith("".join(first.split()))


def test_link_texts_take_a_labelled_cell_and_a_link_broken_over_lines() -> None:
    body = _body(LINK_TABLE + "<p><a href='/x'><b>网易财经<br>会赚钱的客户端：</b></a></p>")
    texts = link_texts(body)
    assert "理财：为什么有人富了" in texts
    assert {"网易财经", "会赚钱的客户端：", "网易财经会赚钱的客户端："} <= texts
