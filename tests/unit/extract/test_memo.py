"""PerElement: one computation per element proxy, and plain lxml elements still answered."""

from __future__ import annotations

from lxml import etree, html

from crawler.extract.memo import PerElement


def test_computed_once_per_element() -> None:
    calls: list[str] = []

    def tag_of(el: etree._Element) -> str:
        calls.append(el.tag)
        return el.tag

    memo = PerElement(tag_of)
    root = html.fromstring("<div><p>a</p><span>b</span></div>")
    p, span = root[0], root[1]
    assert [memo(p), memo(p), memo(span), memo(p)] == ["p", "p", "span", "p"]
    assert calls == ["p", "span"]


def test_plain_lxml_element_is_computed_each_time() -> None:
    calls: list[str] = []
    memo = PerElement(lambda el: calls.append(el.tag) or len(calls))
    el = etree.fromstring("<p>a</p>")  # lxml.etree elements take no weak reference
    assert [memo(el), memo(el)] == [1, 2]
