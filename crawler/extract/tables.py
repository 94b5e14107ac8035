"""Data tables: a notice whose text is a table of label/value cells (pure)."""

from __future__ import annotations

import re

from lxml import etree

from crawler.extract.chrome import Chrome
from crawler.extract.text import inline_text
from crawler.normalize.body import is_site_footer

# Data tables: a notice whose text IS a table of short label/value cells ('行政处罚决定书文号 |
# 某市监罚〔2024〕12号' rows of the 行政处罚信息公开表 that samr.gov.cn and the provincial
# market-regulation bureaus publish in their 信息公开 columns; the supplier tables of
# ccgp.gov.cn 中标结果 notices). Its cells are too short for the paragraph density, so the
# page's footer outscored it. An innermost table counts as one text block when it has rows of
# two or more cells, its text is spread over them (a layout table's one big cell is not data)
# and most rows hold no link (rows of links list other pages). It is the body only where it
# holds clearly more text than the densest block.
_MIN_TABLE_ROWS = 3
# `/descendant::table[…]` and `descendant::tr` select what `//table[…]` and `.//tr` do (no
# positional predicate) without libxml2's intermediate node-set of every node: less than half
# the time.
_INNER_TABLES = etree.XPath(
    f"/descendant::table[not(descendant::table)][count(descendant::tr) >= {_MIN_TABLE_ROWS}]"
)
_ROWS = etree.XPath("./tr | ./tbody/tr | ./thead/tr")
_CELLS = etree.XPath("./td | ./th")
_MAX_CELL_SHARE = 0.5
_MAX_LINKED_ROWS = 0.5
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LABEL_CELL = re.compile(r"[\u4e00-\u9fff]{2,6}\s*[:：]?")
_MIN_CJK_SHARE = 0.25
# The document-properties table above a 信息公开 article ('索引号 | 主题分类 | 发文机关 |
# 成文日期 | 发文字号': www.gov.cn 政策 documents, the Hanweb 信息公开 systems of provincial
# portals such as zj.gov.cn) is data, but its header: never the body.
_DISCLOSURE_LABELS = re.compile(
    r"索引号|发布机构|发文机关|成文日期|主题分类|公开方式|公开范围|公开时限|发文字号|信息分类|生成日期"
)


def data_table_score(table: etree._Element) -> int:
    """Characters of a data table's text, or 0 for a layout, link or one-column table."""
    rows = [cells for row in _ROWS(table) if len(cells := _CELLS(row)) >= 2]
    if len(rows) < _MIN_TABLE_ROWS:
        return 0
    texts = ["".join(inline_text(cell).split()) for row in rows for cell in row]
    # An old template's footer laid out as a table holds whole footer lines ('主办单位：某某'
    # | '承办单位：某某'); a notice's data table names its organizers in label cells ('主办单位'
    # | '中共某某市委宣传部'), and a label is no footer.
    if any(is_site_footer(text) and not _LABEL_CELL.fullmatch(text) for text in texts):
        return 0
    joined = "".join(texts)
    total = len(joined)
    if not total or max(len(text) for text in texts) > _MAX_CELL_SHARE * total:
        return 0
    if len(set(_DISCLOSURE_LABELS.findall(joined))) >= 2:
        return 0
    # Words, not a calendar widget's or a score board's digits.
    if len(_CJK.findall(joined)) < _MIN_CJK_SHARE * total:
        return 0
    linked_rows = sum(1 for row in rows if any(cell.find(".//a") is not None for cell in row))
    return total if linked_rows <= _MAX_LINKED_ROWS * len(rows) else 0


def largest_data_table(root: etree._Element, chrome: Chrome) -> tuple[int, etree._Element | None]:
    """(score, table) of the page's visible, unfurnished data table with the most text;
    (0, None) when there is none."""
    best: tuple[int, etree._Element | None] = (0, None)
    for table in _INNER_TABLES(root):
        if chrome.body_furniture(table):
            continue
        score = data_table_score(table)
        if score > best[0]:
            best = (score, table)
    return best
