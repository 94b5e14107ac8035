"""Recognize a list page's pager: a next-page link, a TRS createPageHTML call, a countPage
variable, or none."""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from crawler.assistant.element_selectors import checked, css_for
from crawler.assistant.page_tree import document_elements, marker_words
from crawler.extract.text import inline_text
from crawler.paging.scripts import parse_create_page_html, parse_page_count_var
from crawler.site.model import Pagination

# A next-page link by its text, best first: '下一页'/'下页'/'后页' (brackets allowed), else
# its class/id ('a.next-page', an arrow image without text), else a lone arrow ('>', '›').
_NEXT_WORD = re.compile(r"[\[【<(（]?\s*(?:下一页|下页|后页)\s*[>›»]?\s*[\]】)）]?")


_NEXT_MARKER = re.compile(r"(?:^|[\s_-])next(?=$|[\s_-])")


_NEXT_ARROW = re.compile(r"[>›»＞]")


def _next_link(sel: Selector) -> tuple[etree._Element, str] | None:
    """The page's next-page link and how it was recognized, by the ranks of _NEXT_WORD."""
    found: dict[int, tuple[etree._Element, str]] = {}
    for a in document_elements(sel.root):
        href = (a.get("href") or "").strip()
        if a.tag != "a" or not href or href.startswith(("javascript:", "#")):
            continue
        text = " ".join(inline_text(a).split())
        if _NEXT_WORD.fullmatch(text):
            found.setdefault(0, (a, f"text {text!r}"))
        elif not text and _NEXT_MARKER.search(marker_words(a)):
            found.setdefault(1, (a, f"class/id {marker_words(a)!r}"))
        elif _NEXT_ARROW.fullmatch(text):
            found.setdefault(2, (a, f"text {text!r}"))
    return found[min(found)] if found else None


def guess_pagination(sel: Selector, url: str) -> tuple[Pagination, str]:
    """The pager: a next link, a createPageHTML call, a countPage variable, or none.

    A next link in the markup comes first: it is followed as it is, while the script pagers
    are read as data and their URLs computed.
    """
    link = _next_link(sel)
    if link:
        a, how = link
        css = checked(css_for(sel, a) + "::attr(href)")
        return Pagination(strategy="next_link", next=css), f"a next-page link by its {how}"
    scripts = "\n".join(sel.xpath("//script/text()").getall())
    call = parse_create_page_html(scripts)
    if call:
        return (
            Pagination(strategy="create_page_html"),
            f"a TRS createPageHTML call: {call.count} pages, this is page {call.current + 1}",
        )
    count = parse_page_count_var(scripts, url)
    if count:
        return (
            Pagination(strategy="page_count_var"),
            f"a 'var countPage = {count.count}' script: this is page {count.current + 1}",
        )
    return Pagination(), (
        "no pager recognized on this page (a single page, the last page, or a pager built by "
        "a script the assistant cannot read: give the column's first page, check in a browser)"
    )
