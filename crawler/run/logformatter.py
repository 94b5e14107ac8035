"""Log lines that stay readable on long crawls."""

from __future__ import annotations

from typing import Any

from scrapy import logformatter


class ConciseLogFormatter(logformatter.LogFormatter):
    """A dropped item is logged as its reason and URL, not as the whole record.

    The record itself is kept in the rejects file; repeating a full article body in the log
    for every reject buries the log.
    """

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> Any:
        result = super().dropped(item, exception, response, spider)
        result["msg"] = "Dropped: %(exception)s"
        result["args"] = {"exception": exception}
        return result
