"""`next_link`: follow the page's 下一页 link, found by the profile's `next` selector."""

from __future__ import annotations

import re

from lxml import etree
from parsel import Selector

from crawler.extract.text import document_elements, inline_text, marker_words
from crawler.extract.values import first_text, http_url
from crawler.paging.base import PagingStrategy, Recognition
from crawler.site.model import Pagination

# Next-page link texts by rank: the words ('下一页', '[下一页]', '下页>', '后页'); a link
# without text whose class/id says next (`<a class="next">`, `<a id="pageNext">`) or whose
# image button does (below); then a bare arrow ('>', '›', '»').
_NEXT_WORD = re.compile(r"[\[【<(（]?\s*(?:下一页|下页|后页)\s*[>›»]?\s*[\]】)）]?")
_NEXT_MARKER = re.compile(r"(?:^|[\s_-])next(?=$|[\s_-])")
_NEXT_ARROW = re.compile(r"[>›»＞]")
# A hash-routed pager's link: the fragment names the page ('<a href="#page=2">下一页</a>' on
# news.163.com 滚动新闻, '#…&page=2' on roll.news.sina.com.cn): the page's script reads it and
# loads the list, so the URL is the page itself and a crawl cannot follow it.
_PAGE_FRAGMENT = re.compile(
    r"#(?:[^#]*[&!/])?(?:page|p|pn|pageno|pageindex|curpage)=\d+(?:&[^#]*)?\Z", re.IGNORECASE
)


# A tooltip or alt text that says next: the Chinese words, or English ('Next page', 'next').
_NEXT_LABEL = re.compile(rf"{_NEXT_WORD.pattern}|(?i:next(?:\s*page)?)\s*[>›»]?")


def _image_button(a: etree._Element) -> str | None:
    """How a link without text says 'next' by its tooltip or its image button: `<a
    title="Next page">` (the pager links of hrfund.com.cn), `<img alt="下一页">`, `<img
    src="/img/next_page.jpg">` (people.com.cn's page buttons)."""
    labels = [("title", a.get("title"))]
    for img in a.iter("img"):
        labels += [("alt", img.get("alt")), ("title", img.get("title"))]
    for name, value in labels:
        words = " ".join((value or "").split())
        if words and _NEXT_LABEL.fullmatch(words):
            return f"{name} {words!r}"
    for img in a.iter("img"):
        stem = (img.get("src") or "").rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
        if _NEXT_MARKER.search(stem):
            return f"image {stem!r}"
    return None


def next_link(sel: Selector, *, fragments: bool = False) -> tuple[etree._Element, str] | None:
    """The page's next-page link and how it was recognized, by the ranks above.

    Links to a fragment are skipped ('#' placeholders, scripted pagers), unless `fragments`:
    then only links to a page-numbering fragment are considered (_PAGE_FRAGMENT).
    """
    found: dict[int, tuple[etree._Element, str]] = {}
    for a in document_elements(sel.root):
        href = (a.get("href") or "").strip()
        if a.tag != "a" or not href or href.startswith("javascript:"):
            continue
        if href.startswith("#") != fragments or (fragments and not _PAGE_FRAGMENT.match(href)):
            continue
        text = " ".join(inline_text(a).split())
        if _NEXT_WORD.fullmatch(text):
            found.setdefault(0, (a, f"text {text!r}"))
        elif not text and _NEXT_MARKER.search(marker_words(a)):
            found.setdefault(1, (a, f"class/id {marker_words(a)!r}"))
        elif not text and (button := _image_button(a)):
            found.setdefault(1, (a, button))
        elif _NEXT_ARROW.fullmatch(text):
            found.setdefault(2, (a, f"text {text!r}"))
    return found[min(found)] if found else None


class NextLink(PagingStrategy):
    name = "next_link"

    def problems(self, rule: Pagination) -> list[tuple[str, str]]:
        return [] if rule.next else [("next", "is required for strategy 'next_link'")]

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        return http_url(url, first_text(sel, rule.next)) if rule.next else None

    def recognise(self, sel: Selector, url: str) -> Recognition | None:
        link = next_link(sel)
        if link is None:
            return None
        element, how = link
        return Recognition(
            Pagination(strategy=self.name), f"a next-page link by its {how}", element
        )
