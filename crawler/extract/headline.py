"""The lines of a headline box: headline, 引题/副题 and an author printed with it (pure).

`titles.guess_headline` finds the box; this module reads it. A headline box often holds more
than the headline, one line per <p> or <br>:

- a 引题 (kicker) above the headline or a 副题 (deck) below it, set apart by type or by a
  dash: `<h2 class="tit"><p><span style="font-family: 楷体, SimKai;">推进新征程纪检监察工作
  高质量发展</span></p><p>常态长效深化落实中央八项规定精神</p></h2>` (ccdi.gov.cn 头条 and
  要闻 pages), `<div class="tit"><p>从月报数据看…形与势</p><p>——解读2023年…</p></div>`
  (zgjjjc.ccdi.gov.cn), and as sibling headings `<h3 class="pre">引题</h3><h1>…</h1><h4
  class="sub">副题</h4>` (people.com.cn), `<h3></h3><h2>…</h2><h3>副题</h3>` (shanxi.gov.cn);
- the author: `<div class="tit"><p>耕地保护不容有失</p><p><span>本刊记者&nbsp; 侯逸宁</span>
  </p></div>`, or the bare name set in smaller type `<p><span style="font-size: 16px;">王诗雨
  </span></p>` (zgjjjc.ccdi.gov.cn magazine pages; 人民日报 pages on people.com.cn print
  '本报记者 张三' under the headline too).

Without such a signal the lines are one headline broken over lines (`全国人民代表大会常务委员会
<br>关于批准…<br>调整2007年末…的决议`: gov.cn 国务院公报 pages) and are joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from crawler.extract.reporters import credit_names
from crawler.extract.surnames import person_name
from crawler.extract.text import BLOCK_TAGS, SKIP_TAGS, is_hidden
from crawler.extract.vocabulary import BYLINE_HINT

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass(frozen=True)
class Line:
    text: str
    secondary: bool  # every character of it is set in a secondary face (楷体/仿宋)
    size: float | None = None  # the font size (px) its inline style gives all of it, if any


@dataclass(frozen=True)
class Headline:
    title: str
    subtitle: str | None = None  # 引题 and/or 副题, in page order
    author: str | None = None  # names of a credit printed in the headline box


# Chinese typesetting sets secondary lines (引题, 副题, bylines, captions, notes) in 楷体 or
# 仿宋, headlines in 黑体/宋体/小标宋: `<span style="font-family: 楷体, SimKai;">` (the
# ccdi.gov.cn kicker and byline; zgjjjc.ccdi.gov.cn notes), `font-family: KaiTi_GB2312,KaiTi`
# (sina.com.cn notices), and `<font face="楷体_GB2312">` in pages of the FrontPage era.
_SECONDARY_FACE = re.compile(r"楷|kai|仿宋|fangsong", re.IGNORECASE)
_FONT_FAMILY = re.compile(r"font-family\s*:([^;]*)", re.IGNORECASE)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(?P<n>[0-9.]+)\s*(?P<unit>px|pt)", re.IGNORECASE)


def _font_size(el: etree._Element, inherited: float | None) -> float | None:
    """The px font size of an element's inline style, else the inherited one."""
    found = _FONT_SIZE.search(el.get("style") or "")
    if not found:
        return inherited
    try:
        size = float(found["n"])
    except ValueError:
        return inherited
    return size * 4 / 3 if found["unit"].lower() == "pt" else size


# A line break in the page's source between two CJK characters (or a CJK character and a
# digit) is no space: `调整2007\n年末` reads '调整2007年末' (CSS Text's segment-break rule
# removes a break between East Asian characters; a number and its unit are one word too); a
# collapse to ' ' leaves '调整2007 年末'.
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e"
_SEGMENT_BREAK = re.compile(
    rf"(?<=[{_CJK}])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{_CJK}0-9])"
    rf"|(?<=[0-9])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{_CJK}])"
)
_SOURCE_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_DASH_OPENING = re.compile(r"^\s*(?:——|--|—|－－)\s*")


def _secondary_style(el: etree._Element) -> bool:
    family = _FONT_FAMILY.search(el.get("style") or "")
    if family and _SECONDARY_FACE.search(family.group(1)):
        return True
    return el.tag == "font" and bool(_SECONDARY_FACE.search(el.get("face") or ""))


def source_line_text(raw: str) -> str:
    """Source text as one line: CJK segment breaks dropped, other whitespace runs one space."""
    return _SOURCE_SPACE.sub(" ", _SEGMENT_BREAK.sub("", raw)).strip(" ")


def box_lines(parts: list[etree._Element]) -> list[Line]:
    """The visible lines of the headline box `parts`: split at block boundaries and <br>."""
    lines: list[Line] = []
    current: list[tuple[str, bool, float | None]] = []

    def flush() -> None:
        text = source_line_text("".join(t for t, _, _ in current))
        if text:
            printed = [(secondary, size) for t, secondary, size in current if t.strip()]
            sizes = {size for _, size in printed}
            size = sizes.pop() if len(sizes) == 1 else None
            lines.append(Line(text, all(face for face, _ in printed), size))
        current.clear()

    def walk(el: etree._Element, secondary: bool, size: float | None) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is None or tag in SKIP_TAGS or is_hidden(el):
            return
        secondary = secondary or _secondary_style(el)
        size = _font_size(el, size)
        if tag in BLOCK_TAGS or tag == "br":
            flush()
        if el.text:
            current.append((el.text, secondary, size))
        for child in el:
            walk(child, secondary, size)
            if child.tail:
                current.append((child.tail, secondary, size))
        if tag in BLOCK_TAGS:
            flush()

    for part in parts:
        walk(part, False, None)
        flush()
    return lines


