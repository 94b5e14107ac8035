"""Pagination scripts are read as data; every argument order seen in the wild is a row."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.paging import STRATEGIES, next_page_url
from crawler.paging.next_link import next_link
from crawler.paging.scripts import PageCall, parse_create_page_html, parse_page_count_var
from crawler.site.model import Pagination

PAGE = "http://www.example.cn/col/index.html"


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ('createPageHTML(9, 0, "index", "html");', PageCall(9, 0, "index", "html")),
        ("createPageHTML(3, 1, 'index', 'shtml');", PageCall(3, 1, "index", "shtml")),
        # Container id first: the first page is numbered 1.
        ("createPageHTML('page_div',5, 1,'fg','shtml',89);", PageCall(5, 1, "fg", "shtml", 1)),
        ("createPageHTML('page_div',5, 5,'fg','shtml',89);", PageCall(5, 5, "fg", "shtml", 1)),
        # ... unless it says 0: then it counts from 0, as TRS's own form.
        ("createPageHTML('page_div',5, 0,'fg','shtml',89);", PageCall(5, 0, "fg", "shtml", 0)),
        (
            'createPageHTML(89, 1,"index", "shtml", "black2",621);',
            PageCall(89, 1, "index", "shtml"),
        ),
        ('createPageHTML(63, 0, "index", "shtml", "c", 435)', PageCall(63, 0, "index", "shtml")),
        ('var a=1;\n createPageHTML( 2 ,0 , "index" , "htm" ) ;', PageCall(2, 0, "index", "htm")),
        # Article-level continuation pages use the article's base name.
        (
            'createPageHTML(1,0,"t20190918_693227","shtml")',
            PageCall(1, 0, "t20190918_693227", "shtml"),
        ),
    ],
)
def test_create_page_html_variants(script, expected):
    assert parse_create_page_html(script) == expected


@pytest.mark.parametrize(
    "script",
    [
        "",
        "createPageHTML(countPage, currentPage, 'index', 'html')",  # variables: not data
        'createPageHTML(3, 5, "index", "html")',  # current past the end
        'createPageHTML(0, 0, "index", "html")',
        "createPageHTML('page_div',5, 6,'fg','shtml',89)",
        "function createPageHTML(a, b, c, d) { return 1; }",
    ],
)
def test_unreadable_create_page_html_is_none(script):
    assert parse_create_page_html(script) is None


@pytest.mark.parametrize(
    ("call", "page_url", "expected"),
    [
        (PageCall(3, 0, "index", "html"), PAGE, "http://www.example.cn/col/index_1.html"),
        (PageCall(3, 1, "index", "html"), PAGE, "http://www.example.cn/col/index_2.html"),
        (PageCall(3, 2, "index", "html"), PAGE, None),
        (PageCall(1, 0, "index", "html"), PAGE, None),
        # Container-id-first form: page 1 of 3 -> xlist_2, page 2 -> xlist_3, page 3 is last.
        (PageCall(3, 1, "xlist", "shtml", 1), PAGE, "http://www.example.cn/col/xlist_2.shtml"),
        (PageCall(3, 2, "xlist", "shtml", 1), PAGE, "http://www.example.cn/col/xlist_3.shtml"),
        (PageCall(3, 3, "xlist", "shtml", 1), PAGE, None),
    ],
)
def test_next_url_counts_from_the_calls_first_page_number(call, page_url, expected):
    assert call.next_url(page_url) == expected


@pytest.mark.parametrize(
    ("script", "url", "expected"),
    [
        ("var currentPage = 0;//所在页从0开始\nvar countPage = 3//共多少页", PAGE, (3, 0)),
        ("var currentPage = 1;\nvar countPage = 3", PAGE, (3, 1)),
        ("var countPage = 3", "http://x.cn/c/index_2.html", (3, 2)),
        ("var countPage = 1", PAGE, (1, 0)),
    ],
)
def test_page_count_variable(script, url, expected):
    call = parse_page_count_var(script, url)
    assert call is not None and (call.count, call.current) == expected


def test_page_count_variable_absent():
    assert parse_page_count_var("var total = 3", PAGE) is None


@pytest.mark.parametrize(
    ("html", "rule", "expected"),
    [
        (
            '<div class="page"><a class="next" href="index_3.html">下一页</a></div>',
            Pagination("next_link", "a.next::attr(href)"),
            "http://www.example.cn/col/index_3.html",
        ),
        (
            '<span class="next disabled">下一页</span>',
            Pagination("next_link", "a.next::attr(href)"),
            None,
        ),
        (
            '<script>createPageHTML(3, 0, "index", "html");</script>',
            Pagination("create_page_html"),
            "http://www.example.cn/col/index_1.html",
        ),
        (
            "<script>var currentPage = 2;var countPage = 3</script>",
            Pagination("page_count_var"),
            None,
        ),
        ('<a class="next" href="index_3.html">下一页</a>', Pagination("none"), None),
    ],
)
def test_next_page_url_by_strategy(html, rule, expected):
    assert next_page_url(Selector(text=html), PAGE, rule) == expected


NEXT_LINK_CASES = {
    "the words": ("<a href='index_1.html'>下一页</a>", "index_1.html"),
    "a class without text": ("<a class='next-page' href='?page=2'></a>", "?page=2"),
    "an English tooltip": ("<a title='Next page' href='list_2.html'><i></i></a>", "list_2.html"),
    "an image's alt": ("<a href='p2.html'><img src='/i/b.gif' alt='下一页'></a>", "p2.html"),
    "an image button's file": ("<a href='-2.html'><img src='/img/next_page.jpg'></a>", "-2.html"),
    "a bare arrow": ("<a href='index_2.html'>&gt;</a>", "index_2.html"),
    "the previous page's tooltip": ("<a title='上一页' href='index.html'><img></a>", None),
    "a script link": ("<a href='javascript:next()'>下一页</a>", None),
    "a fragment": ("<a href='#page=2'>下一页</a>", None),
    "the words beat an image button": (
        "<a href='a.html'><img src='next.gif'></a><a href='b.html'>下一页</a>",
        "b.html",
    ),
}


@pytest.mark.parametrize(("html", "href"), NEXT_LINK_CASES.values(), ids=NEXT_LINK_CASES.keys())
def test_next_link_recognition(html, href):
    found = next_link(Selector(text=f"<div class='pages'>{html}</div>"))
    assert (found[0].get("href") if found else None) == href


NUMBERED_CASES = {
    "people.com.cn-style page 1": (
        PAGE,
        "<span>1</span><a href='index2.html'>2</a><a href='index3.html'>3</a>",
        "index{n}.html",
        "http://www.example.cn/col/index2.html",
    ),
    "underscored, on page 2": (
        "http://www.example.cn/col/list_2.html",
        "<a href='list.html'>1</a><span>2</span><a href='list_3.html'>3</a>",
        "list_{n}.html",
        "http://www.example.cn/col/list_3.html",
    ),
    "TRS zero-based files are not numbered links": (
        PAGE,
        "<span>1</span><a href='index_1.html'>2</a><a href='index_2.html'>3</a>",
        None,
        None,
    ),
    "numbers that skip the next page": (
        PAGE,
        "<span>1</span><a href='index5.html'>5</a>",
        None,
        None,
    ),
    "a query page number": (PAGE, "<a href='?page=2'>2</a>", None, None),
    # str.isdigit() accepts these, int() refuses them: they are no page number.
    "a circled number": (PAGE, "<a href='index2.html'>②</a>", None, None),
    "a superscript number": (PAGE, "<a href='index2.html'>²</a>", None, None),
}


@pytest.mark.parametrize(
    ("url", "pager", "pattern", "next_url"), NUMBERED_CASES.values(), ids=NUMBERED_CASES.keys()
)
def test_numbered_links_are_recognised_by_their_file_numbers(url, pager, pattern, next_url):
    sel = Selector(text=f"<div class='pages'>{pager}</div>")
    found = STRATEGIES["numbered_link"].recognise(sel, url)
    assert (found.pagination.pattern if found else None) == pattern
    if found:
        assert next_page_url(sel, url, found.pagination) == next_url
