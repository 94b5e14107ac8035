"""Dates printed away from the headline: 信息公开 table cells, e-paper edition headers (pure).

The header band between headline and body holds the date on most pages (`generic.guess_date`
reads it first); these rules answer only where it holds none.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.bands import leading_band
from crawler.extract.chrome import Chrome
from crawler.extract.text import inline_text
from crawler.normalize.dates import find_date

# A cell that is a date label and nothing else, its value in the next cell:
# `<td>发布日期</td><td>2024-07-12</td>` or `<th>成文日期：</th><td>…</td>` in the 信息公开
# (information disclosure) table above the headline of www.gov.cn 政策 pages (索引号 / 发文机关
# / 成文日期 / 发布日期) and of provincial portals' 政府信息公开 pages (zj.gov.cn, gansu.gov.cn
# Hanweb/TRS templates), and `<dt>发布时间</dt><dd>…</dd>` lists of newer templates.
_DATE_CELL_LABEL = re.compile(r"^(?:发布|发稿|成文|印发|更新|生成)?(?:日期|时间)\s*[:：]?$")
_LABEL_CELLS = etree.XPath("//td | //th | //dt")
_VALUE_TAGS = frozenset({"td", "th", "dd"})


def cell_date(root: HtmlElement, chrome: Chrome) -> str | None:
    """The date of a label cell / value cell pair; '发布日期' beats '成文日期' as in a line.

    The pairs are joined into one labelled line ('成文日期：… 生成日期：… 发布日期：…') so that
    `find_date` ranks them like any byline: a published label first, a page-generation stamp
    (生成日期) never.
    """
    pairs: list[str] = []
    for cell in _LABEL_CELLS(root):
        label = " ".join(inline_text(cell).split())
        if len(label) > 8 or not _DATE_CELL_LABEL.match(label) or not chrome.visible(cell):
            continue
        value_cell = cell.getnext()
        if value_cell is None or value_cell.tag not in _VALUE_TAGS:
            continue
        value = " ".join(inline_text(value_cell).split())
        if value and len(value) <= 40:
            pairs.append(f"{label.rstrip(':：')}：{value}")
    return find_date("  ".join(pairs)) if pairs else None


# An e-paper (数字报) page names its edition above the article: '第A03版：要闻' / '第01版'
# beside '版面导航' (Founder 方正 e-paper systems: paper.people.com.cn, epaper.gmw.cn,
# newpaper.dahe.cn 河南商报, most provincial and city 日报 数字报), and prints the edition's date
# in its masthead ('2024年07月12日 星期五'). The article itself carries no date line: the
# edition date is its date.
_EDITION_MARK = re.compile(r"第\s*[A-Z]{0,2}\s*\d{1,3}\s*版|版面导航")


def edition_date(root: HtmlElement, body_el: etree._Element | None, chrome: Chrome) -> str | None:
    """The masthead date of an e-paper page (the first date above the body), else None."""
    before = leading_band(root, body_el, chrome=chrome)
    if not _EDITION_MARK.search(before):
        return None
    return find_date(before)
