"""crawler.extract.bands: the text walk after an element, and where a band stops."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.bands import _subtree_text, header_band
from crawler.extract.chrome import page_chrome


def _root(html: str):
    return Selector(text=html).root


# (box, [(text, tag of the element it renders in)]): document order, a tail after its
# element's subtree and in the parent, nothing of comments, scripts or hidden boxes (their
# tails stay: they are visible), no blank nodes (indentation, a lone U+3000).
SUBTREE_CASES = [
    ("<div>a</div>", [("a", "div")]),
    (
        "<div>a<p>b<b>c</b>d</p>e</div>",
        [("a", "div"), ("b", "p"), ("c", "b"), ("d", "p"), ("e", "div")],
    ),
    (
        "<div><p><span><i>深</i>1</span>2</p>3</div>",
        [("深", "i"), ("1", "span"), ("2", "p"), ("3", "div")],
    ),
    ("<div>a<!-- c -->b<script>s</script>t</div>", [("a", "div"), ("b", "div"), ("t", "div")]),
    ("<div><span style='display:none'>x</span>y</div>", [("y", "div")]),
    ("<div style='display:none'>x<p>y</p></div>", []),
    ("<div>\n  <p> 甲 </p>\n  <p>\u3000</p>\n</div>", [(" 甲 ", "p")]),
]


@pytest.mark.parametrize(("box", "expected"), SUBTREE_CASES)
def test_subtree_text_order(box: str, expected: list[tuple[str, str]]) -> None:
    el = _root(f"<html><body>{box}</body></html>").xpath("//body/*")[0]
    assert [(text, owner.tag) for text, owner in _subtree_text(el)] == expected


# The band from the headline stops at the body, also when the text that reaches it first is
# nested deep inside it or when the body holds the headline itself.
STOP_PAGE = (
    "<html><body><div><h1>标题</h1><div class='info'>来源：某某网</div></div>"
    "<div id='body'><div><p><span>正文第一句</span></p></div></div></body></html>"
)


@pytest.mark.parametrize("with_chrome", [False, True])
def test_header_band_stops_at_nested_body_text(with_chrome: bool) -> None:
    root = _root(STOP_PAGE)
    chrome = page_chrome(root) if with_chrome else None
    band = header_band(root, root.xpath("//h1")[0], root.xpath("//div[@id='body']")[0], 400, chrome)
    assert band == "来源：某某网"


def test_header_band_of_a_headline_inside_the_body_is_empty() -> None:
    root = _root("<html><body><div id='body'><h1>标题</h1><p>正文</p></div></body></html>")
    band = header_band(root, root.xpath("//h1")[0], root.xpath("//div[@id='body']")[0])
    assert band == ""


# Between headline and body: the entries of a list of links to other pages are not read
# (their dates are theirs); a byline row made of <li> fields, links included, is.
ENTRY_CASES = [
    pytest.param(
        "<div class='info'>访问量：12</div><div class='rel'><h3>关联稿件：</h3><ul><li>"
        "<a href='/a/202307/t1.shtml'>图文解读：《某县2022年统计公报》</a>"
        "<span class='time'>2023-07-12</span></li></ul></div>",
        "访问量：12  关联稿件：", id="related-list-entry"),
    pytest.param(
        "<ul class='info'><li>发布时间：2024-01-02</li><li>来源：<a href='http://www.people.com.cn/'>"
        "人民网</a></li></ul>",
        "发布时间：2024-01-02  来源： 人民网", id="byline-row-in-li"),
    pytest.param(
        "<ul><li><a href='/author/zhang.html'>张三的全部文章与专栏合集</a> 来源：某某报</li></ul>",
        "张三的全部文章与专栏合集  来源：某某报", id="labelled-entry-kept"),
    pytest.param(
        "<ul><li><a href='javascript:void(0)'>分享到微信朋友圈和微博</a></li>"
        "<li><a href='#comment'>查看全部评论参与讨论</a></li></ul><p>2024-03-04</p>",
        "分享到微信朋友圈和微博  查看全部评论参与讨论  2024-03-04", id="script-links-kept"),
    pytest.param(
        "<ul><li><a href='/a.html'>短标题</a><span>2024-05-06</span></li></ul>",
        "短标题  2024-05-06", id="short-link-kept"),
    pytest.param(
        "<ul class='info'><li>2023年07月12日 10:20 <a href='http://www.12371.cn/'>共产党员网 "
        "www.12371.cn</a></li></ul>",
        "2023年07月12日 10:20  共产党员网 www.12371.cn", id="source-home-link-kept"),
    pytest.param(
        "<ul class='info'><li>来源 <a href='http://cpc.people.com.cn/n1/index.html'>中国共产党新闻网"
        "</a> 2023-07-12</li></ul>",
        "来源  中国共产党新闻网  2023-07-12", id="label-without-colon-kept"),
    pytest.param(
        "<ul class='info'><li>【来源】<a href='/zt/rmrb.html'>人民日报海外版专栏</a> 2023-07-12"
        "</li></ul>",
        "【来源】  人民日报海外版专栏  2023-07-12", id="bracketed-label-kept"),
    pytest.param(
        "<ul class='info'><li><a href='/col/zzjs/'>组织建设工作动态信息</a> 发布于 2023-07-12"
        "</li></ul>",
        "组织建设工作动态信息  发布于 2023-07-12", id="posted-on-without-colon-kept"),
]  # fmt: skip


@pytest.mark.parametrize(("between", "band"), ENTRY_CASES)
def test_header_band_skips_link_list_entries(between: str, band: str) -> None:
    root = _root(
        f"<html><body><h1>标题</h1>{between}<div id='body'><p>正文第一句。</p></div></body></html>"
    )
    got = header_band(root, root.xpath("//h1")[0], root.xpath("//div[@id='body']")[0])
    assert got == band


def test_trailer_band_still_reads_link_entries() -> None:
    from crawler.extract.bands import trailer_band  # noqa: PLC0415

    root = _root(
        "<html><body><div id='body'><p>正文。</p></div><ul><li><a href='/b.html'>"
        "另一篇文章的标题文字</a><span>2024-01-01</span></li></ul></body></html>"
    )
    assert trailer_band(root.xpath("//div[@id='body']")[0]) == "另一篇文章的标题文字  2024-01-01"
