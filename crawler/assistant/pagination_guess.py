"""Recognize a list page's pager with the paging registry's recognisers (crawler/paging/)."""

from __future__ import annotations

from urllib.parse import urljoin

from parsel import Selector

from crawler.assistant.element_selectors import checked, css_for
from crawler.paging import RECOGNITION_ORDER
from crawler.paging.next_link import next_link
from crawler.site.model import Pagination

_NO_PAGER = (
    "no pager recognized on this page (a single page, the last page, or a pager built by "
    "a script the assistant cannot read: give the column's first page, check in a browser)"
)


def guess_pagination(sel: Selector, url: str) -> tuple[Pagination, str, str | None]:
    """The pager: a next link, a createPageHTML call, a countPage variable, numbered page
    links, or none; what was seen; and, when no strategy can page the list, the next page
    its pager links to.

    A next link in the markup comes first: it is followed as it is, while the script pagers
    are read as data and their URLs computed (the order of RECOGNITION_ORDER). A 下一页 link
    to a page-numbering fragment ('#page=2') is a hash-routed pager: the draft reports where
    it points, but a crawl cannot page it (strategy none).
    """
    for strategy in RECOGNITION_ORDER:
        found = strategy.recognise(sel, url)
        if found is None:
            continue
        if found.element is not None:
            # A strategy configured by a selector: the assistant writes one for the element.
            css = checked(css_for(sel, found.element) + "::attr(href)")
            return Pagination(strategy=found.pagination.strategy, next=css), found.note, None
        return found.pagination, found.note, None
    fragment = next_link(sel, fragments=True)
    if fragment is not None:
        element, how = fragment
        href = (element.get("href") or "").strip()
        note = (
            f"a next-page link by its {how} to the fragment {href!r}: the page's script loads "
            "the next list (hash routing), a crawl cannot follow it; find the script's data "
            "request in a browser"
        )
        return Pagination(), note, urljoin(url, href)
    return Pagination(), _NO_PAGER, None
