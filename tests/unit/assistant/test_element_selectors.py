"""Absolute XPaths of the assistant's last-resort selectors must compile and match."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.assistant.element_selectors import _absolute_xpath
from crawler.site.selectors import select

CASES = {
    # sohu.com templates print their include tags with a prefix; lxml keeps 'a:b' as a name.
    "a prefixed template tag": (
        "<html><body><sohu_cms_include:news><p>a</p><p>b</p></sohu_cms_include:news></body></html>",
        "b",
        "/html/body/*[name()='sohu_cms_include:news']/p[2]",
    ),
    "plain tags with siblings": (
        "<html><body><div><p>a</p></div><div><p>b</p><span>c</span></div></body></html>",
        "c",
        "/html/body/div[2]/span",
    ),
}


@pytest.mark.parametrize(("html", "text", "xpath"), CASES.values(), ids=CASES.keys())
def test_absolute_xpath_compiles_and_matches_the_element(html, text, xpath):
    sel = Selector(text=html)
    el = next(e for e in sel.root.iter() if isinstance(e.tag, str) and e.text == text)
    assert _absolute_xpath(el) == xpath
    assert [m.root for m in select(sel, xpath)] == [el]
