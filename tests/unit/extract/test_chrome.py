"""crawler.extract.chrome: furniture by class/id TOKENS, not substrings; hidden boxes."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.chrome import class_tokens, page_chrome
from crawler.extract.density import guess_body
from crawler.extract.text import paragraphs

TEXT = "<p>　　" + "这是文章正文的一段文字，内容足够长，能让正文识别找到它所在的容器。" * 3 + "</p>"


def _el(marker: str):
    return Selector(text=f"<div {marker}>x</div>").xpath("//div")[0].root


@pytest.mark.parametrize(
    ("marker", "tokens"),
    [
        ("class='list_con'", {"list", "con"}),
        ("class='leftNav'", {"left", "nav"}),
        ("class='hot-list box2'", {"hot", "list", "box"}),
        ("id='TRS_Editor'", {"trs", "editor"}),
        ("class='photo' id='inside'", {"photo", "inside"}),
        ("class='canvas'", {"canvas"}),
    ],
)
def test_class_tokens(marker: str, tokens: set[str]) -> None:
    assert class_tokens(_el(marker)) == tokens


@pytest.mark.parametrize(
    ("marker", "furniture"),
    [
        pytest.param("class='nav'", True, id="nav"),
        pytest.param("class='topNav'", True, id="camel-case-nav"),
        pytest.param("class='hot-list'", True, id="hot-list"),
        pytest.param("id='share_box'", True, id="share-box"),
        pytest.param("class='footer'", True, id="footer"),
        pytest.param("class='photo'", False, id="photo-is-not-hot"),
        pytest.param("class='inside'", False, id="inside-is-not-side"),
        pytest.param("class='canvas'", False, id="canvas-is-not-nav"),
        pytest.param("class='navigator2020'", False, id="a-longer-word"),
        pytest.param("class='content' style='display:none'", True, id="hidden"),
    ],
)
def test_body_furniture_by_token(marker: str, furniture: bool) -> None:
    html = f"<html><body><div {marker}><p>正文</p></div>{TEXT * 3}</body></html>"
    root = Selector(text=html).root
    box = root.xpath("//p")[0]
    assert page_chrome(root).body_furniture(box) is furniture


# Beside the article: a long list of links and a site notice longer than a short body.
LINKS = "".join(f"<li><a href='/{i}'>侧栏推荐的另一篇文章的标题第{i}篇</a></li>" for i in range(30))
NOTICE = (
    "<div class='note'><p>　　温馨提示：本网站部分信息来源于网络，如有侵权请联系我们删除，"
    "谢谢合作与支持！请使用新版浏览器访问本站，以获得更好的浏览体验。</p></div>"
)
SHORT_TEXT = "<p>　　" + "这是文章正文的一段文字，内容足够长。" * 5 + "</p>"


COMMENTS = "<div class='item'><p>网友的一条评论，说了一些看法和感受。</p></div>" * 4
FLASHES = "<ul>" + "<li><p>一条没有链接的快讯，说了一件事情的经过。</p></li>" * 4 + "</ul>"


@pytest.mark.parametrize(
    ("box", "furniture"),
    [
        pytest.param(f"<div class='list'><ul>{LINKS}</ul></div>", True, id="list-of-links"),
        pytest.param(f"<div class='news-list'><ul>{LINKS}</ul></div>", True, id="news-list"),
        pytest.param(f"<div class='list'>{COMMENTS}</div>", True, id="list-of-item-blocks"),
        pytest.param(f"<div class='list'>{FLASHES}</div>", True, id="list-items-without-links"),
        pytest.param(f"<div class='list_con'>{SHORT_TEXT}</div>", False, id="list-named-text"),
        pytest.param(
            "<div class='list_con'>" + "<p class='MsoNormal'>正文的一段文字。</p>" * 4 + "</div>",
            False,
            id="word-pasted-paragraphs",
        ),
    ],
)
def test_list_names_are_furniture_only_for_lists(box: str, furniture: bool) -> None:
    # The page's article is longer than the box: the box is no layout wrapper.
    html = f"<html><body>{box}{TEXT * 8}</body></html>"
    root = Selector(text=html).root
    assert page_chrome(root).body_furniture(root.xpath("//div")[0]) is furniture


@pytest.mark.parametrize(
    "container",
    ["list_con", "photo_text", "inside_article", "canvas-wrap", "newsListCon"],
)
def test_body_found_in_containers_whose_names_hold_furniture_substrings(container: str) -> None:
    html = (
        f"<html><body><div class='{container}'>{SHORT_TEXT}</div>"
        f"<ul class='news'>{LINKS}</ul>{NOTICE}</body></html>"
    )
    body = guess_body(Selector(text=html).root)
    assert body is not None
    assert body.get("class") == container
    assert paragraphs(body)[0].startswith("　　这是文章正文")


def test_list_of_teasers_beside_the_body_stays_furniture() -> None:
    teasers = "".join(
        f"<li><a href='/{i}'>另一篇文章的标题第{i}篇</a><p>它的导语，有二十来个字的样子。</p></li>"
        for i in range(8)
    )
    html = (
        f"<html><body><div class='article'>{SHORT_TEXT}</div>"
        f"<ul class='news-list'>{teasers}</ul></body></html>"
    )
    body = guess_body(Selector(text=html).root)
    assert body is not None
    assert body.get("class") == "article"
