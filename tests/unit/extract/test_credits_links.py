"""crawler.extract.credits.without_trailing_links: related-link blocks closing a body."""

from __future__ import annotations

import pytest
from lxml import html

from crawler.extract.credits import without_trailing_links
from crawler.extract.text import paragraphs

SENTENCE = "这是正文的最后一句话。"

# (body box, the lines kept). Link-only lines after the last sentence go, with a short
# heading above them ('相关阅读'); a link broken by <br> is one line per part; a paragraph
# made of several links goes too, also nested in a div; links inside prose stay.
CASES = [
    (f"<div><p>{SENTENCE}</p></div>", [SENTENCE]),
    (
        (
            f"<div><p>{SENTENCE}</p><p>相关阅读</p><p><a href='/1'>第一篇</a></p>"
            "<p><a href='/2'>第二篇</a></p></div>"
        ),
        [SENTENCE],
    ),
    (
        f"<div><p>{SENTENCE}</p><p><a href='/1'><b>网易财经<br>会赚钱的客户端：</b></a></p></div>",
        [SENTENCE],
    ),
    (
        (
            f"<div><p>{SENTENCE}</p><div><p><a href='/1'>沪指3周重挫</a> "
            "<a href='/2'>券商大佬齐聚</a></p></div></div>"
        ),
        [SENTENCE],
    ),
    (
        f"<div><p>{SENTENCE}</p><p>详见<a href='/1'>通知全文</a>和附件。</p></div>",
        [SENTENCE, "详见通知全文和附件。"],
    ),
    ("<div><p><a href='/1'>只有一条链接</a></p></div>", ["只有一条链接"]),
]


@pytest.mark.parametrize(("box", "kept"), CASES)
def test_without_trailing_links(box: str, kept: list[str]) -> None:
    body = html.fragment_fromstring(box)
    assert without_trailing_links(paragraphs(body), body) == kept
