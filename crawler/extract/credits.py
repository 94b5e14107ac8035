"""Credits printed inside the body: headline copies, bylines, datelines, closing names (pure)."""

from __future__ import annotations

import re

from lxml import etree

from crawler.extract.linkblocks import link_texts
from crawler.normalize.body import is_trailing_furniture
from crawler.normalize.bylines import clean_source, split_byline

_NAME = r"[\u4e00-\u9fff·]{2,4}"
# 1-3 person names separated by blanks or '、': '李鹃', '曹溢 陆丽环'.
_NAMES_RE = re.compile(rf"{_NAME}(?:[\s、，,]+{_NAME}){{0,2}}")
# A labelled byline paragraph: '作者：张三', '文/李四', '本报记者 王五'.
_LABELLED_BYLINE_RE = re.compile(
    r"(?:(?:本报|本网|本刊|本台)?记者|作者|撰文|文)\s*[:：/／]\s*(?P<names>.+)"
    r"|(?:本报|本网|本刊|本台)?记者\s+(?P<spaced>.+)"
)
# A reporter credited inside the dateline of the first paragraph: '新华社巴黎12月9日电
# （记者唐霁）', '长江网10月4日讯（记者陈智 整合）'. The bracket must close the dateline (电/讯)
# or open the paragraph: '（记者会现场）' elsewhere is prose.
_DATELINE_AUTHOR_RE = re.compile(
    rf"(?:^|[电讯])\s*[（(]\s*(?:本报|本网|本台|本站|新华社)?记者\s*(?P<names>{_NAME}(?:[、，,]{_NAME})*)(?=[\s）)、，,])"
)
# A compiler credit closing the body: '（中央纪委国家监委网站 斯凌整理）'; the role word
# follows the name without a blank.
_CREDIT_ROLE = r"整理|编辑整理|撰稿|执笔|报道|编写"
# A bare name in brackets at the very end of the body: '…在巴西举行。（张巨峰）' is the
# newspaper convention for the reporter. Organisations are written the same way
# ('（德清县发改局）', '（新华社）', '（央视新闻）'), so names ending in an organisation word
# or starting with an attribution word ('（据新华社）', '（本报讯）') are refused.
_END_NAME_RE = re.compile(rf"[（(]\s*(?P<name>{_NAME})\s*[)）]$")
_ORG_ENDINGS = tuple("社网报刊志闻讯局委部办院会厅处台站所室组队科馆校司团")
_ATTRIBUTION_STARTS = tuple("据本转摘来见详")
_NOT_NAMES = frozenset({"待续", "未完待续", "全文完", "图文", "完结", "续完"})
# An adoption/issuance note printed under a law or resolution headline:
# '（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）'.
_ADOPTION_NOTE_RE = re.compile(
    r"[（(]\s*[0-9一二三四五六七八九〇零○]{4}年.{1,80}?(?:通过|批准|公布|发布|印发|修正|修订)"
    r"[^()（）]{0,40}[)）]"
)


def _compact(text: str) -> str:
    return "".join(text.split())


def drop_title_lines(lines: list[str], title: str | None) -> list[str]:
    """The body without leading lines that repeat the headline, and an adoption note after them.

    WHY: gazette and law pages print the headline again as the first centered line(s) of the
    body, sometimes broken over several <br> lines; CMS templates repeat it as a bold first
    paragraph ('中华人民共和国监察法' inside #vsb_content). It is the title, not body text.
    """
    target = _compact(title or "")
    if len(target) < 4:
        return lines
    joined = ""
    for index, line in enumerate(lines[:6]):
        joined += _compact(line)
        if joined == target:
            rest = lines[index + 1 :]
            if rest and _ADOPTION_NOTE_RE.fullmatch(_compact(rest[0])):
                rest = rest[1:]
            return rest if rest else lines
        if not target.startswith(joined):
            break
    return lines


def _is_source(text: str, source: str | None) -> bool:
    source = clean_source(source) if source else None
    return bool(source) and _compact(text) == _compact(source or "")


def lead_byline(lines: list[str], source: str | None) -> tuple[str | None, list[str]]:
    """(author, remaining lines) when the first line is a byline, else (None, lines).

    WHY: some templates print the byline as the first (centered) paragraph of the body:
    '中央纪委国家监委网站 李鹃' = the known source followed by 1-3 person names, or a
    labelled '作者：张三' / '文/李四'. It names the author and is not body text.
    """
    if not lines:
        return None, lines
    first = " ".join(lines[0].split())
    if len(first) > 40:
        return None, lines
    labelled = _LABELLED_BYLINE_RE.fullmatch(first)
    if labelled:
        names = (labelled["names"] or labelled["spaced"]).strip()
        if _NAMES_RE.fullmatch(names):
            return names, lines[1:]
    head, _, names = first.partition(" ")
    if names and _is_source(head, source) and _NAMES_RE.fullmatch(names):
        return names, lines[1:]
    return None, lines


def dateline_author(lines: list[str]) -> str | None:
    """The reporter named in the dateline at the start of the body ('（记者唐霁）')."""
    if not lines:
        return None
    match = _DATELINE_AUTHOR_RE.search(lines[0][:80])
    return match["names"] if match else None


