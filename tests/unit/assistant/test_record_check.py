"""crawler.assistant.record_check.exported_record: the record a crawl exports, on a snippet."""

from __future__ import annotations

from parsel import Selector

from crawler.assistant.record_check import exported_record
from crawler.normalize.record import NO_FUTURE_CHECK

BODY_TEXT = "　　" + "这是正文的一段文字，内容足够长，用于让正文识别找到这个容器。" * 3


def test_exported_record_carries_the_subtitle() -> None:
    # The crawl's Article keeps the 引题 the headline box printed; so must this record.
    html = (
        "<html><head><title>某某标题——要闻——某某网站</title></head><body><div class='main'>"
        "<h2 class='tit'><p><span style='font-family: 楷体'>推进某某工作高质量发展</span></p>"
        "<p>常态长效深化落实</p></h2><h3>来源：某某网站 发布时间：2024-12-30 06:47</h3>"
        f"<div class='TRS_Editor'><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p></div></div></body></html>"
    )
    record = exported_record(
        Selector(text=html),
        "http://example.org/a.html",
        None,
        now=NO_FUTURE_CHECK,
        min_body_chars=0,
    )
    assert (record["title"], record["subtitle"]) == ("常态长效深化落实", "推进某某工作高质量发展")
