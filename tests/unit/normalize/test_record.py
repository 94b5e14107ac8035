"""finalize_record: raw extracted values -> the exported record, as every crawl exports it."""

from __future__ import annotations

import datetime

from crawler.normalize.dates import SHANGHAI
from crawler.normalize.record import NO_FUTURE_CHECK, Reject, finalize_record

NOW = datetime.datetime(2026, 11, 28, 12, 0, tzinfo=SHANGHAI)
BODY = "面对新冠肺炎疫情防控的严峻考验，崇明区新海镇党委认真贯彻落实。\n分享到：微信 微博"
RAW = {
    "url": "http://www.shjcdj.cn/jcdj/202005/t20200513_1001.html",
    "title": "  崇明区新海镇：“三个到位”  _上海基层党建网",
    "published_raw": "2020年5月13日 00:00",
    "source": "来源：崇明区委组织部 作者：张三 责任编辑：李四",
    "body": BODY,
}


def _final(raw=None, **kwargs):
    options = {"site_names": ["上海基层党建网"], "now": NOW, "min_body_chars": 20, **kwargs}
    return finalize_record(RAW if raw is None else raw, **options)


def test_raw_values_become_the_exported_ones():
    final = _final()
    assert final.title == "崇明区新海镇：“三个到位”"
    # Schema 2: always a full timestamp; the precision says the page gave a day only.
    assert (final.published_at, final.published_date) == ("2020-05-13T00:00:00+08:00", "2020-05-13")
    assert final.published_precision == "day"
    assert final.date_status == "parsed"
    # A combined byline in one field fills the others.
    assert (final.source, final.author, final.editor) == ("崇明区委组织部", "张三", "李四")
    assert final.authors == ["张三"]
    assert final.body == "面对新冠肺炎疫情防控的严峻考验，崇明区新海镇党委认真贯彻落实。"
    assert final.reject is None
    assert final.fingerprint and len(final.fingerprint) == 40
    assert set(final.values()) == {
        "title", "published_at", "published_precision", "published_date", "source", "author",
        "authors", "editor", "body", "fingerprint",
    }  # fmt: skip


def test_date_outcomes_the_pipeline_counts():
    assert _final({**RAW, "published_raw": None}).date_status == "missing"
    unparseable = _final({**RAW, "published_raw": "发布时间：待定"})
    assert (unparseable.date_status, unparseable.published_at) == ("unparseable", None)
    future = {**RAW, "published_raw": "2027-01-01"}
    assert _final(future).date_status == "unparseable"
    assert _final(future, now=NO_FUTURE_CHECK).published_date == "2027-01-01"


def test_rejects_carry_no_fingerprint():
    # A title that is only the portal's name (a bare <title>) is no title.
    bare = _final({**RAW, "title": "上海基层党建网"})
    assert (bare.title, bare.reject, bare.fingerprint) == (None, Reject("missing_title"), None)
    assert _final({**RAW, "url": ""}).reject == Reject("missing_url")
    short = _final({**RAW, "body": "分享到：微信 微博\n短"})
    assert short.reject == Reject("body_too_short", "1 characters, need 20")
    assert short.body == "短"


def test_published_at_is_one_type_with_its_precision():
    cases = {
        "2020年5月13日 00:00": ("2020-05-13T00:00:00+08:00", "day"),
        "2021-10-22": ("2021-10-22T00:00:00+08:00", "day"),
        "2022-01-05 09:30": ("2022-01-05T09:30:00+08:00", "minute"),
        "发布时间：2024-05-13 08:49:21": ("2024-05-13T08:49:21+08:00", "second"),
        "2021-03-05T02:20:00Z": ("2021-03-05T10:20:00+08:00", "second"),
    }
    for raw, expected in cases.items():
        final = _final({**RAW, "published_raw": raw})
        assert (final.published_at, final.published_precision) == expected, raw
    missing = _final({**RAW, "published_raw": None})
    assert (missing.published_at, missing.published_precision) == (None, None)


def test_the_content_digest_ignores_where_a_page_was_served_and_stored():
    from crawler.normalize.record import content_digest  # noqa: PLC0415

    record = {
        "url": "http://127.0.0.1:8000/jcdj/a.html",
        "title": "标题",
        "body": "正文",
        "breadcrumb": ["党建首页", "基层党建"],
        "images": ["http://127.0.0.1:8000/images//2020/5/13/1.jpg"],
        "attachments": [{"url": "http://127.0.0.1:8000/files/a.pdf", "name": "附件"}],
        "files": [{"url": "http://127.0.0.1:8000/files/a.pdf", "status": "downloaded"}],
    }
    # The same page from a mirror on another port, its file already stored: unchanged.
    mirrored = {
        **record,
        "images": ["http://127.0.0.1:9000/images//2020/5/13/1.jpg"],
        "attachments": [{"url": "http://127.0.0.1:9000/files/a.pdf", "name": "附件"}],
        "files": [{"url": "http://127.0.0.1:9000/files/a.pdf", "status": "uptodate"}],
    }
    assert content_digest(mirrored) == content_digest(record)
    # Another image, a renamed attachment or a fixed breadcrumb is a change.
    assert content_digest({**record, "images": ["http://127.0.0.1:8000/images/2.jpg"]}) != (
        content_digest(record)
    )
    renamed = {**record, "attachments": [{"url": "http://x/files/a.pdf", "name": "通知"}]}
    assert content_digest(renamed) != content_digest(record)
    assert content_digest({**record, "breadcrumb": ["首页"]}) != content_digest(record)
