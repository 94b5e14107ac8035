"""`page_count_var`: an inline `var countPage = N` script (TRS templates, youth.cn).

`var currentPage = 0;//所在页从0开始 var countPage = 2//共多少页`: pages index.html,
index_1.html, … (parsing: crawler/paging/scripts.py).
"""

from __future__ import annotations

from parsel import Selector

from crawler.paging.base import PagingStrategy, Recognition
from crawler.paging.create_page_html import _scripts
from crawler.paging.scripts import parse_page_count_var
from crawler.site.model import Pagination


class PageCountVar(PagingStrategy):
    name = "page_count_var"

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        call = parse_page_count_var(_scripts(sel), url)
        return call.next_url(url) if call else None

    def recognise(self, sel: Selector, url: str) -> Recognition | None:
        call = parse_page_count_var(_scripts(sel), url)
        if call is None:
            return None
        return Recognition(
            Pagination(strategy=self.name),
            f"a 'var countPage = {call.count}' script: this is page {call.page_number}",
        )
