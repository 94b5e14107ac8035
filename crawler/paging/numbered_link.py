"""`numbered_link`: page links named by a pattern (people.com.cn `index2.html`).

Pattern "index{n}.html": page 1 is the column URL, page n is index{n}.html, followed while
the page links the next number (the last page links no higher one).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from crawler.extract.text import document_elements, inline_text
from crawler.extract.values import http_url
from crawler.paging.base import PagingStrategy, Recognition
from crawler.paging.scripts import numbered_page, numbered_url
from crawler.site.model import Pagination

# The last path segment of a numbered list page: 'index2.html', 'list_3.shtml', 'page-4.htm'.
_NUMBERED_FILE = re.compile(r"(?P<stem>[A-Za-z][\w-]*?[_-]?)(?P<n>\d+)(?P<ext>\.\w+)\Z")


def _links(sel: Selector, url: str) -> set[str]:
    return {link for href in sel.xpath("//a/@href").getall() if (link := http_url(url, href))}


class NumberedLink(PagingStrategy):
    name = "numbered_link"

    def problems(self, rule: Pagination) -> list[tuple[str, str]]:
        if rule.pattern and rule.pattern.count("{n}") == 1:
            return []
        return [("pattern", "needs one '{n}' for strategy 'numbered_link', e.g. index{n}.html")]

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        if not rule.pattern:
            return None
        target = numbered_url(url, rule.pattern, numbered_page(url, rule.pattern) + 1)
        return target if target in _links(sel, url) else None

    def recognise(self, sel: Selector, url: str) -> Recognition | None:
        """A pager of numbered links without a next link: the link whose text is the next
        page's number and whose file name carries that number (`<a href="index3.html">3</a>`
        on people.com.cn page 2, `<a href="information_3.html">3</a>` on hrfund.com.cn page
        2). A file number that is not the page's (TRS `index_1.html` is page 2) is not this
        strategy: those pagers are createPageHTML calls."""
        for a in document_elements(sel.root):
            if a.tag != "a":
                continue
            # isdecimal, not isdigit: '②' and '²' are digits that int() refuses.
            text = inline_text(a).strip()
            href = (a.get("href") or "").strip()
            if not text.isdecimal() or not href:
                continue
            target = http_url(url, href)
            path = urlsplit(target).path if target else ""
            match = _NUMBERED_FILE.search(path.rsplit("/", 1)[-1])
            if target is None or match is None or int(match["n"]) != int(text):
                continue
            pattern = f"{match['stem']}{{n}}{match['ext']}"
            page = numbered_page(url, pattern)
            if int(text) == page + 1 and numbered_url(url, pattern, page + 1) == target:
                rule = Pagination(strategy=self.name, pattern=pattern)
                return Recognition(rule, f"numbered page links '{pattern}': this is page {page}")
        return None
