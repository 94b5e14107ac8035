"""Pagination strategies (pure): how a column's list pages follow one another.

One class per strategy, one module each; `STRATEGIES` is the registry the profile loader
validates against and the spider and assistant dispatch through. A new strategy is one new
module here plus its line in `_ALL`.
"""

from __future__ import annotations

from parsel import Selector

from crawler.paging.base import ListRequest, PagingStrategy, Recognition
from crawler.paging.create_page_html import CreatePageHtml
from crawler.paging.hanweb_dataproxy import HanwebDataproxy
from crawler.paging.next_link import NextLink
from crawler.paging.numbered_link import NumberedLink
from crawler.paging.page_count_var import PageCountVar
from crawler.paging.single import SinglePage
from crawler.site.model import Pagination

_ALL: tuple[PagingStrategy, ...] = (
    SinglePage(),
    NextLink(),
    CreatePageHtml(),
    PageCountVar(),
    NumberedLink(),
    HanwebDataproxy(),
)
STRATEGIES: dict[str, PagingStrategy] = {s.name: s for s in _ALL}
# The order in which the assistant tries to recognise a pager in a sample page: a next link
# in the markup first (followed as it is), then the script pagers read as data, then page
# links numbered like their files ('index3.html' for '3').
RECOGNITION_ORDER: tuple[PagingStrategy, ...] = (
    STRATEGIES["next_link"],
    STRATEGIES["create_page_html"],
    STRATEGIES["page_count_var"],
    STRATEGIES["numbered_link"],
)


def next_page_url(
    sel: Selector, url: str, rule: Pagination, page: int = 1, total: int | None = None
) -> str | None:
    """The URL of the list page after `url` under the rule's strategy, or None."""
    return STRATEGIES[rule.strategy].next_url(sel, url, rule, page, total)


def strategy_for(name: str) -> PagingStrategy:
    """The strategy of a validated profile (an unknown name is a loader bug: KeyError)."""
    return STRATEGIES[name]


__all__ = ["RECOGNITION_ORDER", "STRATEGIES", "ListRequest", "PagingStrategy", "Recognition",
           "next_page_url", "strategy_for"]  # fmt: skip
