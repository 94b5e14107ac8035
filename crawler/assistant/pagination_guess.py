"""Recognize a list page's pager with the paging registry's recognisers (crawler/paging/)."""

from __future__ import annotations

from parsel import Selector

from crawler.assistant.element_selectors import checked, css_for
from crawler.paging import RECOGNITION_ORDER
from crawler.site.model import Pagination


def guess_pagination(sel: Selector, url: str) -> tuple[Pagination, str]:
    """The pager: a next link, a createPageHTML call, a countPage variable, or none.

    A next link in the markup comes first: it is followed as it is, while the script pagers
    are read as data and their URLs computed (the order of RECOGNITION_ORDER).
    """
    for strategy in RECOGNITION_ORDER:
        found = strategy.recognise(sel, url)
        if found is None:
            continue
        if found.element is not None:
            # A strategy configured by a selector: the assistant writes one for the element.
            css = checked(css_for(sel, found.element) + "::attr(href)")
            return Pagination(strategy=found.pagination.strategy, next=css), found.note
        return found.pagination, found.note
    return Pagination(), (
        "no pager recognized on this page (a single page, the last page, or a pager built by "
        "a script the assistant cannot read: give the column's first page, check in a browser)"
    )
