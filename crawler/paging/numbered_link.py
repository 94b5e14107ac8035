"""`numbered_link`: page links named by a pattern (people.com.cn `index2.html`).

Pattern "index{n}.html": page 1 is the column URL, page n is index{n}.html, followed while
the page links the next number (the last page links no higher one).
"""

from __future__ import annotations

from parsel import Selector

from crawler.extract.values import http_url
from crawler.paging.base import PagingStrategy
from crawler.paging.scripts import numbered_page, numbered_url
from crawler.site.model import Pagination


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
