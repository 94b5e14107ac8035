"""crawler.extract.text: one-line and paragraph text of small inline HTML snippets."""

from __future__ import annotations

import pytest
from lxml import html
from parsel import Selector

from crawler.extract.text import first_in_document, inline_text, paragraphs


def _el(snippet: str):
    return html.fragment_fromstring(snippet)


# (snippet, inline_text, paragraphs). inline_text collapses the joined text once instead of
# every text node first: the cases pin that both give the same line, around tails, comments,
# skipped and hidden boxes, <br> and nested blocks.
TEXT_CASES = [
    ("<div>标题</div>", "标题", ["标题"]),
    ("<div>  a \n\t b  </div>", "a b", ["a b"]),
    ("<div>a<!-- 注释 -->b</div>", "ab", ["ab"]),
    ("<div>a<script>var x;</script>b</div>", "ab", ["ab"]),
    ("<div>a<span style='display: none'>隐藏</span>b</div>", "ab", ["ab"]),
    ("<div>a<span hidden>隐藏</span> b</div>", "a b", ["a b"]),
    ("<div>第一行<br>第二行</div>", "第一行 第二行", ["第一行", "第二行"]),
    ("<div><p>段一</p><p>段二</p>尾</div>", "段一 段二 尾", ["段一", "段二", "尾"]),
    ("<div><b>粗</b>  <i>斜</i>\n</div>", "粗 斜", ["粗 斜"]),
    ("<div>\u3000\u3000缩进</div>", "\u3000\u3000缩进", ["\u3000\u3000缩进"]),
    ("<div><p> </p>\n<p>\n</p></div>", "", []),
    ("<DIV>A<P>b</P>c</DIV>", "A b c", ["A", "b", "c"]),
]


@pytest.mark.parametrize(("snippet", "line", "lines"), TEXT_CASES)
def test_inline_text_and_paragraphs(snippet: str, line: str, lines: list[str]) -> None:
    el = _el(snippet)
    assert inline_text(el) == line
    assert paragraphs(el) == lines


def test_own_tail_is_outside_the_element() -> None:
    el = _el("<div><span>内</span>外</div>")[0]
    assert inline_text(el) == "内"
    assert paragraphs(el) == ["内"]


# (page, tag, text of the first such element of the document or None): what `(//tag)[1]`
# selects, also past a stray '</html>' (the rest of the page is a second top-level <html>).
FIRST_CASES = [
    ("<html><head><title>甲</title></head><body><title>乙</title></body></html>", "title", "甲"),
    ("<html><body><p>无</p></body></html>", "title", None),
    ("<html><body><p>一</p></body></html><html><body><h1>二</h1></body></html>", "h1", "二"),
    ("<html><body><div>外<div>内</div></div></body></html>", "div", "外"),
]


@pytest.mark.parametrize(("page", "tag", "expected"), FIRST_CASES)
def test_first_in_document(page: str, tag: str, expected: str | None) -> None:
    root = Selector(text=page).root
    found = first_in_document(root.xpath("//body")[0], tag)
    assert (found.text if found is not None else None) == expected
    xpath = root.xpath(f"(//{tag})[1]")
    assert (xpath[0] if xpath else None) is found
