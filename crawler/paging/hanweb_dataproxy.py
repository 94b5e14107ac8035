"""`hanweb_dataproxy`: Hanweb JCMS columns, whose entries come from POSTs to an endpoint.

The column page is a shell whose jpage script asks `dataproxy.jsp?startrecord=1&endrecord=60
&perpage=20` with the column's form fields (col, appid, webid, path, columnid, unitid, …;
portals.md 2.2) and gets XML whose <record>s are HTML fragments; `group` screens of `perpage`
entries come per request.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit, urlunsplit

from parsel import Selector

from crawler.extract.lists import ListEntry, extract_dataproxy_list
from crawler.paging.base import ListRequest, PagingStrategy
from crawler.paging.scripts import DataproxyWindow
from crawler.site.model import ListSelectors, Pagination


class HanwebDataproxy(PagingStrategy):
    name = "hanweb_dataproxy"

    def problems(self, rule: Pagination) -> list[tuple[str, str]]:
        return (
            [] if rule.endpoint else [("endpoint", "is required for strategy 'hanweb_dataproxy'")]
        )

    def column_problems(self, rule: Pagination, list_rules: ListSelectors) -> list[tuple[str, str]]:
        found = []
        needs = "is required for strategy 'hanweb_dataproxy'"
        # The dataproxy answers XML whose records are HTML fragments: the html selectors read them.
        if list_rules.source != "html":
            found.append(("pagination.strategy", "hanweb_dataproxy needs the list source 'html'"))
        if "columnid" not in dict(rule.form):
            found.append(("pagination.form.columnid", needs))
        return found

    def first_request(self, column_url: str, rule: Pagination) -> ListRequest:
        # Not the column page (a shell without entries): the endpoint's first window.
        return self.request(self.window_url(column_url, rule, 1), rule)

    def request(self, url: str, rule: Pagination) -> ListRequest:
        return ListRequest(url, formdata=rule.form)

    @staticmethod
    def window_url(column_url: str, rule: Pagination, page: int) -> str:
        window = DataproxyWindow.of(page, rule.perpage, rule.group)
        return f"{urljoin(column_url, rule.endpoint or '')}?{window.query()}"

    def entries(
        self, sel: Selector, text: str, url: str, rules: ListSelectors
    ) -> tuple[list[ListEntry], int | None]:
        return extract_dataproxy_list(text, url, rules)

    def next_url(
        self, sel: Selector, url: str, rule: Pagination, page: int, total: int | None
    ) -> str | None:
        window = DataproxyWindow.of(page, rule.perpage, rule.group)
        if not window.has_next(total):
            return None
        # `url` is the endpoint already: the next window changes its query only.
        following = DataproxyWindow.of(page + 1, rule.perpage, rule.group)
        return urlunsplit(urlsplit(url)._replace(query=following.query()))
