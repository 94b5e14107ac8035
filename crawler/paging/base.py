"""What a pagination strategy is: one class per way a portal pages its column lists.

A strategy validates its profile settings, names the first list request of a column, reads a
list page's entries, computes the next list page, and recognises itself in a sample page for
the profile assistant. Everything here is pure: a Selector and strings in, values out; the
spider turns `ListRequest`s into Scrapy requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from lxml import etree
from parsel import Selector

from crawler.extract.lists import ListEntry, extract_list
from crawler.site.model import ListSelectors, Pagination


@dataclass(frozen=True)
class ListRequest:
    """One list-page request: a GET of `url`, or a form POST when `formdata` is set."""

    url: str
    formdata: tuple[tuple[str, str], ...] | None = None


@dataclass(frozen=True)
class Recognition:
    """A strategy found in a sample page, for the assistant's draft profile."""

    pagination: Pagination
    note: str  # what was seen, for the draft's comment
    # For a strategy configured by a selector (next_link): the element the selector must
    # match, which the assistant turns into a CSS selector of its own.
    element: etree._Element | None = None


class PagingStrategy:
    """The default behaviour is one list page per column, read with the HTML list rules."""

    name: ClassVar[str] = ""

    def problems(self, rule: Pagination) -> list[tuple[str, str]]:
        """(field, problem) pairs for a pagination table's own keys; empty when valid."""
        return []

    def column_problems(self, rule: Pagination, list_rules: ListSelectors) -> list[tuple[str, str]]:
        """(field below the column, problem) pairs of the pagination with the column's list."""
        return []

    def first_request(self, column_url: str, rule: Pagination) -> ListRequest:
        return ListRequest(column_url)

    def request(self, url: str, rule: Pagination) -> ListRequest:
        """The request of a later list page at `url` (from next_url or the failed list)."""
        return ListRequest(url)

    def entries(
        self, sel: Selector, text: str, url: str, rules: ListSelectors
    ) -> tuple[list[ListEntry], int | None]:
        """The page's entries, and the column's total entry count where the page tells it."""
        return extract_list(sel, url, rules), None

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        """The URL of list page `page + 1`, or None when `page` is the last."""
        return None

    def recognise(self, sel: Selector, url: str) -> Recognition | None:
        """This strategy as seen in a sample list page, or None."""
        return None
