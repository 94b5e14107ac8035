"""`create_page_html`: the TRS WCM pager script call, read as data (never executed).

`createPageHTML(9, 0, "index", "html")` on index.html: 9 pages, this is page 0, the next is
index_1.html (argument orders and their parsing: crawler/paging/scripts.py).
"""

from __future__ import annotations

from parsel import Selector

from crawler.paging.base import PagingStrategy, Recognition
from crawler.paging.scripts import parse_create_page_html
from crawler.site.model import Pagination


def _scripts(sel: Selector) -> str:
    return "\n".join(sel.xpath("//script/text()").getall())


class CreatePageHtml(PagingStrategy):
    name = "create_page_html"

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        call = parse_create_page_html(_scripts(sel))
        return call.next_url(url) if call else None

    def recognise(self, sel: Selector, url: str) -> Recognition | None:
        call = parse_create_page_html(_scripts(sel))
        if call is None:
            return None
        return Recognition(
            Pagination(strategy=self.name),
            f"a TRS createPageHTML call: {call.count} pages, this is page {call.page_number}",
        )