_NAME_SEP = re.compile(r"\s*[、，,]\s*|\s+")
_BARE_NAMES = re.compile(r"[\u4e00-\u9fff]{2,4}(?:(?:\s*[、，,]\s*|\s+)[\u4e00-\u9fff]{2,4}){0,3}")


def _bare_names(line: Line, headline: Line) -> str | None:
    """'王诗雨', '张三 李四': person names alone on a line set apart from the headline line in
    type, else None.

    WHY the type: a surname-initial two or three characters are as often a word ('时评', '党建',
    '金秋', '方案': a column tag or the end of a headline broken over lines) as a name. The
    editor sets the name line apart: `<p>少搞形式 多干实事</p><p><span style="font-size:
    16px;">王诗雨</span></p>` (zgjjjc.ccdi.gov.cn magazine pages, the only site seen so far
    printing a bare name in its headline box), or in 楷体 like other secondary lines. A line
    in the headline's own type is left to the headline.
    """
    text = line.text
    if not _BARE_NAMES.fullmatch(text):
        return None
    apart = (line.secondary and not headline.secondary) or (
        line.size is not None and (headline.size is None or line.size < headline.size)
    )
    if not apart:
        return None
    return text if all(person_name(n) for n in _NAME_SEP.split(text)) else None


def _compact(text: str) -> str:
    return "".join(text.split())


# A headline box may hold the date/source line too, and what follows it (share bars, counters):
# `<div class="intal_tit"><h2>…</h2><div>2019-09-26 12:11来源：证券时报网作者：李在山</div>`
# (stcn.com), `<div class="panel-heading">…<p>2019年9月26日 15:10来源：天天基金网</p>` (xds.cn),
# `<div class="text_title"><h1>…</h1>…<div>2019年06月15日08:18 来源：人民网</div>` (people.com.cn),
# `<div class="title_border">` with '发布时间：09-30 22:46' (baijiahao.baidu.com). The headline
# lines end at it.
# A full date opening the line, then a time or nothing: '2019-09-26 12:11来源…', '2019年9月26日'
# ('2024年3月5日起施行' is headline text).
_DATE_LINE = re.compile(
    r"^\s*\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}\s*日?\s*(?:\d{1,2}\s*[:：]\s*\d{2}|$)"
)


def _byline_line(text: str) -> bool:
    return bool(BYLINE_HINT.search(text) or _DATE_LINE.match(text))


def read_headline(lines: list[Line], meta_title: str | None = None) -> Headline | None:
    """The headline of a box's lines, its 引题/副题 and the author printed with it."""
    rest = list(lines)
    cut = next((i for i, line in enumerate(rest) if i and _byline_line(line.text)), None)
    if cut is not None:
        rest = rest[:cut]
    if not rest:
        return None
    author = None
    if len(rest) > 1:
        last = rest[-1].text
        headline = next((line for line in rest[:-1] if not line.secondary), rest[0])
        author = credit_names(last) or _bare_names(rest[-1], headline)
        if author:
            rest.pop()
    if len(rest) == 1:
        return Headline(rest[0].text, None, author)
    main: list[Line] = rest
    decks: list[Line] = []
    wanted = _compact(meta_title or "")
    exact = [line for line in rest if wanted and _compact(line.text) == wanted]
    plain = [line for line in rest if not line.secondary]
    if exact:
        # The CMS's own title field names the headline line (ccdi.gov.cn's ArticleTitle).
        main = exact[:1]
    elif plain and len(plain) < len(rest):
        main = plain
    elif _DASH_OPENING.match(rest[-1].text):
        main = rest[:-1]
    decks = [line for line in rest if line not in main]
    title = " ".join(line.text for line in main)
    subtitle = " ".join(_DASH_OPENING.sub("", line.text) for line in decks) or None
    return Headline(title, subtitle, author)


def _element_sibling(el: etree._Element, forward: bool) -> etree._Element | None:
    node = el.getnext() if forward else el.getprevious()
    while node is not None and not isinstance(node.tag, str):  # comments, PIs
        node = node.getnext() if forward else node.getprevious()
    return node


def heading_decks(el: etree._Element) -> tuple[str | None, str | None]:
    """(引题, 副题) printed as the headline heading's sibling headings of lower rank.

    `<h3 class="pre">引题</h3><h1>标题</h1><h4 class="sub">副题</h4>` (people.com.cn article
    pages), `<h3></h3><h2>标题</h2><h3>副题</h3>` (shanxi.gov.cn). Only adjacent headings
    with no text between, and no byline (`<h3 class="daty">来源：…` on ccdi.gov.cn).
    """
    if el.tag not in _HEADINGS:
        return None, None
    rank = int(el.tag[1])
    found: list[str | None] = []
    for forward in (False, True):
        sibling = _element_sibling(el, forward)
        between = (el.tail if forward else sibling.tail if sibling is not None else "") or ""
        text = None
        if sibling is not None and sibling.tag in _HEADINGS and int(sibling.tag[1]) > rank:
            lines = box_lines([sibling])
            text = " ".join(line.text for line in lines)
            if between.strip() or not 2 <= len(text) <= 80 or BYLINE_HINT.search(text):
                text = None
        found.append(text or None)
    return found[0], found[1]
