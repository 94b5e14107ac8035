"""crawler.normalize.dates: one parametrized row per real-world spelling (portals.md 1)."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from crawler.normalize.dates import SHANGHAI, ParsedDateTime, find_date, parse_cn_datetime
from tests.support.tables import NOW, first_values

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
    pytest.param("十一月 6th, 2009", "2009-11-06", id="wordpress-zh-month-ordinal"),
    pytest.param("十二月 25, 2010", "2010-12-25", id="wordpress-zh-month-plain-day"),
    pytest.param("July 12, 2024 18:33", "2024-07-12T18:33:00+08:00", id="english-month-time"),
    pytest.param("Sept. 3rd, 2020", "2020-09-03", id="english-abbreviated-month"),
    pytest.param(
        "2012年12月10日, 格林尼治标准时间10:41", "2012-12-10T18:41:00+08:00", id="bbc-gmt-word"
    ),
    pytest.param("2024年7月12日 北京时间 18:33", "2024-07-12T18:33:00+08:00", id="beijing-word"),
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
    pytest.param("其它内容 十一月 6th, 2009", "十一月 6th, 2009", id="wordpress-calendar-badge"),
    pytest.param(
        "十一月 6th, 2009 at 12:02 下午", "十一月 6th, 2009", id="wordpress-comment-stamp"
    ),
    pytest.param("Updated: July 12, 2024", "July 12, 2024", id="english-updated-line"),
    pytest.param("十一月 6th 的活动", None, id="month-word-without-year"),
    pytest.param("Maybe 5, 2020", None, id="english-month-inside-a-word"),
    pytest.param(
        "更新时间 2012年12月10日, 格林尼治标准时间10:41",
        "2012年12月10日, 格林尼治标准时间10:41",
        id="bbc-zone-word-kept-in-raw",
    ),
    pytest.param(
        "成文日期  2024-07-01  发布日期  2024-07-12", "2024-07-12", id="table-cells-without-colon"
    ),
    pytest.param("时间 2019-01-01 发布日期 2016-11-22", "2016-11-22", id="colonless-needs-prefix"),
    pytest.param(
        "生成日期：2024-07-20 发布日期：2024-07-12", "2024-07-12", id="generated-then-published"
    ),
    pytest.param(
        "成文日期：2024-07-01 生成日期：2024-07-20", "2024-07-01", id="written-beats-generated"
    ),
    pytest.param("生成日期：2024-07-20", None, id="generated-only-is-no-date"),
    pytest.param(
        "成文日期：2024-07-01 实施日期：2024-09-01", "2024-07-01", id="effective-date-skipped"
    ),
    pytest.param("施行日期：2024-09-01", None, id="effective-only-is-no-date"),
    pytest.param(
        "成文日期：2024-07-01 公开日期：2024-07-12", "2024-07-12", id="disclosure-date-published"
    ),
    pytest.param(
        "印发日期：2024-07-01 日期：2024-07-03", "2024-07-03", id="issued-ranks-with-written"
    ),
    pytest.param("页面生成时间：2024-07-20 10:00", None, id="footer-generation-stamp"),
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


@pytest.mark.parametrize("line", first_values(FIND_DATE_CASES, where=lambda found: found))
def test_find_date_then_parse_agrees_with_parse(line: str) -> None:
    found = find_date(line)
    assert found is not None
    assert found in line
    assert parse_cn_datetime(found, now=NOW) == parse_cn_datetime(line, now=NOW)
