"""Dates: every spelling of a publication date on 党建 portals to one value (pure)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from crawler.normalize.folding import fold as _fold

# Mainland China has kept UTC+08:00 without DST since 1991 (older web articles are rare), so a
# fixed offset is exact and needs no tz database on the host.
SHANGHAI: datetime.tzinfo = datetime.timezone(datetime.timedelta(hours=8), "Asia/Shanghai")

_EARLIEST_YEAR = 1949
# Clocks of small CMS hosts drift; a timestamp a few minutes ahead of ours is not "future".
_CLOCK_SKEW = datetime.timedelta(minutes=10)
_UTC_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------

# 〇/零/○ and the letter O (full-width Ｏ folds to it) all stand for zero in 二〇二〇年.
_CN_DIGITS = "〇零○O0一二三四五六七八九"
_CN_VALUE = {ch: i for i, ch in enumerate("0123456789")}
_CN_VALUE.update({"〇": 0, "零": 0, "○": 0, "O": 0})
_CN_VALUE.update({ch: i for i, ch in enumerate("一二三四五六七八九", start=1)})
_CN_SMALL = "一二三四五六七八九十"

# Month words of the 'month day, year' form, longest first so that 'Sept' is not cut to 'Sep'.
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH_VALUE = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH_VALUE.update({name[:3]: i for name, i in list(_MONTH_VALUE.items())})
_MONTH_VALUE["Sept"] = 9
_MONTH_WORDS = "|".join(sorted(_MONTH_VALUE, key=len, reverse=True))
# Zone words printed between a date and its clock ('2012年12月10日, 格林尼治标准时间10:41' on
# bbc.com/zhongwen 2010s pages (simplified and traditional) and the older
# bbc.co.uk/ukchina pages, the same template of BBC's Chinese services) -> their UTC offset in
# hours: the clock is in that zone and is converted to Shanghai time like an ISO offset.
_ZONE_WORDS = {"北京时间": 8, "格林尼治标准时间": 0, "格林尼治时间": 0, "GMT": 0, "UTC": 0}

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
#   Z/+08:00 offset, or a zone word before the clock (_ZONE_WORDS). Every part is optional as
#   a whole so a bare date never swallows spaces.
# - month-word form ('month day, year'): WordPress's default `the_time('F jS, Y')` under the
#   zh_CN locale prints '十一月 6th, 2009' (blog.alipay.com and other 2000s corporate and
#   personal WordPress blogs); English pages of Chinese portals print 'July 12, 2024 18:33'
#   (english.www.gov.cn 'Updated:' lines, chinadaily.com.cn). The ', year' is required, so a
#   '十一月 6' in prose is not a date.
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
  |
    (?<![0-9{_CN_DIGITS}十年A-Za-z])
    (?P<wm>(?:十[一二]|[一二三四五六七八九十])月|{_MONTH_WORDS})\.?\s*
    (?P<wd>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*,\s*(?P<wy>[0-9]{{4}})(?![0-9])
)
(?:
    (?:\s*(?:星期|周|礼拜)[一二三四五六日天])?
    (?:,?\s*(?P<zone>{"|".join(_ZONE_WORDS)}))?
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
# A prefixed label may go without a colon where the page puts label and value in two cells or
# spans: `<td>发布日期</td><td>2024-07-12</td>` (信息公开 tables of www.gov.cn and provincial
# portals such as zj.gov.cn), '更新时间 2012年12月10日' (bbc.com/zhongwen); a bare 时间/日期
# needs its colon (prose says '时间 2020年' too).
# Each blank run can be taken by only one \s*: two adjacent ones backtrack quadratically on a
# long run of spaces after the colon.
_DATE_LABEL_PATTERN = (
    r"(?P<prefix>发布|发稿|发表|公开|更新|上传|录入|创建|成文|发文|印发)?(?:时间|日期)"
    r"(?(prefix)(?:\s*:\s*|\s+)|\s*:\s*)(?:[\[【(〔]\s*)?"
)
# Publication labels beat a bare 时间/日期, which beats other dates (更新时间, 成文日期,
# 发文日期/印发日期: when a document was written or issued). 公开日期 is the day a 信息公开
# page made the document public: its publication.
_PUBLISHED_PREFIXES = frozenset({"发布", "发稿", "发表", "公开"})
_DATE_RE = re.compile(rf"(?P<value>{_DATE_PATTERN})", re.VERBOSE)
_LABELLED_DATE_RE = re.compile(rf"{_DATE_LABEL_PATTERN}(?P<value>{_DATE_PATTERN})", re.VERBOSE)
# Page-header clocks ("今天是2026年11月28日 星期六", "当前时间：…") show the crawl date, not
# the publication date; they are recognised by the words right before the date.
# A page-generation stamp ('生成日期：2024-07-20' beside '发布日期：…' on 信息公开 pages of
# gansu.gov.cn and TRS WCM exports, '页面生成时间：…' in footers) is when the CMS wrote the file,
# and a regulation's 实施日期/施行日期/生效日期/废止日期 (www.gov.cn 政策 pages, 国家法律法规数据库
# flk.npc.gov.cn) is when it takes or loses effect: both are skipped like a clock, never taken
# for the publication date.
_CLOCK_BEFORE_RE = re.compile(
    r"(?:(?:今天|今日|当前|现在|此刻|系统)(?:是|为)?(?:时间|日期)?"
    r"|(?:生成|实施|施行|生效|废止|失效)(?:时间|日期)?)\s*:?\s*$"
)
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
    # What the page gave: "day" (no time, or 00:00), "minute" (H:MM) or "second" (H:MM:SS,
    # ISO timestamps, epochs).
    precision: str = field(default="day", compare=False)

    def isoformat(self) -> str:
        if self.time is None:
            return self.date.isoformat()
        moment = datetime.datetime.combine(self.date, self.time, tzinfo=SHANGHAI)
        return moment.isoformat(timespec="seconds")

    @property
    def date_iso(self) -> str:
        return self.date.isoformat()

    def timestamp(self) -> str:
        """Always a full RFC 3339 timestamp in +08:00: a date-only value is its midnight."""
        moment = datetime.datetime.combine(
            self.date, self.time or datetime.time(0, 0), tzinfo=SHANGHAI
        )
        return moment.isoformat(timespec="seconds")


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


# A date in an article's address, for pages that print none: TRS WCM document names
# `…/202307/t20230715_275589.html` (ccdi.gov.cn, zgjjjc.ccdi.gov.cn, youth.cn, shanxi.gov.cn),
# Hanweb `/art/2016/11/22/art_1621004_30332664.htm` (zj.gov.cn, cma.org.cn), people.com.cn
# `/n1/2026/0522/c117092-40725457.html`, and `/2023-07/15/content_…` (www.gov.cn, xinhuanet.com).
_URL_DATES = (
    re.compile(r"/t(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)_\d+"),
    re.compile(r"/art/(?P<y>(?:19|20)\d\d)/(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/art_"),
    re.compile(r"/n\d?/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)(?P<d>[0-3]\d)/c\d"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)/(?P<d>[0-3]\d)/(?:content|c)_\d"),
)


def url_date(url: str | None) -> str | None:
    """'YYYY-MM-DD' from a CMS document address (see _URL_DATES), or None.

    >>> url_date("http://zgjjjc.ccdi.gov.cn/bqml/bqxx/202307/t20230715_275589.html")
    '2023-07-15'
    """
    for pattern in _URL_DATES:
        match = pattern.search(url or "")
        if match:
            try:
                day = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            return day.isoformat()
    return None


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
    elif match["wy"] is not None:
        month_word = match["wm"]
        month = _MONTH_VALUE.get(month_word) or _cn_number(month_word.rstrip("月"))
        parts = (int(match["wy"]), month, int(match["wd"]))
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
    if match["tz"]:
        tz = _tz_from(match["tz"])
    elif match["zone"]:
        tz = datetime.timezone(datetime.timedelta(hours=_ZONE_WORDS[match["zone"]]))
    else:
        tz = SHANGHAI
    return datetime.datetime.combine(day_value, time_value, tzinfo=tz)


def parse_cn_datetime(raw: str | None, *, now: datetime.datetime) -> ParsedDateTime | None:
    """Parse one date(-time) value into a ParsedDateTime in UTC+8.

    Labels, brackets, full-width digits, Chinese numerals, ISO offsets and 10/13-digit epochs
    are understood. None for None/unparseable/impossible dates (month 13, Feb 30), years before
    1949, values without a year ('5月13日' is never guessed), and values in the future relative
    to `now` (the caller's clock, passed in so that this stays pure; a naive `now` is Shanghai
    time): a date-only value is
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
        precision = "second"
    else:
        match = _search_date(folded)
        value = _from_match(match) if match is not None else None
        seconds = match is not None and (match["second"] or match["second_cn"])
        precision = "second" if seconds else "minute"
    if value is None:
        return None

    if isinstance(value, datetime.datetime):
        try:
            moment = value.astimezone(SHANGHAI)
        except OverflowError:  # 9999-12-31T23:00Z has no +08:00 equivalent
            return None
        day = moment.date()
        clock: datetime.time | None = moment.time().replace(microsecond=0)
        if clock == datetime.time(0, 0):
            clock = None
    else:
        day, clock = value, None
    if day.year < _EARLIEST_YEAR or _is_future(day, clock, now):
        return None
    return ParsedDateTime(day, clock, precision if clock is not None else "day")


def _is_future(day: datetime.date, clock: datetime.time | None, now: datetime.datetime) -> bool:
    now = now.replace(tzinfo=SHANGHAI) if now.tzinfo is None else now.astimezone(SHANGHAI)
    if clock is None:
        return day > now.date()
    # Subtracting (rather than adding to `now`) cannot overflow for now=datetime.max-like
    # sentinels that callers use to disable the check.
    return datetime.datetime.combine(day, clock, tzinfo=SHANGHAI) - _CLOCK_SKEW > now
