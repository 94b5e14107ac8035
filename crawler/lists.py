"""List-page facts beyond entries and pagination."""

from __future__ import annotations

import re

from parsel import Selector

# What CMSs print in a column that has nothing yet ("暂无内容", "暂无数据", "没有找到相关信息").
# A list page that says so is empty on purpose; one without entries *and* without such a
# notice is what a changed template looks like.
_EMPTY_NOTICE = re.compile(
    r"暂无(?:内容|数据|信息|记录|文章|相关)|没有(?:找到)?相关(?:内容|信息|记录)"
)


def declares_empty(sel: Selector) -> bool:
    """Whether the page's visible text announces an empty list."""
    text = " ".join(
        sel.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    )
    return bool(_EMPTY_NOTICE.search(text))
