"""crawler.extract.values: texts of profile selector matches."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.values import first_text, http_url, root_texts, texts
from crawler.site.selectors import select_roots

PAGE = (
    "<html><body><h1 class='t'> </h1><h1 class='t'>标题<br>第二行</h1>"
    "<span class='d'>2024-07-12</span><a class='a' href=' /x.html '>链接</a></body></html>"
)

# (selector, texts): elements as their one-line text, text and attribute results as they
# are, whitespace collapsed, empty matches left out.
CASES = [
    ("h1.t", ["标题 第二行"]),
    ("span.d::text", ["2024-07-12"]),
    ("a.a::attr(href)", ["/x.html"]),
    ("div.none", []),
]


@pytest.mark.parametrize(("selector", "expected"), CASES)
def test_texts(selector: str, expected: list[str]) -> None:
    sel = Selector(text=PAGE)
    assert texts(sel, selector) == expected
    assert root_texts(select_roots(sel, selector)) == expected
    assert first_text(sel, selector) == (expected[0] if expected else None)


def test_first_text_without_selector() -> None:
    assert first_text(Selector(text=PAGE), None) is None


def test_http_url_of_an_unparseable_href_is_none() -> None:
    # urljoin raises ValueError on an unclosed IPv6 bracket ('http://[x'): no URL, no error.
    assert http_url("http://a.gov.cn/a.html", "http://[a.gov.cn/x.html") is None
