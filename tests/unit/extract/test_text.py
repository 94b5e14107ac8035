"""crawler.extract.text: one-line and paragraph text of small inline HTML snippets."""

from __future__ import annotations

import pytest
from lxml import html

from crawler.extract.text import inline_text, paragraphs


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
