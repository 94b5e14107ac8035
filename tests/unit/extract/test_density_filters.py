"""crawler.extract.density.guess_body: the densest block, past menus, lists and furniture
(the cheap own-text filter and the furniture verdict, in either order)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.density import _DENSITY_CANDIDATES, _article_chars, guess_body

LONG = "这是正文里的一句足够长的话，用来让文字密度选中这个容器，后面还有一些文字。"
MENU = "<div class='nav'>" + "".join(f"<span>栏目{i}</span>" for i in range(30)) + "</div>"
FOOTER = "主办单位：某某市人民政府办公厅<br>版权所有 某某市人民政府 2024 某ICP备12345678号<br>"
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
    # Blocks of `<br>` lines: all their characters count without a footer word, a footer
    # line's none (the cheap count and the footer-aware one of `_article_chars`).
    (f"<div id='text'>{LONG}<br>{LONG}</div><div id='foot'>{FOOTER}</div>", "text"),
    (f"<div id='text'>{LONG[:30]}</div><div id='foot'>{FOOTER}{FOOTER}</div>", None),
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


# (block, a density candidate): the C prefilter keeps a block with 10+ characters in its
# string value and a non-blank text node of its own; the Python own-text filter of `_densest`
# decides the rest. A block whose 10 characters are all in a child is prefiltered in (and
# dropped later), and so is one whose blanks make up the 10; a block of 9 characters
# never becomes a Python element.
CANDIDATE_CASES = [
    ("<span id='b'>一二三四五六七八九十</span>", True),
    ("<span id='b'>一二三四五六七八九</span>", False),
    ("<span id='b'>一二三 四五六  七八九</span>", True),  # 11 with its blanks: Python drops it
    ("<font id='b'>一二<b>三四五六七八九十</b></font>", True),
    ("<div id='b'><p>一二三四五六七八九十</p></div>", False),
    ("<td id='b'>一二三四五六七八九十</td>", True),
    ("<div id='b'>一二三四五<span>六七八九</span></div>", False),
]


@pytest.mark.parametrize(("block", "candidate"), CANDIDATE_CASES)
def test_density_candidates_prefilter(block: str, candidate: bool) -> None:
    html = f"<html><body><table><tr>{block}</tr></table></body></html>"
    root = Selector(text=html).root
    found = [el.get("id") for el in _DENSITY_CANDIDATES(root)]
    assert ("b" in found) is candidate


def test_prefiltered_blocks_are_those_the_own_text_filter_drops() -> None:
    """Every block the prefilter leaves out has under 10 non-blank characters of own text."""
    blocks = "".join(
        f"<span>{'字' * n}<b>{'词' * m}</b>{' ' * k}</span>"
        for n in range(12)
        for m in (0, 9)
        for k in (0, 3)
    )
    root = Selector(text=f"<html><body><div>{blocks}</div></body></html>").root
    kept = set(_DENSITY_CANDIDATES(root))
    spans = list(root.iter("span"))
    assert 0 < len(kept) < len(spans)
    for span in spans:
        own = (span.text or "") + "".join(child.tail or "" for child in span)
        assert span in kept or len("".join(own.split())) < 10
