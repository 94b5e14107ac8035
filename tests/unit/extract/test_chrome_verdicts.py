"""crawler.extract.chrome: verdicts computed top-down once, the same in any order of asking."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.chrome import _outside_under, _sizes_reach, page_chrome

ARTICLE = "这是一段足够长的正文文字。" * 20

# A page whose text is mostly inside furniture-named wrappers (`div.post_header` around the
# article: 163.com), with small furniture boxes nested in furniture boxes (a nav list in a
# nav bar, a side list in a sidebar, a nav list in a header-named box), a hidden box and a
# header box.
PAGE = f"""<html><body>
<div class="nav"><ul class="nav-list"><li id="in-nav"><span>首页</span></li></ul></div>
<div class="post_header"><div class="share-box"><span id="in-share">分享</span></div>
  <div class="side-wrap"><p id="in-wrapped-article">{ARTICLE}</p></div></div>
<div class="sidebar"><div class="hot-list"><p id="in-side">热点</p></div></div>
<div style="display:none"><p id="in-hidden">隐藏</p></div>
<header><p id="in-header">报头</p></header>
<div class="header-box"><ul class="nav"><li id="in-header-nav">导航</li></ul></div>
<div class="main"><p id="plain">正文</p></div>
</body></html>"""

# element id -> (body furniture, by tag and visibility only, title furniture, visible)
VERDICTS = [
    ("in-nav", (True, False, True, True)),
    ("in-share", (True, False, True, True)),
    ("in-wrapped-article", (False, False, False, True)),
    ("in-side", (True, False, True, True)),
    ("in-hidden", (True, True, True, False)),
    ("in-header", (True, True, False, True)),
    ("plain", (False, False, False, True)),
    # A named box inside a smaller named box (measured already): no wrapper either.
    ("in-header-nav", (True, False, True, True)),
]


@pytest.mark.parametrize("order", ["page", "reversed", "visibility-first"])
@pytest.mark.parametrize(("el_id", "expected"), VERDICTS)
def test_verdicts(order: str, el_id: str, expected: tuple[bool, bool, bool, bool]) -> None:
    root = Selector(text=PAGE).root
    chrome = page_chrome(root)
    # Verdicts are remembered per element: asking for the others first (in either order)
    # must not change this one's.
    others = [el for el in root.iter() if el.get("id") and el.get("id") != el_id]
    el = root.xpath(f"//*[@id='{el_id}']")[0]
    if order == "visibility-first":
        # Visibility alone is remembered apart from the full verdicts (the bands ask it).
        for other in [*others, el]:
            chrome.visible(other)
        visible = chrome.visible(el)
    else:
        for other in others if order == "page" else reversed(others):
            chrome.body_furniture(other)
        visible = None
    got = (
        chrome.body_furniture(el),
        chrome.body_furniture(el, by_name=False),
        chrome.title_furniture(el),
        chrome.visible(el) if visible is None else visible,
    )
    assert got == expected


# (item texts, limit, the sizes add up past it): measured one by one until they do.
SIZE_SUM_CASES = [
    (["一二三", "四五六"], 5.0, True),
    (["一二三", "四五六"], 6.0, False),
    (["一二三", "四五六"], -1.0, True),
    ([], -1.0, True),
    ([], 0.0, False),
]


@pytest.mark.parametrize(("texts", "need", "over"), SIZE_SUM_CASES)
def test_outside_under(texts: list[str], need: float, over: bool) -> None:
    html = "<html><body><ul>" + "".join(f"<li> {t} </li>" for t in texts) + "</ul></body></html>"
    items = list(Selector(text=html).root.iter("li"))
    assert _outside_under(need, items) is over


# (link texts, threshold, the sizes reach it)
SIZE_REACH_CASES = [
    (["一二三", "四五六"], 6.0, True),
    (["一二三", "四五六"], 7.0, False),
    (["一二三"], 0.0, True),
    ([], 0.0, True),
    ([], 1.0, False),
]


@pytest.mark.parametrize(("texts", "threshold", "reached"), SIZE_REACH_CASES)
def test_sizes_reach(texts: list[str], threshold: float, reached: bool) -> None:
    html = (
        "<html><body><p>" + "".join(f"<a href='/x'>{t}</a>" for t in texts) + "</p></body></html>"
    )
    links = list(Selector(text=html).root.iter("a"))
    assert _sizes_reach(threshold, links) is reached
