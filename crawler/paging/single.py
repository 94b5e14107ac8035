"""`none`: a column with one list page (a short 通知公告 column, a topic page)."""

from __future__ import annotations

from crawler.paging.base import PagingStrategy


class SinglePage(PagingStrategy):
    name = "none"
