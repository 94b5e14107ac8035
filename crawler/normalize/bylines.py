"""Bylines: source (来源), author and editor values without labels (pure)."""

from __future__ import annotations

import functools
import re

from crawler.normalize.dates import _DATE_RE
from crawler.normalize.folding import collapse as _collapse
from crawler.normalize.folding import fold as _fold

# --------------------------------------------------------------------------------------------
# Bylines: source / author / editor
# --------------------------------------------------------------------------------------------

# Field labels of a byline line, on FOLDED text (colons and slashes are ASCII there). Which
# group matched tells the field; "stop" labels only end the previous value. Why each branch:
# - sources need a colon: 来源 without one is prose (来源于网络);
# - 责任编辑/责编 and 作者/记者 may be followed by spaces only ('记者 赵六', '责任编辑 王五'),
#   编辑 may not (it is also a verb/noun in prose);
# - the one-character 文 counts only before ':' or '/' ('文/陈七') and not inside a word
#   (原文：, 撰文 is matched whole by its own branch);
# - 发布时间/浏览/点击/阅读/访问量/字号/打印/分享/通讯员 end a value even without a colon
#   ('浏览次数：12', '来源：新华网 访问量：199' on TRS and VSB county sites, '【打印】',
#   '记者 张三 通讯员 李四'); bare 时间/日期 and other roles need a colon;
# - 稿源 is the 来源 label of tech news sites (cnbeta.com, zol.com.cn); 撰稿人/执笔人/采写 label
#   the writer of reports and new-media pieces (gov.cn 调研报告, xinhuanet.com);
# - WeChat credits put '|' or '丨' (U+4E28) where a colon goes: '来源丨新华社', '编辑 | 张三',
#   '作者｜李四' (WeChat posts reprinted on thepaper.cn 澎湃号, 163.com 网易号, sohu.com);
#   a value must follow (VSB's empty '来源: | 发布时间:' keeps its colon and stays empty);
# - the other credits of a line end a value too: '来源：某某网 发布人：张三' is no source
#   '某某网 发布人：张三' (发布人/初审/复审/终审 are credit labels like 审核 and 校对).
_BYLINE_LABEL_RE = re.compile(
    r"""
      (?P<source>稿件来源|信息来源|文章来源|来源于|来源|出处|稿源)\s*:
    | (?P<editor>责任编辑|值班编辑|责编|编辑)\s*:
    | (?P<editor_spaced>责任编辑|值班编辑|责编)[ ]+(?=[^\s:|])
    | (?P<author>作者|记者|撰稿人|执笔人|撰稿|撰文|执笔|采写|(?<![\u3400-\u9fff])文)\s*[:/]
    | (?P<author_spaced>作者|记者)[ ]+(?=[^\s:|])
    | (?P<stop>(?:发布|发稿|发表|更新)(?:时间|日期)|浏览|点击|阅读|访问(?:量|次数|数)
              |字号|打印|分享|通讯员)
    | (?P<stop_colon>时间|日期|摄影|审核|校对|录入|来稿|发布人|发布者|初审|复审|终审)\s*:
    | (?P<source_pipe>稿件来源|信息来源|文章来源|来源|稿源)\s*[|丨]\s*(?=[^\s|丨:])
    | (?P<editor_pipe>责任编辑|值班编辑|责编|编辑)\s*[|丨]\s*(?=[^\s|丨:])
    | (?P<author_pipe>作者|撰文|(?<![\u3400-\u9fff])文)\s*[|丨]\s*(?=[^\s|丨:])
    """,
    re.VERBOSE,
)
# Inside a header line a value ends at a column separator: '|'/'｜', a line break, or two or
# more spaces (that is how "&nbsp;&nbsp;" between fields looks once folded).
_VALUE_END_RE = re.compile(r"[|丨\n]| {2,}")
# Values never contain markup worth keeping: HTML comments hold TRS/Hanweb placeholders
# (<!--<$[信息来源]>begin-->), stray tags come from regex fallbacks on raw HTML
# (文章来源：X</font>), and whitespace entities from double-escaped pages.
_HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_MARKUP_RESIDUE_RE = re.compile(r"<!--|-->|<\$\[[^\]<>]*\]>(?:begin|end)?|</?[A-Za-z][^<>]*>")
_WS_ENTITY_RE = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0|#12288|#x3000);")
# Bracket balance decides where a value ends ('(责编：X)' closes before the ')'); the text is
# folded, so '（）' and '［］' are covered by their ASCII forms.
_OPENERS = "(【[〔「『《"
_CLOSERS = ")】]〕」』》"
# Brackets a CMS wraps a whole value in. 《》 is not one: it is part of a publication's name
# ('《求是》').
_WRAPPERS = {"(": ")", "【": "】", "[": "]", "〔": "〕", "「": "」", "『": "』"}
# Separators left at either end of a value once its label or neighbour is cut away.
# (str.strip, not a regex: "[…]+$" rescans a long run of such characters from every position.)
_EDGE_JUNK = " \t\n\xa0\u3000|｜,，;；、:："
# Label prefixes that clean_source/clean_person drop; a separator is required so that a value
# that merely starts with the same characters ('来源于网络', '文静') is kept.
_SOURCE_PREFIX_RE = re.compile(
    r"^(?:稿件来源|信息来源|文章来源|来源于|来源|出处|稿源)(?:\s*[:：|｜丨]\s*|\s+|$)"
)
_PERSON_PREFIX_RE = re.compile(
    r"^(?:(?:本报|本网|本台|本站|本刊|特约|新华社)?(?:记者|通讯员)|责任编辑|值班编辑|责编|编辑"
    r"|作者|撰稿人|执笔人|撰稿|撰文|执笔|采写|文|摄影|图)(?:\s*[:：/／|｜丨]\s*|\s+|$)"
)


