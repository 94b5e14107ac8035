"""Item pipelines, in order: finalize (normalize, validate, fingerprint), incremental, dedup."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.items import SCHEMA_VERSION, RecordAdapter
from crawler.normalize.dates import SHANGHAI
from crawler.normalize.record import NO_FUTURE_CHECK, content_digest, finalize_record
from crawler.run.sidecars import RejectItem
from crawler.run.urls import canonical_url


class _Pipeline:
    """Keeps the crawler (stats, settings, spider) for a pipeline built by `from_crawler`."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def log_info(self, message: str, *args: Any) -> None:
        spider = self.crawler.spider
        if spider is not None:
            spider.logger.info(message, *args)


class FinalizeRecordPipeline(_Pipeline):
    """Raw extracted values -> exported values (finalize_record), else a reject.

    Title without the site-name suffix; published_raw -> published_at (RFC 3339, +08:00),
    published_precision and published_date; run_id and schema_version stamped;
    source/author/editor without labels, a combined byline split into its parts; the body
    cleaned; url, title and a body of at least BODY_MIN_CHARS characters required;
    fingerprint = sha1 of the cleaned title + body.
    One pipeline (one adapter per item) for what used to be six.
    """

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.reject_future = crawler.settings.getbool("DATE_REJECT_FUTURE")
        self.min_chars = crawler.settings.getint("BODY_MIN_CHARS")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        profile = getattr(self.crawler.spider, "profile", None)
        # "Now" is taken per item: a crawl may run across midnight.
        now = datetime.now(SHANGHAI) if self.reject_future else NO_FUTURE_CHECK
        final = finalize_record(
            adapter,
            site_names=(adapter.get("site_name"), *(profile.site_names if profile else ())),
            now=now,
            min_body_chars=self.min_chars,
        )
        adapter.update(final.values())
        adapter["run_id"] = getattr(self.crawler.spider, "run_id", None)
        adapter["schema_version"] = SCHEMA_VERSION
        if final.date_status == "unparseable":
            self.stats.inc_value("normalize/date_unparseable")
            raw = adapter.get("published_raw")
            self.log_info("Unparseable or future date %r kept as raw only: %s", raw, adapter["url"])
        elif final.date_status == "missing":
            self.stats.inc_value("normalize/date_missing")
        if final.reject:
            raise RejectItem(final.reject.reason, adapter.get("url") or "", final.reject.detail)
        return item


class IncrementalPipeline(_Pipeline):
    """Across runs: drop a re-fetched article whose record is unchanged, flag a changed one.

    Only articles the state already knows reach here again (a refresh_days window or a full
    run); new ones pass through as new.
    """

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        state = getattr(self.crawler.spider, "crawl_state", None)
        known = state.known(adapter["url"]) if state is not None else None
        if known is None:
            # A new URL for known content (a portal that re-links or re-posts an article).
            same = state.known_content(adapter.get("fingerprint")) if state else None
            if same is not None:
                self.stats.inc_value("dedup/content_known")
                raise DropItem(
                    f"duplicate content: {adapter['url']} (exported earlier as {same})",
                    log_level="INFO",
                )
            self.stats.inc_value("state/new")
            return item
        # Every extracted field, not title + body only: a profile fix (a breadcrumb, a date)
        # re-exports the records it changed. A state without digests compares fingerprints.
        unchanged = (
            known.digest == content_digest(RecordAdapter(item).asdict())
            if known.digest
            else known.fingerprint == adapter.get("fingerprint")
        )
        if unchanged:
            self.stats.inc_value("state/unchanged")
            raise DropItem(f"unchanged since last export: {adapter['url']}", log_level="DEBUG")
        adapter["updated"] = True
        self.stats.inc_value("state/updated")
        return item


class DeduplicatePipeline(_Pipeline):
    """Drop a second record of the same canonical URL or the same title + body in one run."""

    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("DEDUP_ENABLED"):
            raise NotConfigured("DEDUP_ENABLED is off")
        super().__init__(crawler)
        self.urls: set[str] = set()
        self.fingerprints: set[str] = set()
        self.tracking = tuple(crawler.settings.getlist("URL_TRACKING_PARAMS"))

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = canonical_url(adapter["url"], self.tracking)
        if url in self.urls:
            self.stats.inc_value("dedup/url")
            raise DropItem(f"duplicate URL: {adapter['url']}", log_level="DEBUG")
        if adapter["fingerprint"] in self.fingerprints:
            self.stats.inc_value("dedup/content")
            raise DropItem(f"duplicate content: {adapter['url']}", log_level="DEBUG")
        self.urls.add(url)
        self.fingerprints.add(adapter["fingerprint"])
        return item
