"""Spider bases: article parsing shared by all spiders, and the profile-driven portal spider.

Neither class has a `name`, so Scrapy's spider loader does not list them.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.selector import Selector
from twisted.python.failure import Failure

from crawler.contracts import Reason, Stat
from crawler.extract.article import continuation_urls, extract_article
from crawler.fetch.failures import classify_failure
from crawler.fetch.sniff import looks_binary
from crawler.items import Article
from crawler.run.incremental import spider_created
from crawler.signals import article_rejected, request_failed
from crawler.site.model import SiteProfile
from spiders.edges import merge_pages

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


def page_selector(response: TextResponse) -> Selector:
    """The page parsed for one callback, owned by that callback alone.

    `response.selector` caches on the response a Selector that keeps the response
    (`Selector.response`): a reference cycle, so every parsed page, its lxml tree with it,
    waited for Python's cyclic collector, whose full passes over a crawl's heap cost about
    1 ms of CPU per article page (generated portal, no latency: 4.1-5.0 ms of crawler CPU per
    response before, 2.5-3.1 after). The same Selector, built the same way (document type,
    base URL), but not cached on the response: it is freed with the callback's locals.
    """
    return Selector(response)


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
        self._bind_generator_callbacks()

    def _bind_generator_callbacks(self) -> None:
        """Give each generator callback one bound method for the whole crawl.

        Scrapy checks every generator callback for a `return <value>`
        (WARN_ON_GENERATOR_RETURN_VALUE) and caches the answer weakly, keyed by the callback
        object. `self.parse_article` is a new bound method at each access, so the entry is
        gone whenever no pending request holds an equal one, and the next response reads the
        callback's source again and parses it: 0.85 ms, on a share of the article pages that
        grows as the queue drains. One bound method per callback keeps the entry (the check
        runs once per crawl), and serialized requests still name the method
        (`request_to_dict` finds it among the spider's methods).
        """
        for name, method in inspect.getmembers(type(self), inspect.isgeneratorfunction):
            if name.startswith("parse"):
                setattr(self, name, method.__get__(self))

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Lock and open the state before the engine starts (see IncrementalState.prepare).
        spider_created(crawler, spider)
        return spider

    def profile_for(self, url: str) -> SiteProfile | None:
        return self.profile

    def reject(self, url: str, reason: str, detail: str = "", record: Any = None) -> None:
        # The same line as a pipeline reject (ConciseLogFormatter): "Dropped: <reason>: <url>".
        self.logger.warning("Dropped: %s: %s%s", reason, url, f" ({detail})" if detail else "")
        self.crawler.signals.send_catch_log(
            article_rejected, url=url, reason=reason, detail=detail, record=record
        )

    def parse_article(
        self, response: Response, column: str | None = None
    ) -> Iterable[Article | scrapy.Request]:
        content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip()
        if not isinstance(response, TextResponse) or (
            content_type and content_type.lower() not in _HTML_TYPES
        ):
            self.reject(response.url, Reason.NOT_HTML, content_type.decode("latin-1") or "binary")
            return
        if looks_binary(response.body):
            # A PDF or image served as text/html: no article, whatever the label says.
            self.reject(response.url, Reason.NOT_HTML, f"binary body served as {content_type!r}")
            return
        try:
            sel = page_selector(response)
            item = self.build_item(response, column, sel)
            pages = self.continuation_pages(response, sel)
        except Exception as exc:
            # A page that breaks extraction must not end the callback's other work or vanish:
            # keep the traceback in the log and the page in the rejects file.
            self.logger.exception("Extraction failed on %s", response.url)
            self.reject(response.url, Reason.EXTRACTION_ERROR, f"{type(exc).__name__}: {exc}")
            return
        if pages:
            yield self.continuation_request(item, pages)
        else:
            yield item

    # --- multi-page articles: one record from all pages ------------------------------------

    def continuation_pages(self, response: TextResponse, sel: Selector) -> list[str]:
        profile = self.profile_for(response.url)
        if profile is None:
            return []
        return continuation_urls(sel, response.url, profile.article)

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
                page_selector(response), response.url, self.profile_for(response.url)
            )
            merge_pages(item, fields.body, fields.images, fields.attachments)
            stats.inc_value(Stat.CONTINUATION_PAGES)
        else:
            stats.inc_value(Stat.CONTINUATION_FAILED)
            self.logger.warning("Article page is not HTML: %s (of %s)", response.url, item.url)
        yield self.continuation_request(item, rest) if rest else item

    def continuation_failed(self, failure: Failure) -> Iterable[Article | scrapy.Request]:
        """A missing page does not lose the article: the record keeps the pages it has."""
        request = failure.request  # type: ignore[attr-defined]
        item, rest = request.cb_kwargs["item"], request.cb_kwargs["rest"]
        self.crawler.stats.inc_value(Stat.CONTINUATION_FAILED)
        self.logger.warning(
            "Article page failed: %s (of %s): %s", request.url, item.url, failure.getErrorMessage()
        )
        yield self.continuation_request(item, rest) if rest else item

    def build_item(
        self, response: TextResponse, column: str | None = None, sel: Selector | None = None
    ) -> Article:
        """The record of one article page (`sel`: the page already parsed, if it is)."""
        profile = self.profile_for(response.url)
        # `is not None`: a Selector's truth value serializes the whole page (parsel's get()).
        page = sel if sel is not None else page_selector(response)
        fields = extract_article(page, response.url, profile)
        stats = self.crawler.stats
        for name, method in fields.methods.items():
            stats.inc_value(Stat.extract(name, method))
        if profile is not None and profile.article.layouts:
            # No layout marker matched: a template the profile does not know.
            stats.inc_value(Stat.layout(fields.layout))
        if profile is not None:
            # A field the profile has a selector for but that came from elsewhere means the
            # portal's template drifted, even when the generic fallback saved the record.
            where = column or "-"
            stats.inc_value(Stat.column_articles(where))
            for name in profile_fields(profile, fields.layout):
                if fields.methods.get(name) != "profile":
                    stats.inc_value(Stat.drift(where, name))
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
            subtitle=fields.subtitle,
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
