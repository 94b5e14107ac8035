"""Contracts between components: outcome reasons, stats keys, what extensions read from spiders.

Producers (spiders, middlewares, pipelines) and readers (state, report, monitors, progress)
import these instead of spelling slugs and keys themselves, so a renamed key or reason breaks
at import time, not silently in a report.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from crawler.site.model import SiteProfile


class Reason(StrEnum):
    """Why a URL gave no article: a reject (fetched, but not an article) or a failure.

    `permanent` reasons will not change by asking again soon: the state remembers them and
    later runs do not fetch the URL again (until `full=1`). The others are retried.
    """

    # The page was fetched but is not an article.
    NOT_HTML = "not_html"
    MISSING_URL = "missing_url"
    MISSING_TITLE = "missing_title"
    BODY_TOO_SHORT = "body_too_short"
    OVER_BUDGET = "over_budget"  # would block the crawl while parsed (fetch/sniff.py)
    EXTRACTION_ERROR = "extraction_error"  # a bug or a page the code did not expect
    # HTTP answers (http_<status>); 404 and 410 are permanent.
    HTTP_400 = "http_400"
    HTTP_401 = "http_401"
    HTTP_403 = "http_403"
    HTTP_404 = "http_404"
    HTTP_405 = "http_405"
    HTTP_408 = "http_408"
    HTTP_410 = "http_410"
    HTTP_412 = "http_412"
    HTTP_429 = "http_429"
    HTTP_451 = "http_451"
    HTTP_500 = "http_500"
    HTTP_502 = "http_502"
    HTTP_503 = "http_503"
    HTTP_504 = "http_504"
    HTTP_521 = "http_521"
    HTTP_522 = "http_522"
    HTTP_524 = "http_524"
    HTTP_OTHER = "http_other"  # another status: the detail names it
    # The URL could not be fetched.
    BLOCKED = "blocked"  # an anti-bot challenge page
    REDIRECT_LOOP = "redirect_loop"
    OFFSITE_REDIRECT = "offsite_redirect"
    OFFSITE = "offsite"  # a list entry on a host outside the profile's domains
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    DATA_LOSS = "data_loss"
    DNS_ERROR = "dns_error"
    CONNECTION_ERROR = "connection_error"
    IGNORED = "ignored"  # dropped by a downloader middleware for another reason
    DOWNLOAD_ERROR = "download_error"  # any other download exception: the detail names it
    # A line of the article spider's urls input that is not a fetchable URL.
    RELATIVE_URL = "relative_url"
    UNSUPPORTED_SCHEME = "unsupported_scheme"
    MALFORMED_URL = "malformed_url"

    @classmethod
    def http(cls, status: int) -> Reason:
        try:
            return cls(f"http_{status}")
        except ValueError:
            return cls.HTTP_OTHER

    @property
    def permanent(self) -> bool:
        return self in _PERMANENT


_PERMANENT = frozenset(
    {
        Reason.NOT_HTML,
        Reason.MISSING_TITLE,
        Reason.BODY_TOO_SHORT,
        Reason.OVER_BUDGET,
        Reason.HTTP_404,
        Reason.HTTP_410,
    }
)


def is_permanent(reason: str) -> bool:
    """`Reason(reason).permanent` for a slug read back from a file (unknown slugs: False)."""
    try:
        return Reason(reason).permanent
    except ValueError:
        return False


class Stat:
    """Stats keys: constants for fixed keys, functions for keys with a part in them."""

    LIST_PAGES = "list/pages"
    LIST_ENTRIES = "list/entries"
    LIST_EMPTY = "list/empty"
    LIST_EMPTY_DECLARED = "list/empty_declared"
    LIST_NOT_HTML = "list/not_html"
    LIST_FAILED = "list/failed"
    LIST_BEFORE_SINCE = "list/entries_before_since"
    REJECTS = "rejects/count"
    FAILED = "failed/count"
    CONTINUATION_PAGES = "article/continuation_pages"
    CONTINUATION_FAILED = "article/continuation_failed"
    DATE_UNPARSEABLE = "normalize/date_unparseable"
    DATE_MISSING = "normalize/date_missing"
    # Prefixes of the keys with a part in them, for readers that collect them all.
    EXTRACT_PREFIX = "extract/"
    REJECTS_PREFIX = "rejects/"
    FAILED_PREFIX = "failed/"

    @staticmethod
    def list_entries(status: str) -> str:
        """Entries by navigation status (new, refresh, known, rejected)."""
        return f"list/entries_{status}"

    @staticmethod
    def list_stop(stop: str) -> str:
        """Why a column's walk ended (navigation.Stop values)."""
        return f"list/{stop}"

    @staticmethod
    def reject(reason: str) -> str:
        return f"rejects/{reason}"

    @staticmethod
    def failure(reason: str) -> str:
        return f"failed/{reason}"

    @staticmethod
    def extract(field: str, method: str) -> str:
        """How a field was found: profile, heuristic, meta, missing."""
        return f"extract/{field}/{method}"

    @staticmethod
    def layout(name: str | None) -> str:
        return f"extract/layout/{name or 'none'}"

    @staticmethod
    def column_articles(column: str) -> str:
        return f"column/{column}/articles"

    @staticmethod
    def drift(column: str, field: str) -> str:
        """A page of `column` where the profile's selector for `field` found nothing."""
        return f"drift/{column}/{field}"

    @staticmethod
    def parse_drift(key: str) -> tuple[str, str] | None:
        """(column, field) of a drift key, else None (a column name may hold '/')."""
        if not key.startswith("drift/"):
            return None
        column, _, field = key[len("drift/") :].rpartition("/")
        return (column, field) if column else None


@runtime_checkable
class RunSpider(Protocol):
    """What the run extensions (state, report, outputs) read from a spider.

    Portal spiders (spiders/portal.py) have all of it; others (the `article` spider, spiders
    built offline) have the ArticleParsingSpider part, and extensions check `incremental`.
    """

    name: str
    run_id: str
    incremental: bool
    profile: SiteProfile | None
    crawl_state: Any  # crawler.run.state.CrawlState, set by the IncrementalState extension
    retry_failed: bool
    retried_failures: set[str]  # the failed URLs this run asked again
    # Filled while the spider walks the lists.
    walked_columns: set[str]
    empty_list_pages: list[str]
    declared_empty_list_pages: list[str]
