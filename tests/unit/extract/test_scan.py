"""crawler.extract.scan: headline candidates (headings and 'title' boxes) in page order."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.scan import page_scan

# (page, the text of each headline candidate in page order). Headings and title-named boxes
# interleave; a heading that is also title-named counts once; headings nested in boxes, in a
# second top-level <html> (a stray '</html>' mid-page: gov.cn gazette pages) and of every
# level count.
TITLE_CASES = [
    ("<html><body><p>正文</p></body></html>", []),
    ("<html><body><h1>一</h1><h6>六</h6></body></html>", ["一", "六"]),
    ("<html><body><div class='title'>框</div></body></html>", ["框"]),
    (
        (
            "<html><body><h2>二</h2><div class='art-title'>框</div><h1>一</h1>"
            "<span id='subTitle'>副</span></body></html>"
        ),
        ["二", "框", "一", "副"],
    ),
    ("<html><body><h1 class='title' id='Title'>同一个</h1></body></html>", ["同一个"]),
    (
        "<html><body><div class='title'><h3>里</h3></div><h4>后</h4></body></html>",
        ["里", "里", "后"],
    ),
    (
        (
            "<html><body><h1>前</h1></body></html><html><body><div class='title'>中</div>"
            "<h2>后</h2></body></html>"
        ),
        ["前", "中", "后"],
    ),
]


@pytest.mark.parametrize(("page", "expected"), TITLE_CASES)
def test_title_candidates_in_page_order(page: str, expected: list[str]) -> None:
    titles = page_scan(Selector(text=page).root).titles
    assert ["".join(el.itertext()) for el in titles] == expected


# (page, metas): the first non-blank content per name/property/itemprop, from every <meta> of
# the document (some CMSs print theirs in the body, or after a stray '</html>').
META_CASES = [
    ("<html><head><meta name='a' content='1'></head></html>", {"a": "1"}),
    ("<html><head><meta name='a' content=' '><meta name='a' content='2'></head>", {"a": "2"}),
    ("<html><head><meta name='a'><meta property='og:b' content='3'></head>", {"og:b": "3"}),
    (
        (
            "<html><body><meta itemprop='c' content='4'></body></html>"
            "<html><body><meta name='d' content='5'></body></html>"
        ),
        {"c": "4", "d": "5"},
    ),
]


@pytest.mark.parametrize(("page", "metas"), META_CASES)
def test_metas(page: str, metas: dict[str, str]) -> None:
    assert page_scan(Selector(text=page).root).metas == metas
