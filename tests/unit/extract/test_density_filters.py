"""crawler.extract.density.guess_body: the densest block, past menus, lists and furniture
(the cheap own-text filter and the furniture verdict, in either order)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.density import _article_chars, guess_body

LONG = "这是正文里的一句足够长的话，用来让文字密度选中这个容器，后面还有一些文字。"
MENU = "<div class='nav'>" + "".join(f"<span>栏目{i}</span>" for i in range(30)) + "</div>"
SIDE = "<div class='side'>" + "".join(f"<p>{LONG}{i}</p>" for i in range(3)) + "</div>"

# (page body, id of the element found or None). Short own-text blocks (menu spans, table
# cells) score nothing; paragraphs in furniture count only when nothing else has text;
# a few dozen characters are no body.
CASES = [
    (f"{MENU}<div id='text'><p>{LONG}</p><p>{LONG}</p></div>", "text"),
    (f"{MENU}{SIDE}<div id='text'><p>{LONG}</p><p>{LONG}</p></div>", "text"),
    (f"<table><tr><td id='cell'>{LONG}{LONG}</td><td>短</td></tr></table>{MENU}", "cell"),
    (f"<div id='text'><span>{LONG}</span><span>{LONG}</span></div>", "text"),
    (f"{MENU}<div><p>只有一句短话。</p></div>", None),
    (f"<div class='side' id='only'><p>{LONG}</p><p>{LONG}</p></div>", "only"),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_guess_body(body: str, expected: str | None) -> None:
    found = guess_body(Selector(text=f"<html><body>{body}</body></html>").root)
    assert (found.get("id") if found is not None else None) == expected


# (paragraph, characters it adds): its text without blanks, links and footer lines ('<br>'
# lines of one `<p>`), a footer word split over inline tags still found.
ARTICLE_CHARS_CASES = [
    ("<p>正文一句话。</p>", 6),
    ("<p>正文<a href='/x'>链接</a>一句。</p>", 5),
    ("<p>正文一句话。<br>主办单位：某某市人民政府</p>", 6),
    ("<p>主<b>办</b>单位：某某市人民政府<br>版权所有 某某</p>", 0),
    ("<p>该公司主办的展会吸引了观众。</p>", 14),
]


@pytest.mark.parametrize(("paragraph", "chars"), ARTICLE_CHARS_CASES)
def test_article_chars_of_a_paragraph(paragraph: str, chars: int) -> None:
    el = Selector(text=f"<html><body>{paragraph}</body></html>").xpath("//p")[0].root
    assert _article_chars(el) == chars