def _strip_markup(text: str) -> str:
    text = _HTML_COMMENT_RE.sub("", text)
    text = _MARKUP_RESIDUE_RE.sub("", text)
    return _WS_ENTITY_RE.sub(" ", text)


def _value_span(folded: str, start: int, end: int) -> tuple[int, int]:
    """The span of the value that begins at `start`, up to `end` (the next label) at most."""
    while start < end and folded[start].isspace():
        start += 1
    stop = end
    sep = _VALUE_END_RE.search(folded, start, stop)
    if sep is not None:
        stop = sep.start()
    date = _DATE_RE.search(folded, start, stop)
    if date is not None:
        stop = date.start()
    # A closing bracket without its opener belongs to the enclosing text ('(责编：X)').
    depth = 0
    for index in range(start, stop):
        if folded[index] in _OPENERS:
            depth += 1
        elif folded[index] in _CLOSERS:
            if depth == 0:
                stop = index
                break
            depth -= 1
    while stop > start and (folded[stop - 1] in _OPENERS or folded[stop - 1] in " ,，;；、:"):
        stop -= 1
    return start, stop


def split_byline(text: str | None) -> dict[str, str | None]:
    """Split a combined byline/header line into raw labelled parts.

    '来源：X 作者：Y 责任编辑：Z' -> {'source': 'X', 'author': 'Y', 'editor': 'Z'}; a part
    that is missing or empty ('来源: |', a trailing '作者：') is None. A value ends at the next
    label, at '|'/'｜', at a line break, at 2+ spaces (incl. U+00A0/U+3000), at a date, or at an
    unmatched closing bracket. Values keep their original spelling (HTML comments and tags
    removed); pass them through clean_source/clean_person.
    """
    parts: dict[str, str | None] = {"source": None, "author": None, "editor": None}
    if not text:
        return parts
    text = _strip_markup(text)
    folded = _fold(text)
    labels = list(_BYLINE_LABEL_RE.finditer(folded))
    for index, label in enumerate(labels):
        field = (label.lastgroup or "").removesuffix("_spaced").removesuffix("_pipe")
        if field not in parts or parts[field] is not None:
            continue
        end = labels[index + 1].start() if index + 1 < len(labels) else len(folded)
        start, stop = _value_span(folded, label.end(), end)
        if stop > start:
            parts[field] = text[start:stop]
    return parts


