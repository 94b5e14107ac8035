"""The article header printed inside a body container: its byline lines (pure).

Where the densest block is the whole article box, its first lines after the headline are the
date/source line: the news templates of Java CMSs (FreeMarker `news.ftl` layouts:
`<h2>标题</h2><p>新闻来源：X 发布时间：Y</p><p>正文</p>`) and the box templates of small
portals (`<div class="article"><h1>…</h1><div class="info">发布时间：… 来源：…</div><p>…`)
print headline, byline and text as siblings. The byline is the page's header band, not text:
without this the body starts with it, and the band between headline and body is empty.
"""

from __future__ import annotations

import re

from crawler.normalize.body import clean_body
from crawler.normalize.dates import find_date

# Publication labels: what a byline line says (not '会议时间：' or '地点：' of a notice's text).
_PUBLICATION_LABEL = re.compile(
    r"(?:来源|出处|作者|发布时间|发布日期|发稿时间|更新时间|发布者|发布人|浏览次数|点击数|访问量"
    r"|阅读次数|责任编辑|编辑)\s*[:：]"
)
# A line with one label is a byline only with a date and a date or source label.
_DATED_LABEL = re.compile(r"(?:来源|出处|作者|发布时间|发布日期|发稿时间|更新时间)\s*[:：]")
_HEADER_MAX_CHARS = 150
# The header sits right under the headline: among the body's first few lines.
_HEADER_MAX_LINES = 4


def is_byline_line(line: str) -> bool:
    """A short line of publication fields: two labels ('来源：X 作者：Y'), or a date with a
    date or source label ('发布时间：2024-07-12', '2024-07-12 来源：某某网')."""
    text = " ".join(line.split())
    if not text or len(text) > _HEADER_MAX_CHARS:
        return False
    if len(_PUBLICATION_LABEL.findall(text)) >= 2:
        return True
    return bool(_DATED_LABEL.search(text)) and find_date(text) is not None


def split_header(lines: list[str]) -> tuple[str, list[str]]:
    """(header text, remaining lines): the byline lines opening the body, with the toolbars
    among them ('【字体：大 中 小】【打印】'), taken off; ('', lines) when it opens with text."""
    header: list[str] = []
    index = 0
    while index < min(len(lines), _HEADER_MAX_LINES):
        line = lines[index]
        if is_byline_line(line):
            header.append(" ".join(line.split()))
        elif clean_body(line):  # text, not a toolbar that clean_body drops
            break
        index += 1
    if not header or index == len(lines):
        return "", lines
    # Values end at two spaces (split_byline): one line's last field never runs into the next.
    return "  ".join(header), lines[index:]
