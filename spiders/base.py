"""Spider bases: article parsing shared by all spiders, and the profile-driven portal spider.

Neither class has a `name`, so Scrapy's spider loader does not list them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.extract.article import continuation_urls, extract_article
from crawler.extract.lists import (
    ListEntry,
    declares_empty,
)
from crawler.fetch.failures import classify_failure
from crawler.fetch.sniff import looks_binary
from crawler.items import Article
from crawler.navigation import EntryStatus, Limits, Stop, decide_page
from crawler.normalize.dates import SHANGHAI
from crawler.paging import strategy_for
from crawler.run.feeds import state_feed_problem
from crawler.signals import article_rejected, request_failed
from crawler.site.loading import PROFILES_DIR, load_profile
from crawler.site.model import Column, ProfileError, SiteProfile
from spiders.edges import OffsiteEntries, merge_pages

# Breadcrumb tails that name the page kind rather than the column.
_NOT_A_COLUMN = frozenset({"正文", "详情", "内容", "详细内容", "文章", "正文内容"})
_HTML_TYPES = (b"text/html", b"application/xhtml+xml", b"text/xml", b"application/xml")


def profile_fields(profile: SiteProfile, layout: str | None = None) -> list[str]:
    """Record fields the profile (in the page's layout) has its own selector for."""
    rules = profile.article.layout(layout)
    wanted = {
        "title": rules.title,
        "body": rules.body,
        "published_raw": rules.date or rules.byline,
        "breadcrumb": rules.breadcrumb,
    }
    return [name for name, selector in wanted.items() if selector]


def utc_now_id() -> str:
    # Milliseconds: two runs started within one second (tests, crawlall) get distinct files.
    now = datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S") + f".{now.microsecond // 1000:03d}Z"


class ArticleParsingSpider(scrapy.Spider):
    """parse_article / article_failed for any spider that fetches article pages."""

    profile: SiteProfile | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # One id per run names the feed and the rejects file alike (see FEEDS, REJECTS_URI).
        self.run_id = utc_now_id()

    def profile_for(self, url: str) -> SiteProfile | None:
        return self.profile

    def reject(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        # The same line as a pipeline reject (ConciseLogFormatter): "Dropped: <reason>: <url>".
        self.logger.warning("Dropped: %s: %s%s", reason, url, f" ({detail})" if detail else "")
        self.crawler.signals.send_catch_log(
            article_rejected, url=url, reason=reason, detail=detail, record=record
        )

    def parse_article(self, response: Response, column: str | None = None) -> Iterable[Article]:
        content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip()
        if not isinstance(response, TextResponse) or (
            content_type and content_type.lower() not in _HTML_TYPES
        ):
            self.reject(response.url, "not_html", content_type.decode("latin-1") or "binary")
            return
        if looks_binary(response.body):
            # A PDF or image served as text/html: no article, whatever the label says.
            self.reject(response.url, "not_html", f"binary body served as {content_type!r}")
            return
        try:
            item = self.build_item(response, column)
            pages = self.continuation_pages(response)
        except Exception as exc:
            # A page that breaks extraction must not end the callback's other work or vanish:
            # keep the traceback in the log and the page in the rejects file.
            self.logger.exception("Extraction failed on %s", response.url)
            self.reject(response.url, "extraction_error", f"{type(exc).__name__}: {exc}")
            return
        if pages:
            yield self.continuation_request(item, pages)
        else:
            yield item

    # --- multi-page articles: one record from all pages ------------------------------------

    def continuation_pages(self, response: TextResponse) -> list[str]:
        profile = self.profile_for(response.url)
        if profile is None:
            return []
        return continuation_urls(response.selector, response.url, profile.article)

    def continuation_request(self, item: Article, pages: list[str]) -> scrapy.Request:
        """Fetch the next page of a multi-page article; the record travels along."""
        return scrapy.Request(
            pages[0],
            callback=self.parse_continuation,
            errback=self.continuation_failed,
            cb_kwargs={"item": item, "rest": pages[1:]},
        )

    def parse_continuation(
        self, response: Response, item: Article, rest: list[str]
    ) -> Iterable[Article | scrapy.Request]:
        stats = self.crawler.stats
        if isinstance(response, TextResponse):
            fields = extract_article(
                response.selector, response.url, self.profile_for(response.url)
            )
            merge_pages(item, fields.body, fields.images, fields.attachments)
            stats.inc_value("article/continuation_pages")
        else:
            stats.inc_value("article/continuation_failed")
            self.logger.warning("Article page is not HTML: %s (of %s)", response.url, item.url)
        yield self.continuation_request(item, rest) if rest else item

    def continuation_failed(self, failure: Failure) -> Iterable[Article | scrapy.Request]:
        """A missing page does not lose the article: the record keeps the pages it has."""
        request = failure.request  # type: ignore[attr-defined]
        item, rest = request.cb_kwargs["item"], request.cb_kwargs["rest"]
        self.crawler.stats.inc_value("article/continuation_failed")
        self.logger.warning(
            "Article page failed: %s (of %s): %s", request.url, item.url, failure.getErrorMessage()
        )
        yield self.continuation_request(item, rest) if rest else item

    def build_item(self, response: TextResponse, column: str | None = None) -> Article:
        profile = self.profile_for(response.url)
        fields = extract_article(response.selector, response.url, profile)
        stats = self.crawler.stats
        for name, method in fields.methods.items():
            stats.inc_value(f"extract/{name}/{method}")
        if profile is not None and profile.article.layouts:
            # No layout marker matched: a template the profile does not know.
            stats.inc_value(f"extract/layout/{fields.layout or 'none'}")
        if profile is not None:
            # A field the profile has a selector for but that came from elsewhere means the
            # portal's template drifted, even when the generic fallback saved the record.
            where = column or "-"
            stats.inc_value(f"column/{where}/articles")
            for name in profile_fields(profile, fields.layout):
                if fields.methods.get(name) != "profile":
                    stats.inc_value(f"drift/{where}/{name}")
        crumbs = fields.breadcrumb
        tail = crumbs[-1] if crumbs else None
        if tail and (tail in _NOT_A_COLUMN or tail == fields.title) and len(crumbs) > 1:
            tail = crumbs[-2]
        return Article(
            url=response.url,
            site=profile.id if profile else "generic",
            site_name=profile.name if profile else None,
            column=tail or column,
            breadcrumb=crumbs,
            title=fields.title,
            published_raw=fields.published_raw,
            source=fields.source,
            author=fields.author,
            editor=fields.editor,
            body=fields.body,
            images=fields.images,
            attachments=fields.attachments,
            crawled_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )

    def article_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        disposition, reason, detail = classify_failure(failure)
        if disposition == "reject":
            self.reject(request.url, reason, detail)
        else:
            self.fail(request, reason, detail, "article", request.cb_kwargs.get("column"))

    def fail(
        self, request: scrapy.Request, reason: str, detail: str, kind: str, column: str | None,
        *, log: bool = True,
    ) -> None:  # fmt: skip
        """Record a URL that could not be fetched: failed file, state, stats."""
        attempts = request.meta.get("retry_times", 0) + 1
        if log:
            self.logger.warning("Failed %s %s after %d attempt(s): %s", kind, request.url,
                                attempts, reason)  # fmt: skip
        self.crawler.signals.send_catch_log(
            request_failed, url=request.url, reason=reason, detail=detail, attempts=attempts,
            kind=kind, column=column,
        )  # fmt: skip


class PortalSpider(OffsiteEntries, ArticleParsingSpider):
    """Walk each column's list pages (with pagination) and parse every listed article.

    Arguments (`-a name=value`):
      base_url   crawl a mirror (e.g. the demo portal) instead of the real portal
      columns    comma-separated column names or URL path parts to crawl (default: all)
      max_pages  list pages per column at most
      since      YYYY-MM-DD: skip older entries; stop paging once a page holds only older ones
      full       1: ignore the incremental state for navigation (nothing is exported twice)
      refresh_days  re-fetch known articles published in the last N days; edits re-exported
      retry_failed  1: also ask again every URL an earlier run recorded as failed
    """

    site_id: str = ""  # the profile file name; defaults to the spider's name
    incremental = True  # the IncrementalState extension keeps state for this spider

    @classmethod
    def check_profile(cls, settings: Any, spider_args: dict[str, Any]) -> None:
        """Load the profile and arguments as a crawl would; raise ProfileError/ValueError.

        Also refuses FEEDS the incremental state cannot learn from (never a silent re-export).
        """
        if settings.getbool("STATE_ENABLED"):
            problem = state_feed_problem(settings.getdict("FEEDS"))
            if problem:
                raise ValueError(problem)
        cls(
            profiles_dir=spider_args.get("profiles_dir") or settings.get("PROFILES_DIR"),
            **{k: v for k, v in spider_args.items() if k != "profiles_dir"},
        )

    @classmethod
    def update_settings(cls, settings: Any) -> None:
        """A profile's [health] coverage rules override SPIDERMON_FIELD_COVERAGE_RULES."""
        super().update_settings(settings)
        directory = Path(settings.get("PROFILES_DIR") or PROFILES_DIR)
        try:
            profile = load_profile(cls.site_id or cls.name, directory)
        except (ProfileError, ValueError):
            return  # the spider's __init__ reports it, with the file and field
        if profile.coverage:
            rules = dict(settings.getdict("SPIDERMON_FIELD_COVERAGE_RULES"))
            rules.update({f"Article/{name}": share for name, share in profile.coverage})
            settings.set("SPIDERMON_FIELD_COVERAGE_RULES", rules, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        kwargs.setdefault("profiles_dir", crawler.settings.get("PROFILES_DIR"))
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(
        self,
        *args: Any,
        profiles_dir: str | None = None,
        base_url: str | None = None,
        columns: str | None = None,
        max_pages: str | int | None = None,
        since: str | None = None,
        full: str | bool | None = None,
        refresh_days: str | int | None = None,
        retry_failed: str | bool | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        profile = load_profile(self.site_id or self.name, Path(profiles_dir or PROFILES_DIR))
        # With a mirror, absolute links to the portal's own hosts are pointed at the mirror.
        self.home_domains = tuple(profile.allowed_domains)
        self.mirror_base = base_url or None
        if base_url:
            profile = profile.rebase(base_url)
        self.profile = profile
        self.allowed_domains = list(profile.allowed_domains)
        self.columns = self._select_columns(profile, columns)
        self.max_pages = _positive_int("max_pages", max_pages)
        self.since = _iso_date("since", since)
        self.full = _flag("full", full)
        self.refresh_days = _positive_int("refresh_days", refresh_days)
        self.retry_failed = _flag("retry_failed", retry_failed)
        self.empty_list_pages: list[str] = []  # no entries, no "暂无内容" notice
        self.offsite_hosts: set[str] = set()  # hosts of skipped list entries, logged once
        self.declared_empty_list_pages: list[str] = []
        # Columns whose list pages this run followed to the end or to known articles.
        self.walked_columns: set[str] = set()
        # Per column, the entry lists already seen: a page repeating one ends the column.
        self.list_pages_seen: dict[str, set[tuple[str, ...]]] = {}
        # Set by the IncrementalState extension when STATE_ENABLED; None: no state.
        self.crawl_state: Any = None

    @staticmethod
    def _select_columns(profile: SiteProfile, wanted: str | None) -> list[Column]:
        if not wanted:
            return list(profile.columns)
        names = [w.strip() for w in wanted.split(",") if w.strip()]
        chosen = [c for c in profile.columns if c.name in names or any(n in c.url for n in names)]
        unknown = [n for n in names if not any(n == c.name or n in c.url for c in chosen)]
        if unknown:
            known = ", ".join(c.name for c in profile.columns)
            raise ValueError(f"columns: unknown column(s) {', '.join(unknown)}; known: {known}")
        return chosen

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for column in self.columns:
            yield self.list_request(None, column, 1)
        if self.retry_failed and self.crawl_state is not None:
            by_name = {c.name: c for c in self.profile.columns}
            for url, kind, column_name in self.crawl_state.failures():
                column = by_name.get(column_name or "")
                if kind == "list" and column is not None:
                    # Page number unknown: count it as a first page for max_pages.
                    yield self.list_request(url, column, 1, from_first_page=False)
                elif kind == "article":
                    yield scrapy.Request(
                        url, callback=self.parse_article, errback=self.article_failed,
                        cb_kwargs={"column": column_name}, dont_filter=True,
                    )  # fmt: skip

    def list_request(
        self, url: str | None, column: Column, page: int, from_first_page: bool = True
    ) -> scrapy.Request:
        """A list page's request as the column's pagination strategy asks it (GET or POST);
        `url` None is the column's first page. `from_first_page` is False on a walk that began
        elsewhere (a failed list page asked again): it cannot complete the column's walk."""
        strategy = strategy_for(column.pagination.strategy)
        wanted = (
            strategy.first_request(column.url, column.pagination)
            if url is None
            else strategy.request(url, column.pagination)
        )
        kwargs = {"column": column, "page": page, "from_first_page": from_first_page}
        if wanted.formdata is not None:
            return scrapy.FormRequest(
                wanted.url,
                formdata=dict(wanted.formdata),
                callback=self.parse_list,
                errback=self.list_failed,
                cb_kwargs=kwargs,
            )
        return scrapy.Request(
            wanted.url, callback=self.parse_list, errback=self.list_failed, cb_kwargs=kwargs
        )

    def column_for(self, url: str) -> Column:
        """The profile column a list URL belongs to (for `scrapy parse`, which has no cb_kwargs)."""
        for column in self.profile.columns:
            if url.startswith(column.url.rsplit("/", 1)[0] + "/"):
                return column
        return Column(name="", url=url, pagination=self.profile.pagination)

    def parse_list(
        self,
        response: Response,
        column: Column | None = None,
        page: int = 1,
        from_first_page: bool = True,
    ) -> Iterable[Any]:
        column = column or self.column_for(response.url)
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            stats.inc_value("list/not_html")
            self.logger.error("List page is not HTML: %s (column %s)", response.url, column.name)
            return
        stats.inc_value("list/pages")
        entries, total = self.list_entries(response, column)
        if not entries:
            stats.inc_value("list/empty")
            if declares_empty(response.selector):
                stats.inc_value("list/empty_declared")
                self.declared_empty_list_pages.append(response.url)
                self.logger.info(
                    "List page is empty and says so: %s (column %s)", response.url, column.name
                )
                return
            # Usually a changed template: say so once per page, keep the URL for reports.
            self.empty_list_pages.append(response.url)
            self.logger.warning(
                "List page has no entries (template changed?): %s (column %s)",
                response.url,
                column.name,
            )
            return
        stats.inc_value("list/entries", len(entries))
        entries = self.onsite_entries(response, entries, column)
        decision = decide_page(
            column.name,
            page,
            entries,
            next_url=self.next_list_url(response, column, page, total),
            state=None if self.full else self.crawl_state,
            limits=self.limits(),
            seen_pages=self.list_pages_seen.setdefault(column.name, set()),
        )
        for entry, _status in decision.follow:
            yield scrapy.Request(
                entry.url,
                callback=self.parse_article,
                errback=self.article_failed,
                cb_kwargs={"column": column.name},
            )
        for status, count in decision.statuses.items():
            key = (
                "list/entries_before_since"
                if status is EntryStatus.OLDER
                else f"list/entries_{status}"
            )
            stats.inc_value(key, count)
        stop = decision.stop
        if decision.complete and from_first_page:
            self.walked_columns.add(column.name)
        if stop is None:
            yield self.list_request(decision.next_url, column, page + 1, from_first_page)
            return
        if stop is not Stop.LAST_PAGE:
            stats.inc_value(f"list/{stop}")
        if stop is Stop.REPEATED:
            self.logger.warning(
                "Column %s: page %d repeats an earlier page's entries, stop: %s",
                column.name, page, response.url,
            )  # fmt: skip
        elif stop is Stop.BEFORE_SINCE:
            self.logger.info(
                "Column %s: page %d is all before %s, stop", column.name, page, self.since
            )
        elif stop is Stop.ESTABLISHED:
            self.logger.info(
                "Column %s: page %d reaches articles a finished run saved, stop", column.name, page
            )
        elif stop is Stop.MAX_DEPTH:
            self.logger.warning(
                "Column %s: stop at the depth limit LIST_MAX_PAGES=%d: %s",
                column.name, self.settings.getint("LIST_MAX_PAGES"), response.url,
            )  # fmt: skip

    def limits(self) -> Limits:
        settings = self.settings
        return Limits(
            now=datetime.now(SHANGHAI),
            since=self.since,
            max_pages=self.max_pages,
            depth_limit=settings.getint("LIST_MAX_PAGES"),
            overlap_days=settings.getint("INCREMENTAL_OVERLAP_DAYS"),
            refresh_days=self.refresh_days,
        )

    def list_entries(
        self, response: TextResponse, column: Column
    ) -> tuple[list[ListEntry], int | None]:
        """The page's entries by the column's list source, and the total count if it is told."""
        strategy = strategy_for(column.pagination.strategy)
        rules = self.profile.list_rules(column)
        return strategy.entries(response.selector, response.text, response.url, rules)

    def next_list_url(
        self, response: TextResponse, column: Column, page: int, total: int | None
    ) -> str | None:
        strategy = strategy_for(column.pagination.strategy)
        return strategy.next_url(response.selector, response.url, column.pagination, page, total)

    def list_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value("list/failed")
        _, reason, detail = classify_failure(failure)
        column = request.cb_kwargs.get("column")
        self.fail(request, reason, detail, "list", column.name if column else None)


def _positive_int(name: str, value: str | int | None) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name}: expected a positive integer, got {value!r}") from None
    if number < 1:
        raise ValueError(f"{name}: expected a positive integer, got {value!r}")
    return number


def _flag(name: str, value: str | bool | None) -> bool:
    if value in (None, "", False):
        return False
    if value is True or str(value).lower() in ("1", "true", "yes", "on"):
        return True
    if str(value).lower() in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"{name}: expected 1 or 0, got {value!r}")


def _iso_date(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: expected YYYY-MM-DD, got {value!r}") from None
