"""Turn raw strings scraped from 党建 portals into canonical field values.

Dates, bylines (source/author/editor), titles and body text arrive in many CMS-specific
spellings; this module maps each of them to one canonical form. It is pure: standard library
only, no I/O, no logging, so every rule here is testable with plain strings.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Mainland China has kept UTC+08:00 without DST since 1991 (older web articles are rare), so a
# fixed offset is exact and needs no tz database on the host.
SHANGHAI: datetime.tzinfo = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")

_EARLIEST_YEAR = 1949
# Clocks of small CMS hosts drift; a timestamp a few minutes ahead of ours is not "future".
_CLOCK_SKEW = datetime.timedelta(minutes=10)
_UTC_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# --------------------------------------------------------------------------------------------
# Length-preserving folding
# --------------------------------------------------------------------------------------------

# Regexes run on a folded copy of the text in which every character maps to exactly one
# character, so a match span on the copy is also the span of the original spelling (find_date
# must return the date exactly as published). Folding: full-width ASCII (２０２１－０６－３０,
# ：, ｜, （) becomes ASCII, line breaks become '\n', other Unicode spaces (U+00A0, U+3000,
# U+2002-U+200B, U+FEFF) become ' ', and hyphen look-alikes become '-'.
_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = "\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" + (
    "\u200b\u202f\u205f\u2060\u3000\ufeff"
)
_FOLD_TABLE: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({ord(ch): "\n" for ch in _LINE_BREAKS})
_FOLD_TABLE.update({ord(ch): " " for ch in _SPACES})
_FOLD_TABLE.update({ord(ch): "-" for ch in "\u2010\u2011\u2012\u2013\u2212"})


def _fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


# Python's \s already covers U+00A0, U+3000 and U+2000-U+200A; zero-width space, word joiner
# and BOM are not "whitespace" to Python but are invisible padding on these sites.
_WS_RUN_RE = re.compile(r"[\s\u200b\u2060\ufeff]+")


def _collapse(text: str) -> str:
    return _WS_RUN_RE.sub(" ", text).strip(" ")


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

# 〇/零/○ and the letter O (full-width Ｏ folds to it) all stand for zero in 二〇二〇年.
_CN_DIGITS = "〇零○O0一二三四五六七八九"
_CN_VALUE = {ch: i for i, ch in enumerate("0123456789")}
_CN_VALUE.update({"〇": 0, "零": 0, "○": 0, "O": 0})
_CN_VALUE.update({ch: i for i, ch in enumerate("一二三四五六七八九", start=1)})
_CN_SMALL = "一二三四五六七八九十"

# One date, optionally followed by a time, on FOLDED text. Shape, part by part:
# - 年月日 form: the year is four digits, Arabic or Chinese (二〇二〇); month/day are Arabic or
#   Chinese numerals with 十 (十二, 三十一). A Chinese day must be closed by 日/号 so that a run
#   of numerals in prose is not read as a day. 日 is optional after an Arabic day (2020年5月13).
# - numeric form: one separator used twice (2020-05-13, 2021/7/1, 2021.7.1) so that
#   "2020-05.13"-like version strings and phone numbers (021-3230-3149) do not match; digits
#   may not continue on either side (IDs, ICP numbers).
# - time: separated by spaces, nothing (2024年05月10日06:58), 'T' (ISO) or '-' (gov.cn meta
#   2007-08-20-23:59:59); a weekday may sit between date and time; 上午/下午 markers; H:MM with
#   optional :SS and .fraction (2024-05-13 08:49:21.0), or 10时20分(30秒); an optional
#   Z/+08:00 offset. Every part is optional as a whole so a bare date never swallows spaces.
_DATE_PATTERN = rf"""
(?:
    (?<![0-9{_CN_DIGITS}十])
    (?P<cy>[0-9{_CN_DIGITS}]{{4}})\s*年\s*
    (?P<cm>[0-9]{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月\s*
    (?P<cd>[0-9]{{1,2}}(?![0-9])|[{_CN_SMALL}]{{1,3}}(?=\s*[日号]))
    (?:\s*[日号])?
  |
    (?<![0-9.])
    (?P<ny>[0-9]{{4}})(?P<sep>[-/.])(?P<nm>[0-9]{{1,2}})(?P=sep)(?P<nd>[0-9]{{1,2}})
    (?![0-9])
)
(?:
    (?:\s*(?:星期|周|礼拜)[一二三四五六日天])?
    (?:\s*|T|-)
    (?:(?P<ampm>上午|下午|中午|晚上|凌晨|早上|傍晚)\s*)?
    (?P<hour>[0-9]{{1,2}})\s*[:时点]\s*(?P<minute>[0-9]{{1,2}})(?![0-9])
    (?:\s*分)?
    (?:
        \s*:\s*(?P<second>[0-9]{{1,2}})(?![0-9])(?:\.[0-9]+)?
      | \s*(?P<second_cn>[0-9]{{1,2}})\s*秒
    )?
    (?P<tz>\s*(?:Z(?![A-Za-z])|[+-][0-9]{{2}}:?[0-9]{{2}}(?![0-9])))?
)?
"""
# Labels in front of a date (发布时间：, 发稿时间：, 日期:, 时间：…); a bracket may open the
# value (发布时间：[2020-05-13]). Colons are ASCII because the text is folded. The prefix is
# captured because gov.cn prints 成文日期 (date written) before 发布日期 (date published).
# Each blank run can be taken by only one \s*: two adjacent ones backtrack quadratically on a
# long run of spaces after the colon.
_DATE_LABEL_PATTERN = (
    r"(?P<prefix>发布|发稿|发表|更新|上传|录入|创建|成文)?(?:时间|日期)\s*:\s*(?:[\[【(〔]\s*)?"
)
# Publication labels beat a bare 时间/日期, which beats other dates (更新时间, 成文日期).
_PUBLISHED_PREFIXES = frozenset({"发布", "发稿", "发表"})
_DATE_RE = re.compile(rf"(?P<value>{_DATE_PATTERN})", re.VERBOSE)
_LABELLED_DATE_RE = re.compile(rf"{_DATE_LABEL_PATTERN}(?P<value>{_DATE_PATTERN})", re.VERBOSE)
# Page-header clocks ("今天是2026年11月28日 星期六", "当前时间：…") show the crawl date, not
# the publication date; they are recognised by the words right before the date.
_CLOCK_BEFORE_RE = re.compile(r"(?:今天|今日|当前|现在|此刻|系统)(?:是|为)?(?:时间|日期)?\s*:?\s*$")
# Epoch values from JSON APIs (gov.cn search, people displayTime): 13 digits are milliseconds,
# 10 digits seconds; any other length is an ID, not a time. Labels/brackets may surround them.
# Matched against stripped text, with no adjacent \s* pairs, to stay linear on long blanks.
_EPOCH_RE = re.compile(
    rf"(?:{_DATE_LABEL_PATTERN}|[\[【(〔]\s*)?(?P<epoch>[0-9]{{13}}|[0-9]{{10}})(?:\s*[\]】)〕])?"
)
# 下午2:20 is 14:20 and 上午12:00 is midnight; 中午 is handled apart because 中午12点 is noon
# while 中午1点 is 13:00.
_PM_MARKERS = frozenset({"下午", "晚上", "傍晚"})
_AM_MARKERS = frozenset({"上午", "凌晨", "早上"})


@dataclass(frozen=True)
class ParsedDateTime:
    """A publication date in Asia/Shanghai; `time` is Shanghai wall-clock time or None."""

    date: datetime.date
    # None when only the date is known. CMSs print 00:00 for date-only values, so a parsed
    # midnight is stored as None too: a time is never invented.
    time: datetime.time | None = None

    def isoformat(self) -> str:
        if self.time is None:
            return self.date.isoformat()
        moment = datetime.datetime.combine(self.date, self.time, tzinfo=SHANGHAI)
        return moment.isoformat(timespec="seconds")

    @property
    def date_iso(self) -> str:
        return self.date.isoformat()


def _is_clock(text: str, start: int) -> bool:
    return bool(_CLOCK_BEFORE_RE.search(text, max(0, start - 12), start))


def _label_rank(match: re.Match[str]) -> int:
    prefix = match["prefix"]
    if prefix is None:
        return 1
    return 0 if prefix in _PUBLISHED_PREFIXES else 2


def _search_date(text: str) -> re.Match[str] | None:
    """The best date match on `text` (already folded): labelled first, page clocks skipped."""
    labelled = [m for m in _LABELLED_DATE_RE.finditer(text) if not _is_clock(text, m.start())]
    if labelled:
        return min(labelled, key=_label_rank)
    for match in _DATE_RE.finditer(text):
        if not _is_clock(text, match.start()):
            return match
    return None


def find_date(text: str) -> str | None:
    """Return the raw date(-time) substring of a header/byline line, or None.

    '发布时间：2019年11月01日 10:07 来源：人民日报' -> '2019年11月01日 10:07'.
    A labelled date (发布时间/发布日期/发稿时间/时间/日期/更新时间 + ：or :) wins over an
    unlabelled one; page clocks ('今天是…'), counters, phone and ICP numbers are ignored. The
    result is the date exactly as it appears in `text` (kept as published_raw), including a
    following time.
    """
    if not text:
        return None
    match = _search_date(_fold(text))
    if match is None:
        return None
    return text[match.start("value") : match.end("value")]


def _cn_number(token: str) -> int | None:
    """Arabic or Chinese numeral below 100 (五, 十, 十二, 二十, 三十一) or a digit string."""
    if "十" not in token:
        value = 0
        for ch in token:
            digit = _CN_VALUE.get(ch)
            if digit is None:
                return None
            value = value * 10 + digit
        return value
    tens, _, units = token.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    tens_value = _CN_VALUE.get(tens, -1) if tens else 1
    units_value = _CN_VALUE.get(units, -1) if units else 0
    if tens_value < 1 or units_value < 0:
        return None
    return tens_value * 10 + units_value


def _tz_from(token: str) -> datetime.tzinfo:
    token = token.strip()
    if token == "Z":
        return datetime.UTC
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return datetime.timezone(sign * offset)


def _time_from(match: re.Match[str]) -> datetime.time | None:
    hour = int(match["hour"])
    minute = int(match["minute"])
    second = int(match["second"] or match["second_cn"] or 0)
    marker = match["ampm"]
    if marker in _PM_MARKERS or (marker == "中午" and hour < 11):
        if hour > 12:
            return None
        hour = hour % 12 + 12
    elif marker in _AM_MARKERS:
        if hour > 12:
            return None
        hour %= 12
    try:
        return datetime.time(hour, minute, second)
    except ValueError:
        return None


def _from_match(match: re.Match[str]) -> datetime.datetime | datetime.date | None:
    if match["cy"] is not None:
        parts = (_cn_number(match["cy"]), _cn_number(match["cm"]), _cn_number(match["cd"]))
    else:
        parts = (int(match["ny"]), int(match["nm"]), int(match["nd"]))
    year, month, day = parts
    if year is None or month is None or day is None:
        return None
    try:
        day_value = datetime.date(year, month, day)
    except ValueError:
        return None
    if match["hour"] is None:
        return day_value
    time_value = _time_from(match)
    if time_value is None:
        return None
    tz = _tz_from(match["tz"]) if match["tz"] else SHANGHAI
    return datetime.datetime.combine(day_value, time_value, tzinfo=tz)


def parse_cn_datetime(
    raw: str | None, *, now: datetime.datetime | None = None
) -> ParsedDateTime | None:
    """Parse one date(-time) value into a ParsedDateTime in UTC+8.

    Labels, brackets, full-width digits, Chinese numerals, ISO offsets and 10/13-digit epochs
    are understood. None for None/unparseable/impossible dates (month 13, Feb 30), years before
    1949, values without a year ('5月13日' is never guessed), and values in the future relative
    to `now` (default: the current time; a naive `now` is Shanghai time): a date-only value is
    future when its date is after today in Shanghai, a datetime when it is more than 10 minutes
    ahead.
    """
    if not raw:
        return None
    folded = _fold(raw)
    epoch = _EPOCH_RE.fullmatch(folded.strip())
    value: datetime.datetime | datetime.date | None
    if epoch is not None:
        digits = epoch["epoch"]
        unit = "milliseconds" if len(digits) == 13 else "seconds"
        value = _UTC_EPOCH + datetime.timedelta(**{unit: int(digits)})
    else:
        match = _search_date(folded)
        value = _from_match(match) if match is not None else None
    if value is None:
        return None

    if isinstance(value, datetime.datetime):
        try:
            moment = value.astimezone(SHANGHAI)
        except OverflowError:  # 9999-12-31T23:00Z has no +08:00 equivalent
            return None
        day, clock = moment.date(), moment.time().replace(microsecond=0)
        if clock == datetime.time(0, 0):
            clock = None
    else:
        day, clock = value, None
    if day.year < _EARLIEST_YEAR or _is_future(day, clock, now):
        return None
    return ParsedDateTime(day, clock)


def _is_future(
    day: datetime.date, clock: datetime.time | None, now: datetime.datetime | None
) -> bool:
    if now is None:
        now = datetime.datetime.now(SHANGHAI)
    now = now.replace(tzinfo=SHANGHAI) if now.tzinfo is None else now.astimezone(SHANGHAI)
    if clock is None:
        return day > now.date()
    # Subtracting (rather than adding to `now`) cannot overflow for now=datetime.max-like
    # sentinels that callers use to disable the check.
    return datetime.datetime.combine(day, clock, tzinfo=SHANGHAI) - _CLOCK_SKEW > now


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
# - 发布时间/浏览/点击/阅读/字号/打印/分享/通讯员 end a value even without a colon
#   ('浏览次数：12', '【打印】', '记者 张三 通讯员 李四'); bare 时间/日期 and other roles
#   need a colon.
_BYLINE_LABEL_RE = re.compile(
    r"""
      (?P<source>稿件来源|信息来源|文章来源|来源于|来源|出处)\s*:
    | (?P<editor>责任编辑|值班编辑|责编|编辑)\s*:
    | (?P<editor_spaced>责任编辑|值班编辑|责编)[ ]+(?=[^\s:|])
    | (?P<author>作者|记者|撰稿|撰文|(?<![\u3400-\u9fff])文)\s*[:/]
    | (?P<author_spaced>作者|记者)[ ]+(?=[^\s:|])
    | (?P<stop>(?:发布|发稿|发表|更新)(?:时间|日期)|浏览|点击|阅读|字号|打印|分享|通讯员)
    | (?P<stop_colon>时间|日期|摄影|审核|校对|录入|来稿)\s*:
    """,
    re.VERBOSE,
)
# Inside a header line a value ends at a column separator: '|'/'｜', a line break, or two or
# more spaces (that is how "&nbsp;&nbsp;" between fields looks once folded).
_VALUE_END_RE = re.compile(r"[|\n]| {2,}")
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
    r"^(?:稿件来源|信息来源|文章来源|来源于|来源|出处)(?:\s*[:：]\s*|\s+|$)"
)
_PERSON_PREFIX_RE = re.compile(
    r"^(?:(?:本报|本网|本台|本站|本刊|特约|新华社)?(?:记者|通讯员)|责任编辑|值班编辑|责编|编辑"
    r"|作者|撰稿|撰文|文|摄影|图)(?:\s*[:：/／]\s*|\s+|$)"
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
        field = (label.lastgroup or "").removesuffix("_spaced")
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


# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

# Separators CMSs put between the headline and the site name in <title>: '_', '-', ' - ',
# '--', '——', '|', '｜' (and the en dash / full-width hyphen look-alikes).
_TITLE_SEPARATOR = r"(?:_|-{1,2}|—{1,2}|–|－{1,2}|\||｜)"


def clean_title(raw: str | None, site_names: Iterable[str] = ()) -> str | None:
    """Whitespace collapsed; a trailing ' - <site name>' suffix removed.

    ('崇明区新海镇…_上海基层党建网', ['上海基层党建网']) -> '崇明区新海镇…'. Bracketed
    prefixes like 【不忘初心 牢记使命】 are real title text and kept. Empty -> None. Idempotent.
    """
    if raw is None:
        return None
    title = _collapse(raw)
    names = [name for name in (_collapse(n) for n in site_names if n) if name]
    suffixes = [
        re.compile(rf"(?P<title>.*?\S)\s*{_TITLE_SEPARATOR}\s*{re.escape(name)}", re.DOTALL)
        for name in names
    ]
    previous = None
    while title != previous:
        previous = title
        for suffix in suffixes:
            match = suffix.fullmatch(title)
            if match:
                title = match["title"]
    return title or None


# --------------------------------------------------------------------------------------------
# Body text
# --------------------------------------------------------------------------------------------

# '???' is what a lossy Unicode->GBK conversion leaves of '&nbsp;&nbsp;&nbsp;' (U+00A0 is not in
# GBK). It is removed only where padding sits - paragraph start, after a space or after a
# closing parenthesis - and only before CJK text or an opening quote/bracket, so a real
# question mark after text ('为什么???') is kept.
_GBK_NBSP_RE = re.compile(
    r"(?:^|(?<=[ )）]))\?{2,}(?=[\u3400-\u9fff\uf900-\ufaff“‘\"'《「『【(（\[])"
)
_FURNITURE_WORDS = (
    r"打印本页|打印|关闭窗口|关闭|返回顶部|返回首页|返回|加入收藏|收藏|字号|字体|默认"
    r"|大|中|小|分享到|分享|纠错|推荐"
)
# Bracketed page furniture ('【打印】【关闭】', '【字号：大 中 小】') is removed wherever it
# appears in a paragraph: it is printed inline after the last sentence on many CMSs.
_BRACKET_FURNITURE_RE = re.compile(
    rf"[【\[［]\s*(?:{_FURNITURE_WORDS})(?:\s*[:：]?\s*(?:{_FURNITURE_WORDS}))*\s*[】\]］]"
)
# A paragraph made only of share/print words and separators is a toolbar ('| |',
# '分享到：微信 微博'); single-character words 大/中/小 are font-size switches there.
_SHARE_BAR_RE = re.compile(
    r"(?:[\s|｜:：【】\[\]［］/·•,，]|分享到|分享|微信|微博|朋友圈|QQ空间|QQ|新浪微博|腾讯微博"
    r"|人人网|豆瓣|复制链接|扫一扫|打印本页|打印|关闭窗口|关闭|返回顶部|返回|加入收藏|收藏"
    r"|字号|字体|默认|大|中|小)+",
    re.IGNORECASE,
)
# Site footers begin with one of these words; any province character may precede ICP/公网安备
# (沪ICP备, 京公网安备).
_FOOTER_START_RE = re.compile(
    r"主办单位|承办单位|协办单位|主办\s*[:：]|版权所有|网站办公地址|[\u4e00-\u9fff]?ICP[备证]"
    r"|ICP备案|[\u4e00-\u9fff]?公网安备|网站标识码|网站识别码|技术支持|Copyright|©|联系我们",
    re.IGNORECASE,
)
# A short paragraph that mentions a copyright or registration number is a footer even when it
# starts with the site name ('上海基层党建网 版权所有'); long paragraphs are prose.
_FOOTER_ANYWHERE_RE = re.compile(r"版权所有|ICP[备证]|公网安备")
_FOOTER_MAX_CHARS = 100


# Furniture that closes a body (checked from the last paragraph backwards, so only at the END:
# the same words inside prose are kept):
# - an editor credit on its own line: '(责编：汤诗瑶、丁涛)', '【编辑:陈海峰】',
#   '责任编辑： 尹世杰'; the extractor has already read the editor from it;
# - a like counter left by a '赞' button: '+1';
# - an in-article pager: '【1】【2】【3】【4】', '上一页 1 2 下一页'.
_TRAILING_EDITOR_RE = re.compile(
    r"[(（【\[［]?\s*(?:责任编辑|值班编辑|责编|编辑)(?:\s*[:：]\s*|\s+)"
    r"[^\s:：()（）【】\[\]［］。！？!?][^:：()（）【】\[\]［］。！？!?]{0,24}[)）】\]］]?"
)
_TRAILING_COUNTER_RE = re.compile(r"[+＋]\s*[0-9]{1,6}")
_PAGER_RE = re.compile(
    r"(?:\s*(?:[【\[［]\s*[0-9]{1,3}\s*[】\]］]|上一页|下一页|首页|尾页|末页|[0-9]{1,3}))+"
)
# What opens a body but is not text:
# - a promo link ending in '>>' ('点击进入“文艺星青年”>>'): a short line pointing elsewhere;
# - a media-box label ('图集', '组图', '视频') printed above a gallery or player.
_LEADING_PROMO_RE = re.compile(r".{1,40}?(?:>>|》》|>>>|＞＞)")
_LEADING_LABEL_RE = re.compile(r"图集|组图|视频|音频|图片|高清组图")


def _is_trailing_furniture(paragraph: str) -> bool:
    return bool(
        _TRAILING_EDITOR_RE.fullmatch(paragraph)
        or _TRAILING_COUNTER_RE.fullmatch(paragraph)
        or (_PAGER_RE.fullmatch(paragraph) and not paragraph.isdigit())
    )


def _is_leading_furniture(paragraph: str) -> bool:
    return bool(_LEADING_PROMO_RE.fullmatch(paragraph) or _LEADING_LABEL_RE.fullmatch(paragraph))


def _clean_paragraph(line: str) -> str:
    previous = None
    # Removing furniture or '???' can expose more of either ('【打印】???面对'); repeat until
    # stable so that clean_body is idempotent.
    while line != previous:
        previous = line
        line = _collapse(line)
        line = _BRACKET_FURNITURE_RE.sub("", line)
        line = _GBK_NBSP_RE.sub("", line)
    return line


def _is_footer(paragraph: str) -> bool:
    if _FOOTER_START_RE.match(paragraph):
        return True
    return len(paragraph) <= _FOOTER_MAX_CHARS and bool(_FOOTER_ANYWHERE_RE.search(paragraph))


def clean_body(text: str | None) -> str:
    """Paragraphs separated by exactly one '\\n', each stripped and non-empty.

    Whitespace runs (incl. U+00A0, U+3000, U+2002-U+200B, U+FEFF) become one space, indentation
    is removed, GBK-mangled '???' padding is dropped, share/print toolbars and bracketed
    furniture are removed, and a footer paragraph (主办单位, 版权所有, ICP备, 公网安备, …) is
    dropped together with everything after it. At the end, editor credit lines ('(责编：X)'),
    like counters ('+1') and pagers ('【1】【2】') are dropped; at the start, a promo link
    ending in '>>' and media labels ('图集'). Idempotent.
    """
    if not text:
        return ""
    kept: list[str] = []
    for line in text.splitlines():
        paragraph = _clean_paragraph(line)
        if not paragraph:
            continue
        if _is_footer(paragraph):
            break
        if _SHARE_BAR_RE.fullmatch(paragraph):
            continue
        kept.append(paragraph)
    while kept and _is_trailing_furniture(kept[-1]):
        kept.pop()
    start = 0
    while start < len(kept) and _is_leading_furniture(kept[start]):
        start += 1
    return "\n".join(kept[start:])


# --------------------------------------------------------------------------------------------
# Fingerprint
# --------------------------------------------------------------------------------------------


def fingerprint(title: str | None, body: str | None) -> str:
    """40-hex sha1 of title + '\\n' + body with all whitespace removed from each.

    Whitespace is removed per part, not from the joined string, so that moving characters
    between title and body changes the fingerprint while re-indentation does not.
    """
    key = _WS_RUN_RE.sub("", title or "") + "\n" + _WS_RUN_RE.sub("", body or "")
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()
