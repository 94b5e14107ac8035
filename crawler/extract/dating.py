"""Dates away from the headline: 信息公开 table cells, e-paper mastheads, script data (pure).

The header band between headline and body holds the date on most pages (`generic.guess_date`
reads it first); these rules answer only where it holds none. `script_values` also serves
the 来源 read from a page's script data (`generic.guess_source_script`).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.bands import leading_band
from crawler.extract.chrome import Chrome
from crawler.extract.scriptdata import keyed_values
from crawler.extract.text import inline_text
from crawler.normalize.dates import find_date

# A cell that is a date label and nothing else, its value in the next cell:
# `<td>发布日期</td><td>2024-07-12</td>` or `<th>成文日期：</th><td>…</td>` in the 信息公开
# (information disclosure) table above the headline of www.gov.cn 政策 pages (索引号 / 发文机关
# / 成文日期 / 发布日期) and of provincial portals' 政府信息公开 pages (zj.gov.cn, gansu.gov.cn
# Hanweb/TRS templates), and `<dt>发布时间</dt><dd>…</dd>` lists of newer templates.
_DATE_CELL_LABEL = re.compile(
    r"^(?:发布|发稿|公开|成文|发文|印发|更新|生成|实施|施行|生效)?(?:日期|时间)\s*[:：]?$"
)
# The same table as a list of `<dd><label><font>发文日期：</font></label><div class=
# "display-block">2023-04-18</div></dd>` fields: the 信息公开 box above the headline of
# ucap (开普云) government portals (wanzai.gov.cn, yichun.gov.cn): a <label> element, its
# value in the next element, a div or span; only in a list of such fields (`_field_label`).
_LABEL_CELLS = etree.XPath("//td | //th | //dt | //dd/label | //li/label")
_VALUE_TAGS = frozenset({"td", "th", "dd"})
_LABEL_VALUE_TAGS = frozenset({"div", "span"})


_CONTROLS = etree.XPath(".//a | .//input | .//select | .//textarea | .//button")


def _field_label(label: etree._Element) -> bool:
    """A <label> of a field list like the 信息公开 box, whose `<dd>`s (or `<li>`s) each hold a
    label and a plain value, not the label of a form control (a search form's '发布时间：' with
    its default range), of a one-line widget (a calendar's '日期：' and today's date) or of a
    list entry that links elsewhere (a sidebar's '<a>…</a><label>时间：</label><span>…')."""
    if label.get("for") is not None or next(label.iterancestors("form"), None) is not None:
        return False
    field = label.getparent()
    if field is None or _CONTROLS(field):
        return False
    box = field.getparent()
    return box is not None and any(
        other is not field and other.tag == field.tag and other.find("label") is not None
        for other in box
    )


def cell_date(
    root: HtmlElement, chrome: Chrome, body_el: etree._Element | None = None
) -> str | None:
    """The date of a label cell / value cell pair; '发布日期' beats '成文日期' as in a line.

    The pairs are joined into one labelled line ('成文日期：… 生成日期：… 发布日期：…') so that
    `find_date` ranks them like any byline: a published label first, a page-generation stamp
    (生成日期) never. Cells of the text's own tables are left out: a notice's table of the
    event it announces (`<td>时间</td><td>2024年8月1日</td><td>地点</td>…`, the shape of a
    会议通知; a guard, not seen on a named site here) dates the event, not the page.
    """
    inside = set(body_el.iter()) if body_el is not None else set()
    pairs: list[str] = []
    for cell in _LABEL_CELLS(root):
        if cell in inside:
            continue
        label = " ".join(inline_text(cell).split())
        if len(label) > 8 or not _DATE_CELL_LABEL.match(label) or not chrome.visible(cell):
            continue
        value_cell = cell.getnext()
        while value_cell is not None and not isinstance(value_cell.tag, str):
            value_cell = value_cell.getnext()  # a template comment between the two cells
        if cell.tag == "label" and not _field_label(cell):
            continue
        allowed = _LABEL_VALUE_TAGS if cell.tag == "label" else _VALUE_TAGS
        if value_cell is None or value_cell.tag not in allowed:
            continue
        value = " ".join(inline_text(value_cell).split())
        if value and len(value) <= 40:
            pairs.append(f"{label.rstrip(':：')}：{value}")
    return find_date("  ".join(pairs)) if pairs else None


# An e-paper (数字报) page names its edition above the article: '第A03版：要闻' / '第01版' /
# 'A01版：头版' beside '版面导航' (Founder 方正 e-paper systems: paper.people.com.cn, epaper.gmw.cn,
# newpaper.dahe.cn 河南商报, most provincial and city 日报 数字报), and prints the edition's date
# in its masthead ('2024年07月12日 星期五'). The article itself carries no date line: the
# edition date is its date.
# WHY two marks or a pager word (a guard: no shared page shows the misfire): a news page
# that is no e-paper may name one edition above its text ('《某某日报》第3版刊发评论' in a
# ticker, a 'A1版' teaser); an e-paper lists its
# editions (第A01版 … 第A04版) or pages them ('版面导航', '上一版 / 下一版'). And the masthead
# date stands alone in its box (a weekday at most): a date beside a headline above the text is a
# ticker's or a related list's, not the edition's.
_EDITION_MARK = re.compile(
    r"第\s*[A-Z]{0,2}\s*\d{1,3}\s*版|(?<![0-9A-Za-z])[A-Z]{0,2}\d{1,3}\s*版\s*[:：]"
)
_EDITION_PAGER = re.compile(r"版面导航|本版导航|版面目录|上一版|下一版")
_MASTHEAD_REST = re.compile(r"\s*(?:(?:星期|周|礼拜)[一二三四五六日天])?\s*")
_BAND_CHUNK = re.compile(r"\s{2,}")


def edition_date(root: HtmlElement, body_el: etree._Element | None, chrome: Chrome) -> str | None:
    """The masthead date of an e-paper page (the first date alone in its box above the body),
    else None."""
    before = leading_band(root, body_el, limit=3000, chrome=chrome)
    marks = {" ".join(m.group(0).split()) for m in _EDITION_MARK.finditer(before)}
    if not marks or (len(marks) < 2 and not _EDITION_PAGER.search(before)):
        return None
    for chunk in _BAND_CHUNK.split(before):
        found = find_date(chunk)
        if found and _MASTHEAD_REST.fullmatch(chunk.replace(found, "", 1)):
            return found
    return None


# Publish-time fields of a page's own script data, for pages that render their date line by
# script: `window.DATA = {"pubtime": "2019-09-07 19:02:26", …}` (new.qq.com), `pubtime:
# '2019-11-25 …'` (sina.com.cn), `var pubtime='2021-01-05 16:59:00'` (cmse.gov.cn, cjn.cn),
# `"ptime"` (163.com, xinhuanet.com), `"newsTime"` (ifeng.com), JSON-LD `"datePublished"` /
# `"pubDate"` (guancha.cn, gamersky.com). 10/13-digit values are epochs (toutiao.com
# `publish_time: 1567852946`).
PUBLISH_TIME_KEYS = frozenset(
    """
    pubtime pub_time publishtime publish_time pubdate pub_date publishdate publish_date
    datepublished ptime newstime
    """.split()
)
# `/descendant::script[…]`: `//script[…]` without the intermediate node-set of every node.
_INLINE_SCRIPTS = etree.XPath("/descendant::script[not(@src)]")
# A field of another article's record: related-article, hot-list and recommendation widgets
# carry their entries' times in the same scripts (the `news` array of a readhub.cn topic, one
# publishDate per reprint; the same shape in any page's `related = [{…}]` data).
# A key inside an array is a list entry's; a key whose data object has a title that is not the
# page's headline is another article's (window.DATA's "title" is the page's own on new.qq.com).
# JSON-LD describes the page itself, its '@graph' array too.
_TITLE_KEYS = frozenset({"title", "headline"})


def _in_arrays(script: str, positions: set[int]) -> set[int]:
    """The positions among `positions` that sit inside a '[…]' of the script (string literals
    skipped)."""
    inside: set[int] = set()
    wanted = sorted(positions)
    stack: list[str] = []
    quote = ""
    skip_to = -1
    for token in _STRUCTURE.finditer(script):
        index, char = token.start(), token.group()
        while wanted and wanted[0] <= index:
            position = wanted.pop(0)
            if "[" in stack and not quote:
                inside.add(position)
        if not wanted:
            break
        if index <= skip_to:
            continue
        if quote:
            if char == "\\":
                skip_to = index + 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            stack.append(char)
        elif stack:
            stack.pop()
    if "[" in stack:
        inside.update(wanted)
    return inside


_STRUCTURE = re.compile(r"[\[\]{}\"'\\]")


def _compact(text: str) -> str:
    return "".join(text.split())


def script_values(
    root: HtmlElement,
    keys: frozenset[str],
    near: frozenset[str] = frozenset(),
    title: str | None = None,
    everything: bool = False,
) -> set[str]:
    """The distinct non-blank string/number values of `keys` in the page's inline scripts;
    with `near`, only those within a few lines of a `near` key (the same data object). Keys
    of list entries, and of an object whose title is not `title` (when given), are left out
    unless `everything`."""
    found: set[str] = set()
    wanted = _compact(title or "")
    for el in _INLINE_SCRIPTS(root):
        script = el.text or ""
        items = keyed_values(script, keys | near | _TITLE_KEYS)
        if not any(key in keys for key, _, _ in items):
            continue
        jsonld = (el.get("type") or "").strip().lower() == "application/ld+json"
        others = set() if jsonld or everything else _in_arrays(script, {p for _, _, p in items})
        titles = [
            pos
            for key, value, pos in items
            if key in _TITLE_KEYS
            and isinstance(value, str)
            and wanted
            and not everything
            and _compact(value)
            and _compact(value) not in wanted
            and wanted not in _compact(value)
        ]
        others |= {p for _, _, p in items if any(abs(p - t) <= _SAME_OBJECT for t in titles)}
        anchors = [pos for key, _, pos in items if key in near and pos not in others]
        for key, value, pos in items:
            if key not in keys or isinstance(value, bool) or value is None or pos in others:
                continue
            if near and not any(abs(pos - anchor) <= _SAME_OBJECT for anchor in anchors):
                continue
            text = str(value).strip()
            if text:
                found.add(text)
    return found


# Characters between two fields of one data object (`window.DATA` puts 'media' two lines
# above 'pubtime'); a channel-name map elsewhere in the scripts is farther away.
_SAME_OBJECT = 400


def script_date(root: HtmlElement, title: str | None = None) -> str | None:
    """The one publish time of the page's script data. Several different ones (a related-
    articles array with a publishDate per entry: readhub.cn) say nothing about this page."""
    values = script_values(root, PUBLISH_TIME_KEYS, title=title)
    # Another article's time beside it leaves the page's own undecided, as before.
    if len(values) != 1 or script_values(root, PUBLISH_TIME_KEYS, everything=True) != values:
        return None
    (value,) = values
    if value.isdigit():
        return value if len(value) in (10, 13) else None
    return find_date(value)
