"""crawler.site.selectors: select_roots gives the roots of select's matches."""

from __future__ import annotations

from typing import Any

import pytest
from parsel import Selector

from crawler.site.selectors import select, select_roots

PAGE = (
    "<html><body><div class='crumb'>首页 &gt; 要闻</div><h1 class='t'>标题</h1>"
    "<div class='c'><p>一</p><p>二</p><a href='/a.pdf'>附件</a></div></body></html>"
    "<html><body><div class='c'><p>三</p></div></body></html>"
)

# (selector, the roots' values): CSS and XPath, elements, text and attribute results, a
# number, an EXSLT regular expression (`re:`, mapped by parsel), nothing, and the rest of a
# page after a stray '</html>' (a second top-level <html>, searched by document-wide CSS).
CASES = [
    ("h1.t", ["h1"]),
    ("div.c p", ["p", "p", "p"]),
    ("div.c a::attr(href)", ["/a.pdf"]),
    ("h1::text", ["标题"]),
    ("//div[@class='c']/p/text()", ["一", "二", "三"]),
    ("(count(//p))", [3.0]),
    ("//h1[re:test(@class, '^t$')]", ["h1"]),
    ("div.nothing", []),
]


def _values(roots: list[Any]) -> list[Any]:
    return [getattr(r, "tag", r) for r in roots]


@pytest.mark.parametrize(("selector", "expected"), CASES)
def test_select_roots_on_a_page(selector: str, expected: list[Any]) -> None:
    sel = Selector(text=PAGE)
    assert _values(select_roots(sel, selector)) == expected
    assert _values([m.root for m in select(sel, selector)]) == expected


# Inside one match (a list entry): CSS and relative XPath stay inside it.
ENTRY_CASES = [("p", ["p", "p"]), ("./p/text()", ["一", "二"]), ("a::attr(href)", ["/a.pdf"])]


@pytest.mark.parametrize(("selector", "expected"), ENTRY_CASES)
def test_select_roots_inside_a_match(selector: str, expected: list[Any]) -> None:
    entry = Selector(text=PAGE).css("div.c")[0]
    assert _values(select_roots(entry, selector)) == expected
    assert _values([m.root for m in select(entry, selector)]) == expected


def test_select_roots_of_a_selector_list_and_of_xml() -> None:
    matches = Selector(text=PAGE).xpath("//div[@class='c']")
    assert _values(select_roots(matches, "p")) == ["p", "p", "p"]
    # An XML document (Hanweb data proxies) goes the way select goes.
    xml = Selector(text="<r><Item>x</Item><item>y</item></r>", type="xml")
    for selector in ("item", "//Item", "//item/text()"):
        assert select_roots(xml, selector) == [m.root for m in select(xml, selector)]
    assert select_roots(xml, "//Item/text()") == ["x"]


def test_select_roots_bad_xpath() -> None:
    with pytest.raises(ValueError, match="XPath error"):
        select_roots(Selector(text=PAGE), "//p[")
