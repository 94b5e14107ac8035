"""crawler.normalize: one parametrized row per real-world spelling (portals.md 1, 6, 7)."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest

from crawler.normalize.body import clean_body, fingerprint
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import SHANGHAI, ParsedDateTime, find_date, parse_cn_datetime
from crawler.normalize.titles import clean_title

# A fixed "now" (2025-01-01 12:00 in Shanghai) so that future-date rejection is deterministic.
NOW = datetime.datetime(2025, 1, 1, 12, 0, tzinfo=SHANGHAI)


def _first_values(
    cases: list[Any], where: Callable[[Any], object] = lambda _expected: True
) -> list[Any]:
    """The input column of a table (same ids), for property tests such as idempotence."""
    return [pytest.param(case.values[0], id=case.id) for case in cases if where(case.values[-1])]


# --------------------------------------------------------------------------------------------
# parse_cn_datetime
# --------------------------------------------------------------------------------------------

DATE_CASES = [
    pytest.param("2020年5月13日 00:00", "2020-05-13", id="shjcdj-unpadded-midnight-is-date-only"),
    pytest.param("2024年05月10日06:58", "2024-05-10T06:58:00+08:00", id="people-no-space"),
    pytest.param("发布时间：2019年11月01日 10:07", "2019-11-01T10:07:00+08:00", id="12371-label"),
    pytest.param("2024-05-13 06:03:00", "2024-05-13T06:03:00+08:00", id="youth-seconds"),
    pytest.param("发稿时间：2024-05-13 06:03:00", "2024-05-13T06:03:00+08:00", id="youth-label"),
    pytest.param("发布时间：\n   2024-12-31 07:00", "2024-12-31T07:00:00+08:00", id="ccdi-newline"),
    pytest.param("发布日期：2016-11-22", "2016-11-22", id="hanweb-date-only"),
    pytest.param("发布时间: 2018-05-17", "2018-05-17", id="vsb-ascii-colon"),
    pytest.param("时间：2019年10月31日 23:00", "2019-10-31T23:00:00+08:00", id="zyyfy-time-label"),
    pytest.param("2007-08-20-23:59:59", "2007-08-20T23:59:59+08:00", id="govcn-meta-dash-time"),
    pytest.param("2021.7.1", "2021-07-01", id="dotted-unpadded"),
    pytest.param("2021.07.01", "2021-07-01", id="dotted-padded"),
    pytest.param("2021/7/1 9:05", "2021-07-01T09:05:00+08:00", id="slash-one-digit-hour"),
    pytest.param("1589328000000", "2020-05-13T08:00:00+08:00", id="epoch-ms-govcn-api"),
    pytest.param("1589299200000", "2020-05-13", id="epoch-ms-shanghai-midnight"),
    pytest.param("1589336400", "2020-05-13T10:20:00+08:00", id="epoch-seconds"),
    pytest.param("2024-05-13 08:49:21.0", "2024-05-13T08:49:21+08:00", id="gmw-fraction"),
    pytest.param("2024-05-13T08:49:21+08:00", "2024-05-13T08:49:21+08:00", id="iso-offset"),
    pytest.param("2024-05-13T00:49:21Z", "2024-05-13T08:49:21+08:00", id="iso-utc"),
    pytest.param("2024-05-12T20:30:00Z", "2024-05-13T04:30:00+08:00", id="iso-utc-next-day"),
    pytest.param("2020-05-13T10:00:00-05:00", "2020-05-13T23:00:00+08:00", id="iso-negative"),
    pytest.param("[2020-05-13]", "2020-05-13", id="square-brackets"),
    pytest.param("【2020-05-13】", "2020-05-13", id="lenticular-brackets"),
    pytest.param("(2020-05-13)", "2020-05-13", id="parentheses"),
    pytest.param("二〇二〇年五月十三日", "2020-05-13", id="cn-numerals"),
    pytest.param("二〇二一年十二月三十一日", "2021-12-31", id="cn-numerals-tens"),
    pytest.param("2020年十月一日", "2020-10-01", id="cn-month-day-arabic-year"),
    pytest.param("二零二零年五月十三日", "2020-05-13", id="cn-numerals-ling"),
    pytest.param("二Ｏ二Ｏ年五月十三日", "2020-05-13", id="cn-numerals-fullwidth-letter-o"),
    pytest.param("二○二○年五月十三日", "2020-05-13", id="cn-numerals-white-circle"),
    pytest.param("２０２１－０６－３０", "2021-06-30", id="fullwidth-dashes"),
    pytest.param(
        "２０２１年６月３０日\u3000１０：２０", "2021-06-30T10:20:00+08:00", id="fullwidth-cjk-time"
    ),
    pytest.param("2024年5月13日 上午10:20", "2024-05-13T10:20:00+08:00", id="shangwu"),
    pytest.param("2024年5月13日 下午2:20", "2024-05-13T14:20:00+08:00", id="xiawu"),
    pytest.param("2020年05月13日 10时20分", "2020-05-13T10:20:00+08:00", id="shi-fen"),
    pytest.param("2020年5月13日 星期三 10:20", "2020-05-13T10:20:00+08:00", id="weekday-between"),
    pytest.param("2019-12-10 07:57:40", "2019-12-10T07:57:40+08:00", id="with-seconds"),
    pytest.param("2020-05-13 00:00:00", "2020-05-13", id="midnight-with-seconds"),
    pytest.param("2020年5月13日 00:00\xa0\xa0来源：崇明区委组织部", "2020-05-13", id="whole-line"),
    pytest.param("2025-01-01", "2025-01-01", id="today-is-not-future"),
    pytest.param("2025-01-01 12:09", "2025-01-01T12:09:00+08:00", id="within-clock-skew"),
]


@pytest.mark.parametrize(("raw", "expected"), DATE_CASES)
def test_parse_cn_datetime(raw: str, expected: str) -> None:
    parsed = parse_cn_datetime(raw, now=NOW)
    assert parsed is not None
    assert parsed.isoformat() == expected
    assert parsed.date_iso == expected[:10]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param("", id="empty"),
        pytest.param("待定", id="no-date"),
        pytest.param("2020年13月1日", id="month-13"),
        pytest.param("2021-02-30", id="feb-30"),
        pytest.param("5月13日", id="no-year-cjk"),
        pytest.param("05-13", id="no-year-numeric"),
        pytest.param("今天是", id="clock-prefix-only"),
        pytest.param("今天是2024年11月28日 星期四", id="page-clock"),
        pytest.param("1900-01-01", id="before-1949"),
        pytest.param("1948-12-31", id="just-before-1949"),
        pytest.param("2025-01-02", id="future-date"),
        pytest.param("2025-01-01 12:11", id="future-beyond-skew"),
        pytest.param("2020-05-13 25:00", id="hour-25"),
        pytest.param("2024年5月13日 下午14:20", id="contradictory-pm"),
        pytest.param("13800138000", id="mobile-number"),
        pytest.param("158932800", id="nine-digit-id"),
        pytest.param("9999-12-31T23:00:00Z", id="overflows-in-shanghai"),
    ],
)
def test_parse_cn_datetime_rejects(raw: str | None) -> None:
    assert parse_cn_datetime(raw, now=NOW) is None


@pytest.mark.parametrize(
    ("raw", "now", "expected"),
    [
        # 04:00 on 2025-01-01 in Shanghai, still 2024-12-31 in UTC: "today" is the Shanghai date.
        pytest.param(
            "2025-01-01",
            datetime.datetime(2024, 12, 31, 20, 0, tzinfo=datetime.UTC),
            "2025-01-01",
            id="aware-utc-now-compared-in-shanghai",
        ),
        pytest.param(
            "2025-01-01 12:11",
            datetime.datetime(2025, 1, 1, 12, 0),
            None,
            id="naive-now-is-shanghai",
        ),
        pytest.param(
            "2025-01-01T04:05:00Z",
            datetime.datetime(2025, 1, 1, 12, 0),
            "2025-01-01T12:05:00+08:00",
            id="utc-value-vs-naive-now",
        ),
    ],
)
def test_parse_cn_datetime_now(raw: str, now: datetime.datetime, expected: str | None) -> None:
    parsed = parse_cn_datetime(raw, now=now)
    assert (parsed.isoformat() if parsed else None) == expected


def test_parse_cn_datetime_with_the_wall_clock() -> None:
    now = datetime.datetime.now(SHANGHAI)
    assert parse_cn_datetime("2020-05-13", now=now) == ParsedDateTime(datetime.date(2020, 5, 13))
    assert parse_cn_datetime("2999-01-01", now=now) is None


def test_parsed_datetime_shape() -> None:
    parsed = parse_cn_datetime("发布时间：2019年11月01日 10:07", now=NOW)
    assert parsed == ParsedDateTime(datetime.date(2019, 11, 1), datetime.time(10, 7))
    assert parsed.date_iso == "2019-11-01"
    midnight = parse_cn_datetime("2020年5月13日 00:00", now=NOW)
    assert midnight is not None
    assert midnight.time is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.time = None  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# find_date
# --------------------------------------------------------------------------------------------

FIND_DATE_CASES = [
    pytest.param(
        "发布时间：2019年11月01日 10:07 来源：人民日报", "2019年11月01日 10:07", id="12371-line"
    ),
    pytest.param(
        "2020年5月13日 00:00  来源：崇明区委组织部", "2020年5月13日 00:00", id="shjcdj-line"
    ),
    pytest.param(
        "2020年5月13日 00:00\xa0\xa0来源:崇明区委组织部", "2020年5月13日 00:00", id="shjcdj-nbsp"
    ),
    pytest.param("2024年05月10日06:58", "2024年05月10日06:58", id="people-no-space"),
    pytest.param("发稿时间：2024-05-13 06:03:00", "2024-05-13 06:03:00", id="youth"),
    pytest.param("发布时间：\n   2024-12-31 07:00", "2024-12-31 07:00", id="ccdi-newline"),
    pytest.param("发布日期：2016-11-22", "2016-11-22", id="hanweb"),
    pytest.param("来源: | 发布时间: 2018-05-17 | 浏览次数:", "2018-05-17", id="vsb-empty-source"),
    pytest.param(
        "时间：2019-09-18 06:23 来源： 山西日报", "2019-09-18 06:23", id="time-label-first"
    ),
    pytest.param("时间：2019年10月31日 23:00", "2019年10月31日 23:00", id="zyyfy"),
    pytest.param("2007-08-20-23:59:59", "2007-08-20-23:59:59", id="govcn-meta"),
    pytest.param("[2020-05-13]", "2020-05-13", id="bracketed"),
    pytest.param("二〇二〇年五月十三日", "二〇二〇年五月十三日", id="cn-numerals"),
    pytest.param("２０２１－０６－３０", "２０２１－０６－３０", id="fullwidth-kept-as-published"),
    pytest.param("2024-05-13T00:49:21Z", "2024-05-13T00:49:21Z", id="iso-utc"),
    pytest.param("浏览次数：1234  发布日期：2016-11-22", "2016-11-22", id="counter-then-date"),
    pytest.param(
        "来源：新华网 2019-12-10 07:57:40", "2019-12-10 07:57:40", id="unlabelled-after-source"
    ),
    pytest.param(
        "相关：2019-01-01 发布日期：2016-11-22", "2016-11-22", id="labelled-beats-unlabelled"
    ),
    pytest.param(
        "今天是2026年11月28日 星期六 发布时间：2020-05-13", "2020-05-13", id="clock-then-label"
    ),
    pytest.param("当前时间：2026-11-28 发布时间：2020-05-13", "2020-05-13", id="clock-label"),
    pytest.param(
        "成文日期：2024年05月10日 发布日期：2024年05月13日",
        "2024年05月13日",
        id="govcn-published-beats-written",
    ),
    pytest.param(
        "活动时间：2020-05-20 发布时间：2020-05-13", "2020-05-13", id="published-beats-bare-time"
    ),
    pytest.param(
        "日期：2020-05-13 更新时间：2020-06-01", "2020-05-13", id="bare-date-beats-updated"
    ),
    pytest.param("2020年5月13日 星期三", "2020年5月13日", id="weekday-not-included"),
    pytest.param("今天是2026年11月28日 星期六", None, id="page-clock"),
    pytest.param("电话：(021)32303149", None, id="phone"),
    pytest.param("ICP备案：05011551号", None, id="icp"),
    pytest.param("浏览次数：1234", None, id="counter"),
    pytest.param("5月13日", None, id="no-year"),
    pytest.param("", None, id="empty"),
]


@pytest.mark.parametrize(("line", "expected"), FIND_DATE_CASES)
def test_find_date(line: str, expected: str | None) -> None:
    assert find_date(line) == expected


@pytest.mark.parametrize("line", _first_values(FIND_DATE_CASES, where=lambda found: found))
def test_find_date_then_parse_agrees_with_parse(line: str) -> None:
    found = find_date(line)
    assert found is not None
    assert found in line
    assert parse_cn_datetime(found, now=NOW) == parse_cn_datetime(line, now=NOW)


# --------------------------------------------------------------------------------------------
# split_byline / clean_source / clean_person
# --------------------------------------------------------------------------------------------

BYLINE_CASES = [
    pytest.param("来源：X 作者：Y 责任编辑：Z", "X", "Y", "Z", id="three-fields"),
    pytest.param("来源：人民日报", "人民日报", None, None, id="fullwidth-colon"),
    pytest.param("来源: 长江网", "长江网", None, None, id="cjn-ascii-colon-space"),
    pytest.param("来源:崇明区委组织部", "崇明区委组织部", None, None, id="ascii-colon-no-space"),
    pytest.param(
        '来源：<a href="http://www.people.com.cn/">人民网</a>', "人民网", None, None, id="link"
    ),
    pytest.param(
        "来源于：<!-- 文章来源 begin -->中山日报<!-- 文章来源 end -->",
        "中山日报",
        None,
        None,
        id="zsnews-comment-markers",
    ),
    pytest.param(
        "信息来源：<!--<$[信息来源]>begin-->省发改委<!--<$[信息来源]>end-->",
        "省发改委",
        None,
        None,
        id="hanweb-placeholder",
    ),
    pytest.param("稿件来源：党委宣传部", "党委宣传部", None, None, id="webplus"),
    pytest.param("文章来源：北京党建</font>", "北京党建", None, None, id="bjdj-stray-tag"),
    pytest.param("来源于：东区办事处", "东区办事处", None, None, id="laiyuanyu"),
    pytest.param("出处：求是网", "求是网", None, None, id="chuchu"),
    pytest.param(
        "来源：本站原创 作者：医技药剂党支部", "本站原创", "医技药剂党支部", None, id="zyyfy"
    ),
    pytest.param(
        "来源：本站原创&nbsp;&nbsp;作者：医技药剂党支部",
        "本站原创",
        "医技药剂党支部",
        None,
        id="zyyfy-nbsp-entity",
    ),
    pytest.param(
        "来源：本站原创\xa0\xa0作者：医技药剂党支部",
        "本站原创",
        "医技药剂党支部",
        None,
        id="zyyfy-nbsp-char",
    ),
    pytest.param("来源: | 发布时间: 2018-05-17 | 浏览次数:", None, None, None, id="vsb-empty"),
    pytest.param("来源：人民网－人民日报", "人民网－人民日报", None, None, id="fullwidth-hyphen"),
    pytest.param(
        "来源：人民网-中国共产党新闻网 | 责编：张三",
        "人民网-中国共产党新闻网",
        None,
        "张三",
        id="pipe-separated",
    ),
    pytest.param("时间：2019-09-18 06:23 来源： 山西日报", "山西日报", None, None, id="date-first"),
    pytest.param(
        "2020年5月13日 00:00  来源：崇明区委组织部", "崇明区委组织部", None, None, id="shjcdj"
    ),
    pytest.param("来源：新华网 2019-12-10 07:57:40", "新华网", None, None, id="date-ends-source"),
    pytest.param("来源：学习强国 阅读：1234", "学习强国", None, None, id="counter-ends-source"),
    pytest.param("来源：中国文明网【打印】【关闭】", "中国文明网", None, None, id="print-links"),
    pytest.param(
        "出处：求是网\u3000\u3000作者：王五", "求是网", "王五", None, id="ideographic-gap"
    ),
    pytest.param("(责编：汤诗瑶、丁涛)", None, None, "汤诗瑶、丁涛", id="people-editor-parens"),
    pytest.param("（责编：汤诗瑶、丁涛）", None, None, "汤诗瑶、丁涛", id="fullwidth-parens"),
    pytest.param("【编辑:陈海峰】", None, None, "陈海峰", id="lenticular-editor"),
    pytest.param("责任编辑： 尹世杰", None, None, "尹世杰", id="editor-space-after-colon"),
    pytest.param("责任编辑 王五", None, None, "王五", id="editor-space-only"),
    pytest.param("值班编辑：李明", None, None, "李明", id="duty-editor"),
    pytest.param("作者：李四 责任编辑：王五", None, "李四", "王五", id="author-editor"),
    pytest.param("记者 赵六", None, "赵六", None, id="reporter-space"),
    pytest.param("本报记者 张三 通讯员 李四", None, "张三", None, id="reporter-correspondent"),
    pytest.param("文/陈七", None, "陈七", None, id="wen-slash"),
    pytest.param("撰文：周八", None, "周八", None, id="zhuanwen"),
    pytest.param("作者：", None, None, None, id="empty-author-at-end"),
    pytest.param("原文：见附件", None, None, None, id="yuanwen-is-not-wen"),
    pytest.param("", None, None, None, id="empty"),
]


@pytest.mark.parametrize(("line", "source", "author", "editor"), BYLINE_CASES)
def test_split_byline(
    line: str, source: str | None, author: str | None, editor: str | None
) -> None:
    parts = split_byline(line)
    assert set(parts) == {"source", "author", "editor"}
    assert clean_source(parts["source"]) == source
    assert clean_person(parts["author"]) == author
    assert clean_person(parts["editor"]) == editor


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "来源：X 作者：Y 责任编辑：Z",
            {"source": "X", "author": "Y", "editor": "Z"},
            id="three-fields",
        ),
        pytest.param(
            "来源：人民网－人民日报\xa0\xa0作者：李四",
            {"source": "人民网－人民日报", "author": "李四", "editor": None},
            id="original-spelling-kept",
        ),
        pytest.param(
            "来源: | 发布时间: 2018-05-17 | 浏览次数:",
            {"source": None, "author": None, "editor": None},
            id="vsb-empty",
        ),
        pytest.param(None, {"source": None, "author": None, "editor": None}, id="none"),
    ],
)
def test_split_byline_raw_values(line: str | None, expected: dict[str, str | None]) -> None:
    assert split_byline(line) == expected


CLEAN_SOURCE_CASES = [
    pytest.param("来源：人民日报", "人民日报", id="meta-content-source"),
    pytest.param("人民日报", "人民日报", id="already-clean"),
    pytest.param("来源: 长江网", "长江网", id="ascii-colon"),
    pytest.param("来源于：东区办事处", "东区办事处", id="laiyuanyu"),
    pytest.param("稿件来源：党委宣传部", "党委宣传部", id="gaojian"),
    pytest.param(
        "信息来源：<!--<$[信息来源]>begin-->省发改委<!--<$[信息来源]>end-->",
        "省发改委",
        id="hanweb-placeholder",
    ),
    pytest.param("<!--<$[信息来源]>begin-->省发改委", "省发改委", id="placeholder-residue"),
    pytest.param(
        "<!-- 文章来源 begin -->中山日报<!-- 文章来源 end -->", "中山日报", id="zsnews-comment"
    ),
    pytest.param("文章来源：北京党建</font>", "北京党建", id="stray-tag"),
    pytest.param("来源：人民网－人民日报", "人民网－人民日报", id="compound-source"),
    pytest.param("【来源：新华社】", "新华社", id="lenticular-wrapped"),
    pytest.param("（人民日报）", "人民日报", id="fullwidth-parens-wrapped"),
    pytest.param("[求是网]", "求是网", id="square-wrapped"),
    pytest.param("(上海)人民广播电台(新闻)", "(上海)人民广播电台(新闻)", id="inner-pairs-kept"),
    pytest.param("《求是》", "《求是》", id="book-title-marks-kept"),
    pytest.param("人民日报 |", "人民日报", id="trailing-pipe"),
    pytest.param("\u3000人民日报\xa0｜", "人民日报", id="trailing-fullwidth-pipe-and-spaces"),
    pytest.param("来源：本站原创 作者：医技药剂党支部", "本站原创", id="whole-byline"),
    pytest.param("时间：2019-09-18 06:23 来源： 山西日报", "山西日报", id="whole-header-line"),
    pytest.param("来源于网络", "来源于网络", id="label-like-word-kept"),
    pytest.param("来源：", None, id="label-only"),
    pytest.param("来源: |", None, id="vsb-empty"),
    pytest.param("  ", None, id="blank"),
    pytest.param(None, None, id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_SOURCE_CASES)
def test_clean_source(raw: str | None, expected: str | None) -> None:
    assert clean_source(raw) == expected


@pytest.mark.parametrize("raw", _first_values(CLEAN_SOURCE_CASES))
def test_clean_source_idempotent(raw: str | None) -> None:
    assert clean_source(clean_source(raw)) == clean_source(raw)


CLEAN_PERSON_CASES = [
    pytest.param("作者：李四", "李四", id="author-label"),
    pytest.param("(责编：汤诗瑶、丁涛)", "汤诗瑶、丁涛", id="people-editor"),
    pytest.param("（责编：汤诗瑶、丁涛）", "汤诗瑶、丁涛", id="people-editor-fullwidth"),
    pytest.param("汤诗瑶、丁涛)", "汤诗瑶、丁涛", id="unbalanced-closer"),
    pytest.param("【编辑:陈海峰】", "陈海峰", id="lenticular-editor"),
    pytest.param("责任编辑： 尹世杰", "尹世杰", id="editor-space-after-colon"),
    pytest.param("记者 赵六", "赵六", id="reporter-space"),
    pytest.param("本报记者 张三", "张三", id="our-reporter"),
    pytest.param("文/陈七", "陈七", id="wen-slash"),
    pytest.param("文／陈七", "陈七", id="wen-fullwidth-slash"),
    pytest.param("作者：李四 责任编辑：王五", "李四", id="stops-at-next-label"),
    pytest.param("张三 李四", "张三 李四", id="space-separated-names"),
    pytest.param("张三，李四", "张三，李四", id="comma-separated-names"),
    pytest.param("作者：\u3000张三\xa0\xa0", "张三", id="odd-spaces"),
    pytest.param("文静", "文静", id="name-starting-with-wen"),
    pytest.param("作者：", None, id="label-only"),
    pytest.param("", None, id="empty"),
    pytest.param(None, None, id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_PERSON_CASES)
def test_clean_person(raw: str | None, expected: str | None) -> None:
    assert clean_person(raw) == expected


@pytest.mark.parametrize("raw", _first_values(CLEAN_PERSON_CASES))
def test_clean_person_idempotent(raw: str | None) -> None:
    assert clean_person(clean_person(raw)) == clean_person(raw)


# --------------------------------------------------------------------------------------------
# clean_title
# --------------------------------------------------------------------------------------------

SHJCDJ_TITLE = "崇明区新海镇:“三个到位”答好疫情防控“考题”"

TITLE_CASES = [
    pytest.param(
        f"{SHJCDJ_TITLE}_上海基层党建网", ["上海基层党建网"], SHJCDJ_TITLE, id="shjcdj-underscore"
    ),
    pytest.param("标题 - 人民网", ["人民网"], "标题", id="spaced-hyphen"),
    pytest.param("标题-人民网", ["人民网"], "标题", id="hyphen"),
    pytest.param("标题--人民网", ["人民网"], "标题", id="double-hyphen"),
    pytest.param("标题——人民网", ["人民网"], "标题", id="em-dashes"),
    pytest.param("标题|人民网", ["人民网"], "标题", id="pipe"),
    pytest.param("标题｜人民网", ["人民网"], "标题", id="fullwidth-pipe"),
    pytest.param("标题 - 党建 - 人民网", ["人民网", "党建"], "标题", id="stacked-suffixes"),
    pytest.param("标题_栏目_人民网", ["人民网"], "标题_栏目", id="unknown-column-kept"),
    pytest.param("人民网", ["人民网"], "人民网", id="title-equal-to-site-kept"),
    pytest.param("人民网评：标题", ["人民网"], "人民网评：标题", id="site-name-prefix-kept"),
    pytest.param("标题 - 人民网", [], "标题 - 人民网", id="no-site-names"),
    pytest.param(
        "【不忘初心 牢记使命】标题", ["人民网"], "【不忘初心 牢记使命】标题", id="bracket-prefix"
    ),
    pytest.param(" \u3000标题\n  第二行\xa0 ", [], "标题 第二行", id="whitespace-collapsed"),
    pytest.param("  ", [], None, id="blank"),
    pytest.param(None, [], None, id="none"),
]


@pytest.mark.parametrize(("raw", "site_names", "expected"), TITLE_CASES)
def test_clean_title(raw: str | None, site_names: list[str], expected: str | None) -> None:
    assert clean_title(raw, site_names) == expected


@pytest.mark.parametrize(
    ("raw", "site_names"), [pytest.param(*case.values[:2], id=case.id) for case in TITLE_CASES]
)
def test_clean_title_idempotent(raw: str | None, site_names: list[str]) -> None:
    once = clean_title(raw, site_names)
    assert clean_title(once, site_names) == once


def test_clean_title_accepts_any_iterable() -> None:
    assert clean_title("标题_人民网", (name for name in ["人民网"])) == "标题"


# --------------------------------------------------------------------------------------------
# clean_body
# --------------------------------------------------------------------------------------------

# The shjcdj.cn sample article body (seed 000_6f13dfb4a2b5052d), line by line as extracted:
# U+00A0 indentation, "???" left by a lossy GBK conversion, a "| |" share bar and the footer.
SHJCDJ_BODY_LINES = (
    (
        "\xa0\xa0\xa0\xa0(上海基层党建网) ???面对新冠肺炎疫情防控的严峻考验,"
        "崇明区新海镇党委认真贯彻落实上"
        "级部门有关疫情防控工作部署,将做好疫情防控工作作为巩固拓展“不忘初心、牢记使命”主题教育"
        "成果的实践战场,积极组织动员各方红色力量参与联防联控工作,用心用情用力答好新冠肺炎疫情防"
        "控“考题”。"
    ),
    "",
    "\xa0\xa0\xa0\xa0组织发动到位,密植多元协同的“群防线”",
    "",
    (
        "\xa0\xa0\xa0\xa0注重发挥区域化党建作用,实现联防联控。针对新海镇二元主体治理结构的特殊情况,注重发挥"
        "区域化党建作用,结合“双报到双报告”工作制度,进一步加强镇企之间的协调联动,积极动员驻区单"
        "位在职党员认领疫情防控项目,缓解社区防控一线人员紧缺的压力。共计276名党员认领了项目近60"
        "0个。注重发挥党支部堡垒作用,实现群防群控。本镇以落实党支部开展“把初心落在行动上、把使"
        "命担在肩膀上”主题党日活动为契机,注重把基层党组织和全体党员全面动员起来,以领导干部包片"
        "到居、居委干部包干到户、骨干力量包干到人的模式,精心选派机关企事业单位人员及社工101人("
        "参与小区封闭式管理89人,下沉居民区协助开展防控工作12人)参与一线疫情防控工作,筑牢社区群"
        "防群控的严密防线。注重发挥微网格细胞作用,实现微防微控。为坚决守好外防输入、内防反弹的"
        "社区防线,全面落实排查工作“全覆盖无死角”原则,注重结合叶脉工程党建微网格建设,充分调动党"
        "建网格内各方力量,投入社区疫情防控工作,帮助居委会想好招、把好关、守好门,阻击输入性传染"
        "的“最后一公里”"
    ),
    "",
    "\xa0\xa0\xa0\xa0监督管理到位,筑牢社区硬核的“阻击线”",
    "",
    (
        "\xa0\xa0\xa0\xa0现场督查指导,压实主体责任。结合“社区工作日”组织本镇中层干部,以组团督查+个人巡查的"
        "方式,全面监督指导居委会小区封闭式管理、居家隔离措施落实及企业复工复产等情况,推动每日督"
        "查问题有效整改,为全镇疫情防控斗争取得阶段性胜利提供重要保证。多维考察干部,凝聚组织力量"
        "。坚持把对党员干部的锤炼和考验贯彻于疫情一线,制定下发《关于进一步加强本镇机关、企事业"
        "单位赴居民区志愿者日常管理工作的通知》,采取特殊时段暗访、重要点位必访的方式,实地查看下"
        "沉居民区的区、镇两级机关企事业志愿者在岗服务情况,对在疫情中站得出来、顶得上去、表现良"
        "好的年轻干部,优先纳入“墩苗”“穗选”计划跟踪培养。严明纪律作风,推动工作落实。为贯彻好中组"
        "部关于各级党组织做好党员自愿捐款指导服务工作的通知要求,第一时间落实相关工作,及时发动全"
        "体党员参与捐款,并足额将所捐款项缴纳至区委组织部,本镇27个党支部791名党员共计捐款104326"
        "元,参与率达97.7%。同时,对区委组织部下拨的6万元疫情防控专项党费及时购买防疫物资,助力社"
        "区疫情防控工作,认真监督各支部做好物资的接收、使用和管理工作,确保此次专项党费做到专款专"
        "用,发挥传递组织温暖、解决实际困难、凝聚党心民心的重要作用。"
    ),
    "",
    "\xa0\xa0\xa0\xa0宣传引导到位,完善关心关爱的“激励线”",
    "",
    (
        "\xa0\xa0\xa0\xa0强化宣传引导,营造良好氛围。围绕“充分发挥基层党组织的战斗堡垒和党员干部的模范带头作"
        "用”主题,组织工作人员深入采写信息稿件,广泛宣传疫情防控一线的先进典型,积极弘扬正能量,唱"
        "响主旋律,激发干部群众抗击疫情、共克时艰的积极性和主动性,推动全体党员干部挺身而出、担当"
        "作为。强化关心关爱,建立轮岗机制。为保证防控一线社区工作者及时得到必要休整,建立优化轮岗"
        "换岗机制,采取轮休调休等方式保证一线工作人员及时得到休整,对身体健康状况不适宜在疫情防控"
        "一线工作的人员,及时进行轮换调整;对长时间超负荷工作的人员安排强制休息,全力保障疫情防控"
        "一线社区志愿者的身心健康和防控工作的有效运行。强化走访慰问,坚定抗疫信心。自新冠肺炎疫"
        "情发生以来,本镇班子成员以上率下发扬连续作战的精神,从“假期模式”转入“战时模式”,走访慰问"
        "执勤于社区各防控点位的社区工作者、党员志愿者及居民骨干,主动为他们开展思想教育和宣传引"
        "导,帮助他们缓解焦虑情绪、降低压力、消除恐惧、稳定心态,切实为打赢抗击疫情的人民战“疫”增"
        "强信心、坚定信心。"
    ),
    "",
    (
        "\xa0\xa0\xa0\xa0疫情就是命令,防控就是责任。新海镇党委积极响应区委区政府及组织部门号召,立足基层需求"
        "、结合自身优势,落实相关工作举措,统筹做好点位执勤,切实做到守土有责、守土担责、守土尽责,"
        "在“时刻准备着”的最前沿以先锋之姿践行公仆情怀,以赤子之心回答疫情防控“考卷”。"
    ),
    "",
    "\xa0\xa0\xa0\xa0| |",
    "",
    "\xa0\xa0\xa0\xa0主办单位:中共上海市委组织部 党建网版权所有 未经书面授权禁止使用",
    "",
    (
        "\xa0\xa0\xa0\xa0网站办公地址:上海市伊犁南路215号 网址:http://www.shjcdj.cn "
        "电话:(021)32303149 邮政"
        "编码:200031 邮箱:shjcdj@163.com"
    ),
    "",
    "\xa0\xa0\xa0\xa0ICP备案:05011551号",
    "",
    "\xa0\xa0\xa0\xa0沪公网安备 31010502000005号",
)
SHJCDJ_BODY = "\n".join(SHJCDJ_BODY_LINES)


def test_clean_body_shjcdj_sample() -> None:
    body = clean_body(SHJCDJ_BODY)
    paragraphs = body.split("\n")
    assert body.startswith("(上海基层党建网) 面对新冠肺炎疫情防控的严峻考验")
    assert body.endswith("以赤子之心回答疫情防控“考卷”。")
    assert "???" not in body
    assert "主办单位" not in body
    assert "ICP" not in body
    assert "|" not in body
    assert "\xa0" not in body
    assert len(paragraphs) == 8
    assert paragraphs[1] == "组织发动到位,密植多元协同的“群防线”"
    assert clean_body(body) == body


BODY_CASES = [
    pytest.param(
        "\u3000\u3000第一段。\n\n\u3000\u3000第二段。",
        "第一段。\n第二段。",
        id="ideographic-indent",
    ),
    pytest.param("\xa0\xa0\xa0\xa0第一段\xa0\xa0正文。", "第一段 正文。", id="nbsp"),
    pytest.param("第一段。\r\n\r\n第二段。\r\n", "第一段。\n第二段。", id="crlf"),
    pytest.param("第一段。\r第二段。", "第一段。\n第二段。", id="bare-cr"),
    pytest.param("a\t\u2002\u2003\u200b\ufeffb", "a b", id="odd-spaces"),
    pytest.param(
        "（上海基层党建网）\xa0???面对疫情", "（上海基层党建网） 面对疫情", id="gbk-nbsp-fullwidth"
    ),
    pytest.param(
        "(上海基层党建网)???面对疫情", "(上海基层党建网)面对疫情", id="gbk-nbsp-after-paren"
    ),
    pytest.param("???“两学一做”", "“两学一做”", id="gbk-nbsp-before-quote"),
    pytest.param("\u3000\u3000???面对疫情", "面对疫情", id="gbk-nbsp-paragraph-start"),
    pytest.param("为什么???", "为什么???", id="real-question-marks"),
    pytest.param("怎么办???我们要学习。", "怎么办???我们要学习。", id="question-marks-after-text"),
    pytest.param("What?? 好", "What?? 好", id="ascii-question-after-word"),
    pytest.param("正文结束。【打印】【关闭】", "正文结束。", id="print-close-inline"),
    pytest.param("正文。\n【打印本页】 【关闭窗口】", "正文。", id="print-close-paragraph"),
    pytest.param("正文。\n【字号：大 中 小】", "正文。", id="font-size-switch"),
    pytest.param("正文。\n分享到：微信 微博", "正文。", id="share-bar"),
    pytest.param("正文。\n| |", "正文。", id="pipe-bar"),
    pytest.param("正文。\n分享到： QQ空间 | 朋友圈 | 打印 | 关闭", "正文。", id="share-print-bar"),
    pytest.param("【不忘初心 牢记使命】正文", "【不忘初心 牢记使命】正文", id="real-brackets-kept"),
    pytest.param("他说：“返回岗位。”", "他说：“返回岗位。”", id="furniture-word-in-prose-kept"),
    pytest.param(
        "正文。\n主办单位：中共上海市委组织部\n网站办公地址：上海市伊犁南路215号",
        "正文。",
        id="footer-zhuban",
    ),
    pytest.param("正文。\n版权所有：某某网\n后续", "正文。", id="footer-copyright-cn"),
    pytest.param("正文。\n沪ICP备05011551号", "正文。", id="footer-province-icp"),
    pytest.param("正文。\n京公网安备 11010502000001号", "正文。", id="footer-gongan"),
    pytest.param("正文。\n网站标识码：3100000001", "正文。", id="footer-site-code"),
    pytest.param("正文。\n技术支持：某某科技", "正文。", id="footer-tech-support"),
    pytest.param("正文。\nCopyright © 2020 某某网", "正文。", id="footer-copyright"),
    pytest.param("正文。\n© 2020 某某网", "正文。", id="footer-copyright-sign"),
    pytest.param("正文。\n联系我们", "正文。", id="footer-contact"),
    pytest.param("正文。\n上海基层党建网 版权所有", "正文。", id="footer-short-copyright"),
    pytest.param(
        "正文。\n" + "长" * 120 + "版权所有" + "长" * 10,
        "正文。\n" + "长" * 120 + "版权所有" + "长" * 10,
        id="long-prose-mentioning-copyright-kept",
    ),
    # Furniture at the END of a body (real pages: people, chinanews, cjn, xinhua).
    pytest.param("正文。\n(责编：汤诗瑶、丁涛)", "正文。", id="trailing-editor-ascii-parens"),
    pytest.param("正文。\n【编辑:陈海峰】", "正文。", id="trailing-editor-brackets"),
    pytest.param("正文。\n责任编辑： 尹世杰", "正文。", id="trailing-editor-bare"),
    pytest.param("正文。\n责任编辑 王五", "正文。", id="trailing-editor-spaced"),
    pytest.param(
        "正文。\n+1\n【纠错】 责任编辑： 尹世杰", "正文。", id="trailing-counter-and-editor"
    ),
    pytest.param(
        "正文。\n【1】【2】【3】【4】\n(责编：汤诗瑶、丁涛)",
        "正文。",
        id="trailing-pager-and-editor",
    ),
    pytest.param("正文。\n上一页 1 2 3 下一页", "正文。", id="trailing-pager-words"),
    pytest.param(
        "（资料来源：参考消息）\n【编辑：姚昊】",
        "（资料来源：参考消息）",
        id="trailing-editor-after-source-note",
    ),
    pytest.param(
        "责任编辑：张三\n正文。", "责任编辑：张三\n正文。", id="editor-line-not-at-end-kept"
    ),
    pytest.param(
        "正文。\n编辑出版了三本书。", "正文。\n编辑出版了三本书。", id="editor-word-in-prose-kept"
    ),
    pytest.param("正文。\n(作者：方敏)", "正文。\n(作者：方敏)", id="trailing-author-credit-kept"),
    pytest.param("正文。\n+1 正文", "正文。\n+1 正文", id="plus-in-prose-kept"),
    pytest.param("正文。\n2020", "正文。\n2020", id="trailing-number-kept"),
    # Furniture at the START of a body (people promo link, xinhua gallery label).
    pytest.param("点击进入“文艺星青年”>>\n正文。", "正文。", id="leading-promo-link"),
    pytest.param("图集\n正文。", "正文。", id="leading-gallery-label"),
    pytest.param("正文。\n图集", "正文。\n图集", id="gallery-label-not-at-start-kept"),
    pytest.param("正文。\n详见附件>>", "正文。\n详见附件>>", id="promo-arrow-not-at-start-kept"),
    pytest.param(
        "第一段" + "长" * 60 + ">>\n正文。",
        "第一段" + "长" * 60 + ">>\n正文。",
        id="long-first-paragraph-with-arrows-kept",
    ),
    pytest.param("\n\n \u3000\n", "", id="only-whitespace"),
    pytest.param("", "", id="empty"),
    pytest.param(None, "", id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), BODY_CASES)
def test_clean_body(raw: str | None, expected: str) -> None:
    assert clean_body(raw) == expected


@pytest.mark.parametrize(
    "raw", [*_first_values(BODY_CASES), pytest.param(SHJCDJ_BODY, id="shjcdj-sample")]
)
def test_clean_body_idempotent(raw: str | None) -> None:
    once = clean_body(raw)
    assert clean_body(once) == once


# --------------------------------------------------------------------------------------------
# fingerprint
# --------------------------------------------------------------------------------------------


def test_fingerprint_is_sha1_hex() -> None:
    assert re.fullmatch(r"[0-9a-f]{40}", fingerprint("标题", "正文"))
    assert fingerprint(None, None) == fingerprint("", "")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            ("标题", "第一段\n第二段"), (" 标题 ", "\u3000\u3000第一段\n\n第二段 "), id="reindent"
        ),
        pytest.param(("标 题", "a\xa0b"), ("标题", "ab"), id="inner-spaces"),
        pytest.param((None, "正文"), ("", "正文"), id="none-title"),
    ],
)
def test_fingerprint_ignores_whitespace(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None]
) -> None:
    assert fingerprint(*a) == fingerprint(*b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(("标题", "正文"), ("标题", "正文。"), id="body-text"),
        pytest.param(("标题", "正文"), ("标", "题正文"), id="title-body-boundary"),
    ],
)
def test_fingerprint_distinguishes_content(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None]
) -> None:
    assert fingerprint(*a) != fingerprint(*b)


# --------------------------------------------------------------------------------------------
# Purity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("发布时间：" + " " * 20_000 + "x", id="blank-after-label"),
        pytest.param(" " * 20_000 + "1589328000000" + " " * 20_000 + "x", id="blank-around-digits"),
        pytest.param("2020年5月13日" + "\xa0" * 20_000 + "星期", id="blank-after-date"),
        pytest.param("," * 20_000 + "x", id="separator-run"),
        pytest.param("??" * 10_000 + "面", id="question-mark-run"),
    ],
)
def test_long_blank_runs(text: str) -> None:
    # Inputs that once made regexes with adjacent \s* / [...]+$ backtrack quadratically (6 s);
    # a regression shows as a slow suite, not as a timing assertion (timings stay out of tests).
    found = find_date(text)
    assert found is None or found in text
    parse_cn_datetime(text, now=NOW)
    split_byline(text)
    assert clean_source(clean_source(text)) == clean_source(text)
    assert clean_person(clean_person(text)) == clean_person(text)
    assert clean_body(clean_body(text)) == clean_body(text)
    assert clean_title(clean_title(text, ["人民网"]), ["人民网"]) == clean_title(text, ["人民网"])
