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


# Every CSS selector of the shipped profiles, and the CSS shapes whose translation ends in
# predicates (sibling combinators, structural pseudo-classes, text and attribute results):
# searched from the document, `/descendant::` must select what `//` selects.
SHAPES = [
    "li:first-child a", "li:last-child", "li:nth-child(2)", "li:nth-of-type(2n+1)",
    "p:first-of-type", "p:only-child", "h1 + div", "h1 ~ div", "div > p:not(:first-child)",
    "a[href$='.html']::attr(href)", "p::text", "div.c p, h1", "*:empty", "td:nth-last-child(1)",
    ":scope", ":scope::text", "p:scope", ":SCOPE > body",
]  # fmt: skip


def _profile_css() -> list[str]:
    from crawler.site.loading import iter_profiles  # noqa: PLC0415
    from crawler.site.selectors import is_xpath  # noqa: PLC0415

    found: set[str] = set()

    def collect(value: Any) -> None:
        if isinstance(value, str) and value and not is_xpath(value):
            found.add(value)
        elif isinstance(value, dict):
            for v in value.values():
                collect(v)
        elif isinstance(value, list | tuple):
            for v in value:
                collect(v)
        elif hasattr(value, "__dataclass_fields__"):
            collect({name: getattr(value, name) for name in value.__dataclass_fields__})

    for profile in iter_profiles():
        collect(profile.article)
        collect(profile.list)
    return sorted(found)


def test_document_css_prefix_selects_what_double_slash_selects() -> None:
    from pathlib import Path  # noqa: PLC0415

    from parsel.csstranslator import HTMLTranslator  # noqa: PLC0415

    from crawler.site.selectors import document_css  # noqa: PLC0415

    translator = HTMLTranslator()
    fixtures = Path(__file__).resolve().parents[2] / "fixtures"
    pages = [PAGE, *(p.read_text(encoding="utf-8", errors="replace")
                     for p in sorted(fixtures.glob("*/*.*htm*")))]  # fmt: skip
    selectors = _profile_css()
    assert len(selectors) > 20, "the profiles' CSS selectors were not found"
    compared = 0
    for text in pages:
        root = Selector(text=text).root
        for css in [*selectors, *SHAPES]:
            slash = root.xpath(translator.css_to_xpath(css, prefix="//"))
            prefixed = root.xpath(document_css(css))
            assert prefixed == slash, css
            compared += bool(slash)
    assert compared > 50  # the selectors matched something, so the comparison means something
