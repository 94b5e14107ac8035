"""Markup kept in comments for a script to show: which comments are read, and how."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.comments import commented_lists, uncommented_page
from crawler.extract.lists import extract_list, list_page
from crawler.site.model import ListSelectors

ENTRIES = (
    "<li><a href='/c/202511/1.shtml' title='一号通知'>一号通知</a><b>2025-11-17</b></li>"
    "<li><a href='/c/202510/2.shtml' title='二号通知'>二号通知</a><b>2025-10-20</b></li>"
    "<li><a href='/c/202509/3.shtml' title='三号通知'>三号通知</a><b>2025-09-30</b></li>"
)


def page(body: str) -> Selector:
    return Selector(text=f"<html><body>{body}</body></html>")


@pytest.mark.parametrize(
    ("body", "entries"),
    [
        # The only content of the list element (white space around it): read.
        (f"<ul class='xxgk'>\n  <!--\n{ENTRIES}\n  -->\n</ul>", 3),
        # Beside live entries: a retired block, left alone.
        (f"<ul class='xxgk'><li><a href='/live.shtml'>现行</a></li><!-- {ENTRIES} --></ul>", 1),
        # Beside text: not the element's whole content.
        (f"<ul class='xxgk'>暂无<!-- {ENTRIES} --></ul>", 0),
    ],
)
def test_only_a_comment_that_is_the_whole_content_is_read(body, entries):
    shown = uncommented_page(page(body))
    assert len(shown.css("ul.xxgk > li")) == entries


@pytest.mark.parametrize(
    "dead",
    [
        "<!-- 列表由脚本生成 -->",  # a note
        "<!--[if lt IE 9]><p>暂无相关信息，请升级浏览器</p><![endif]-->",  # IE only
        "<!-- <script>createPageHTML(40, 0, 'index', 'shtml');</script> -->",  # a retired pager
        "<!-- <li><a href='<#=item.url#>'><#=item.title#></a></li> -->",  # a script template
        "<!--<html>-->",  # lxml would take these for whole documents
        "<!--<!DOCTYPE html>-->",
    ],
)
def test_a_comment_without_linked_markup_stays_a_comment(dead):
    sel = page(f"<div class='dead'>{dead}</div><ul class='xxgk'><!-- {ENTRIES} --></ul>")
    shown = uncommented_page(sel)
    assert len(shown.css("ul.xxgk > li")) == 3
    assert shown.css("div.dead").get() == sel.css("div.dead").get()


def test_several_comments_of_one_element_keep_their_order():
    sel = page(
        "<div id='x'><!-- <a href='/1.html'>一</a> --><!-- 二 <a href='/2.html'>二</a> --></div>"
    )
    shown = uncommented_page(sel)
    assert shown.css("#x").get() == (
        '<div id="x"><a href="/1.html">一</a>二 <a href="/2.html">二</a></div>'
    )


def test_the_page_itself_is_not_changed():
    sel = page(f"<ul class='xxgk'><!-- {ENTRIES} --></ul>")
    shown = uncommented_page(sel)
    assert len(shown.css("ul.xxgk > li")) == 3
    assert sel.css("ul.xxgk > li") == []
    assert len(sel.xpath("//comment()")) == 1


def test_table_rows_and_a_pager_script_in_the_comment_are_read_in_place():
    sel = page(
        "<h1>文件</h1><table><tbody><!-- <tr><td><a href='/1.html'>甲</a></td></tr>"
        "<tr><td><a href='/2.html'>乙</a></td></tr> --></tbody></table>"
        "<div id='list'><!-- 前文 <a href='/3.html'>丙</a><script>"
        "createPageHTML('page_div',2, 1,'list','shtml',4);</script> --></div><p>尾</p>"
    )
    shown = uncommented_page(sel)
    assert shown.css("tbody > tr a::text").getall() == ["甲", "乙"]
    assert shown.css("#list::text").get().strip() == "前文"
    assert "createPageHTML" in shown.css("#list script::text").get()
    assert shown.css("h1::text").get() == "文件" and shown.css("p::text").get() == "尾"


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (f"<ul class='a'><!-- {ENTRIES} --></ul>", [("ul", 3)]),
        # Script-template placeholders are not links (news.163.com list pages).
        (
            (
                "<ul class='a'><!-- <li><a href='<#=url#>'>x</a></li><li><a href='{{u}}'>y</a></li>"
                " --></ul>"
            ),
            [],
        ),
        (f"<ul class='a'><li>live</li><!-- {ENTRIES} --></ul>", []),
    ],
)
def test_commented_lists(body, found):
    sel = page(body)
    assert [(el.tag, n) for el, n in commented_lists(sel.root, 2)] == found


def test_commented_html_source_reads_the_comment_and_html_source_does_not():
    sel = page(f"<div class='main'><ul class='xxgk'><!-- {ENTRIES} --></ul></div>")
    url = "http://jyt.example.cn/c/zwgklist.shtml"
    rules = ListSelectors(entry="ul.xxgk > li", title="a::attr(title)", date="b")
    commented = ListSelectors(**{**rules.__dict__, "source": "commented_html"})
    assert extract_list(list_page(sel, rules), url, rules) == []
    entries = extract_list(list_page(sel, commented), url, commented)
    assert [(e.url, e.title, e.date_raw) for e in entries] == [
        ("http://jyt.example.cn/c/202511/1.shtml", "一号通知", "2025-11-17"),
        ("http://jyt.example.cn/c/202510/2.shtml", "二号通知", "2025-10-20"),
        ("http://jyt.example.cn/c/202509/3.shtml", "三号通知", "2025-09-30"),
    ]
