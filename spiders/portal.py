"""The profile-driven portal spider: walk each column's list pages, parse every article.

One class serves every portal: crawler/spiderloader.py lists one subclass per profile TOML.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import scrapy
from parsel import Selector
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.contracts import Stat
from crawler.extract.lists import ListEntry, declares_empty, list_page
from crawler.fetch.failures import classify_failure
from crawler.navigation import EntryStatus, Limits, Stop, decide_page
from crawler.normalize.dates import SHANGHAI
from crawler.paging import strategy_for
from crawler.run.feeds import state_feed_problem
from crawler.site.loading import PROFILES_DIR, load_profile, profiles_dir
from crawler.site.model import Column, ProfileError, SiteProfile
from spiders.arguments import PortalArguments, parse_arguments
from spiders.base import ArticleParsingSpider, page_selector
from spiders.edges import OffsiteEntries


class PortalSpider(OffsiteEntries, ArticleParsingSpider):
    """Walk each column's list pages (with pagination) and parse every listed article.

    Arguments (`-a name=value`): spiders/arguments.py, PortalArguments.
    """

    site_id: str = ""  # the profile file name; defaults to the spider's name
    profile: SiteProfile  # loaded (and rebased) by __init__
    incremental = True  # the IncrementalState extension keeps state for this spider

    @classmethod
    def for_profile(cls, site_id: str) -> type[PortalSpider]:
        """The spider of one profile (crawler/spiderloader.py lists one per TOML file)."""
        class_name = "".join(part.title() for part in site_id.split("_")) + "Spider"
        return type(class_name, (cls,), {"name": site_id, "__module__": cls.__module__})

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
        try:
            profile = load_profile(cls.site_id or cls.name, profiles_dir(settings))
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

    def __init__(self, *args: Any, profiles_dir: str | None = None, **kwargs: Any):
        arguments = parse_arguments(PortalArguments, kwargs)
        # Only Scrapy's own (`_job` from scrapyd) go on to Spider, which sets them as attributes.
        super().__init__(*args, **{k: v for k, v in kwargs.items() if k.startswith("_")})
        self.arguments = arguments
        profile = load_profile(self.site_id or self.name, Path(profiles_dir or PROFILES_DIR))
        # With a mirror, absolute links to the portal's own hosts are pointed at the mirror.
        self.home_domains = tuple(profile.allowed_domains)
        self.mirror_base = arguments.base_url or None
        if arguments.base_url:
            profile = profile.rebase(arguments.base_url)
        self.profile = profile
        self.allowed_domains = list(profile.allowed_domains)
        self.columns = self._select_columns(profile, arguments.columns)
        self.max_pages = arguments.max_pages
        self.since = arguments.since
        self.full = arguments.full
        self.refresh_days = arguments.refresh_days
        self.retry_failed = arguments.retry_failed
        self.empty_list_pages: list[str] = []  # no entries, no "暂无内容" notice
        self.offsite_hosts: set[str] = set()  # hosts of skipped list entries, logged once
        # Failed URLs this run asked again (retry_failed): the state forgets them at a
        # finished run's end (what fails again is recorded again), and only them.
        self.retried_failures: set[str] = set()
        self.declared_empty_list_pages: list[str] = []
        # Columns whose list pages this run followed to the end or to known articles.
        self.walked_columns: set[str] = set()
        # Per column, the entry lists already seen: a page repeating one ends the column.
        self.list_pages_seen: dict[str, set[tuple[str, ...]]] = {}
        # Set by the IncrementalState extension when STATE_ENABLED; None: no state.
        self.crawl_state: Any = None

    @staticmethod
    def _select_columns(profile: SiteProfile, names: tuple[str, ...]) -> list[Column]:
        if not names:
            return list(profile.columns)
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
                failed_column = by_name.get(column_name or "")
                if kind == "list" and failed_column is not None:
                    # Page number unknown: count it as a first page for max_pages.
                    self.retried_failures.add(url)
                    yield self.list_request(url, failed_column, 1, from_first_page=False)
                elif kind == "article":
                    self.retried_failures.add(url)
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
            stats.inc_value(Stat.LIST_NOT_HTML)
            self.logger.error("List page is not HTML: %s (column %s)", response.url, column.name)
            return
        stats.inc_value(Stat.LIST_PAGES)
        sel = list_page(page_selector(response), self.profile.list_rules(column))
        entries, total = self.list_entries(response, sel, column)
        if not entries:
            stats.inc_value(Stat.LIST_EMPTY)
            if declares_empty(sel):
                stats.inc_value(Stat.LIST_EMPTY_DECLARED)
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
        stats.inc_value(Stat.LIST_ENTRIES, len(entries))
        entries = self.onsite_entries(response, entries, column)
        decision = decide_page(
            column.name,
            page,
            entries,
            next_url=self.next_list_url(response, sel, column, page, total),
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
            older = status is EntryStatus.OLDER
            stats.inc_value(Stat.LIST_BEFORE_SINCE if older else Stat.list_entries(status), count)
        stop = decision.stop
        if decision.complete and from_first_page:
            self.walked_columns.add(column.name)
        if stop is None:
            yield self.list_request(decision.next_url, column, page + 1, from_first_page)
            return
        if stop is not Stop.LAST_PAGE:
            stats.inc_value(Stat.list_stop(stop))
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
        self, response: TextResponse, sel: Selector, column: Column
    ) -> tuple[list[ListEntry], int | None]:
        """The page's entries by the column's list source, and the total count if it is told."""
        strategy = strategy_for(column.pagination.strategy)
        rules = self.profile.list_rules(column)
        return strategy.entries(sel, response.text, response.url, rules)

    def next_list_url(
        self, response: TextResponse, sel: Selector, column: Column, page: int, total: int | None
    ) -> str | None:
        strategy = strategy_for(column.pagination.strategy)
        return strategy.next_url(sel, response.url, column.pagination, page, total)

    def list_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self.crawler.stats.inc_value(Stat.LIST_FAILED)
        _, reason, detail = classify_failure(failure)
        column = request.cb_kwargs.get("column")
        self.fail(request, reason, detail, "list", column.name if column else None)