def closing_author(lines: list[str], source: str | None) -> str | None:
    """An author credited at the end of the body, or None.

    '(作者：方敏北京大学经济学院教授)' (a labelled line), '（中央纪委国家监委网站 斯凌整理）'
    (source + name + role), '…举行。（张巨峰）' (a bare bracketed name closing the text).
    """
    if not lines:
        return None
    last = " ".join(lines[-1].split())
    inner = last[1:-1].strip() if last[:1] in "(（" and last[-1:] in ")）" else None
    if inner is not None:
        labelled = _LABELLED_BYLINE_RE.fullmatch(inner)
        if labelled and (labelled["names"] or "").strip():
            return labelled["names"].strip()
        head, _, rest = inner.rpartition(" ")
        if head and _is_source(head, source):
            credit = re.fullmatch(rf"(?P<name>{_NAME}?)(?:{_CREDIT_ROLE})?", rest)
            if credit and len(credit["name"]) >= 2:
                return credit["name"]
    end = _END_NAME_RE.search(last)
    if end:
        name = end["name"]
        if not (
            name in _NOT_NAMES
            or name.endswith(_ORG_ENDINGS)
            or name.startswith(_ATTRIBUTION_STARTS)
        ):
            return name
    return None


# A labelled 来源 line closing the body, on its own: '来源：无锡交警' / '来源：网络' (WeChat
# reposts on 163.com 网易号 and toutiao.com 头条号 pages), '本文来源：中国政府网' (163.com's
# div.ep-source inside the article box), '（来源：人民日报）' (gov.cn and provincial portals
# reprinting a paper), '来源丨某某发布' (WeChat credit blocks on thepaper.cn 澎湃号 pages). The
# label must open the line: '资料来源：参考消息、海外网等' (cjn.cn) names the data's sources, and
# '…的重要资金来源。' is prose.
_CLOSING_SOURCE_RE = re.compile(r"[(（【\[]?\s*(?:本文|文章|稿件|信息)?来源\s*[:：|｜丨]")
_CLOSING_SOURCE_LINES = 4


def closing_source(lines: list[str]) -> str | None:
    """The 来源 of a labelled source line among the last lines of the body, else None.

    Only lines that clean_body drops as closing furniture are passed over on the way up: the
    credit must close the text.
    """
    for line in reversed(lines[-_CLOSING_SOURCE_LINES:]):
        value = _labelled_source(line)
        if value:
            # A digest of several items, each closed by its own '（来源：X）' (a roundup page
            # reprinting several reports; no site of the shared pages has one): the last
            # item's source is not the page's.
            others = {_labelled_source(o) for o in lines if "来源" in o} - {None, value}
            return None if others else value
        if not is_trailing_furniture(line):
            break
    return None


def _labelled_source(line: str) -> str | None:
    text = " ".join(line.split())
    if not _CLOSING_SOURCE_RE.match(text):
        return None
    return clean_source(split_byline(text)["source"]) or None


# A newspaper's edition line: '《 人民日报 》（ 2019年11月25日 第 04 版）' under the body of
# people.com.cn reprints and paper.people.com.cn pages, '《光明日报》（ 2022年05月09日 01版）'
# (gmw.cn). The paper printed it: it is the 来源 when no label names one.
_EDITION_LINE = re.compile(
    r"《\s*(?P<paper>[^《》\s]{2,12})\s*》\s*[（(]\s*"
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"\s*(?:第\s*)?[0-9０-９]{1,3}\s*版\s*[）)]"
)


def edition_source(texts: list[str]) -> str | None:
    """'《人民日报》' from the first edition line in `texts`, else None."""
    for text in texts:
        match = _EDITION_LINE.search(text)
        if match:
            return f"《{match['paper']}》"
    return None


# A related-links block closing a body: lines that are each the whole text of a link, after
# the article's last sentence, with an optional short heading above them. '公司新闻' + two
# headline links inside 163.com's div.post_text; '相关日志' + links (blog templates:
# alipay/blogbus), '与曹方关系最密切的9个人(图解)' (qq.com).
_LINK_HEADING_MAX = 12


def without_trailing_links(lines: list[str], body_el: etree._Element) -> list[str]:
    """`lines` without blocks of link-only lines (each with its short heading) at the end.

    Closing notices after the block ('本文来源：… 责任编辑：…') stay: clean_body drops them
    once the editor has been read from them.
    """
    links = link_texts(body_el)
    if not links:
        return lines
    tail = len(lines)
    while tail > 1 and is_trailing_furniture(lines[tail - 1]):
        tail -= 1
    end = tail
    while True:
        start = end
        while start > 1 and _compact(lines[start - 1]) in links:
            start -= 1
        if start == end:
            break
        heading = _compact(lines[start - 1]) if start > 1 else ""
        if heading and len(heading) <= _LINK_HEADING_MAX and not heading.endswith(tuple("。！？”")):
            start -= 1
        end = start
    return lines[:end] + lines[tail:] if end < tail else lines