def _unwrap(text: str) -> str:
    """Drop a bracket pair around the whole value, or a leading opener that is never closed."""
    folded = _fold(text)
    if not folded or folded[0] not in _WRAPPERS:
        return text
    opener, closer = folded[0], _WRAPPERS[folded[0]]
    depth = 0
    for index, ch in enumerate(folded):
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                # '(上海)人民日报' starts with a pair that does not wrap the whole value.
                return text[1:-1] if index == len(folded) - 1 else text
    return text[1:]


def _clean_labelled(raw: str | None, prefix: re.Pattern[str]) -> str | None:
    if raw is None:
        return None
    text = _collapse(_strip_markup(raw))
    previous = None
    # Wrappers and labels nest in any order ('【来源：(人民日报)】'); peel until stable, which
    # also makes the cleaners idempotent.
    while text != previous:
        previous = text
        text = prefix.sub("", _unwrap(text), count=1)
        text = text.lstrip(_EDGE_JUNK)
        folded = _fold(text)
        label = _BYLINE_LABEL_RE.search(folded)
        start, stop = _value_span(folded, 0, label.start() if label else len(folded))
        text = text[start:stop].strip(_EDGE_JUNK)
    return text or None


# A str in, a str out: the extractor asks it of the same 来源 once per line it reads as a
# possible credit (reporters.credit_names), and the record's normalizer again.
@functools.lru_cache(maxsize=256)
def clean_source(raw: str | None) -> str | None:
    """'来源：人民日报' -> '人民日报'.

    Strips source labels (either colon width), brackets around the whole value, HTML comments
    and TRS/Hanweb placeholders, tags, trailing separators and whitespace, and anything from
    the next byline field on; a whole header line yields its 来源 part. Empty -> None.
    Idempotent.
    """
    labelled = split_byline(raw)["source"]
    return _clean_labelled(labelled or raw, _SOURCE_PREFIX_RE)


def clean_person(raw: str | None) -> str | None:
    """An author or editor name: '作者：李四' -> '李四', '(责编：汤诗瑶、丁涛)' -> '汤诗瑶、丁涛'.

    Also '【编辑:陈海峰】', '记者 赵六', '文/陈七'. Several names keep their separator.
    Empty -> None. Idempotent.
    """
    return _clean_labelled(raw, _PERSON_PREFIX_RE)


# Separators between the names of a multi-author byline: '张三、李四、王五', '吴晶 薛鹏',
# '叨叨姐、胡一刀&李小飞刀', '张三，李四', '张三/李四'.
_NAME_SEPARATORS = re.compile(r"\s*[、，,;；&＆/／|]\s*|\s+")
_PERSON_LABELS = re.compile(r"^(?:(?:本报|本网|本台|本站|本刊|特约)?(?:记者|通讯员)|作者|文)$")


def split_names(author: str | None) -> list[str]:
    """The names of an author value: '吴晶 薛鹏' -> ['吴晶', '薛鹏']; labels and empties dropped.

    A single-name value stays whole even when it holds a space inside a Latin name
    ('John Smith'): only CJK names are split on blanks.
    """
    text = clean_person(author)
    if not text:
        return []
    if re.search(r"[A-Za-z]\s+[A-Za-z]", text) and not re.search(r"[、，,;；&＆/／]", text):
        return [text]
    names = [n for n in _NAME_SEPARATORS.split(text) if n and not _PERSON_LABELS.match(n)]
    return list(dict.fromkeys(names))
