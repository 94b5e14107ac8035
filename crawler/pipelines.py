"""Item pipelines: one concern each, in the order normalize -> validate -> de-duplicate."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured

from crawler.normalize.body import clean_body, fingerprint
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import SHANGHAI, parse_cn_datetime
from crawler.normalize.titles import clean_title
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


class NormalizeTitlePipeline(_Pipeline):
    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        spider = self.crawler.spider
        profile = getattr(spider, "profile", None)
        names = [
            n for n in (adapter.get("site_name"), *(profile.site_names if profile else ())) if n
        ]
        title = clean_title(adapter.get("title"), names)
        # A page whose only "headline" is the portal's name (a bare <title>) has none.
        adapter["title"] = None if title in names else title
        return item


class NormalizeDatePipeline(_Pipeline):
    """published_raw -> published_at (ISO 8601, +08:00 when a time is known), published_date."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.reject_future = crawler.settings.getbool("DATE_REJECT_FUTURE", True)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        raw = adapter.get("published_raw")
        # "Now" is taken per item: a crawl may run across midnight.
        now = (
            datetime.now(SHANGHAI) if self.reject_future else datetime(9999, 1, 1, tzinfo=SHANGHAI)
        )
        parsed = parse_cn_datetime(raw, now=now) if raw else None
        adapter["published_at"] = parsed.isoformat() if parsed else None
        adapter["published_date"] = parsed.date_iso if parsed else None
        if raw and parsed is None:
            self.stats.inc_value("normalize/date_unparseable")
            self.log_info("Unparseable or future date %r kept as raw only: %s", raw, adapter["url"])
        elif not raw:
            self.stats.inc_value("normalize/date_missing")
        return item


class NormalizeBylinePipeline(_Pipeline):
    """source/author/editor without labels; a combined byline is split into its parts."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        for name in ("source", "author", "editor"):
            raw = adapter.get(name)
            parts = split_byline(raw) if raw else {}
            if any(parts.values()):
                # A labelled value: keep its own part, and fill empty fields from the others
                # (a profile's source selector often matches "来源：X 作者：Y 责任编辑：Z").
                adapter[name] = parts.get(name)
                for other, value in parts.items():
                    if value and not adapter.get(other):
                        adapter[other] = value
        adapter["source"] = clean_source(adapter.get("source"))
        adapter["author"] = clean_person(adapter.get("author"))
        adapter["editor"] = clean_person(adapter.get("editor"))
        return item


class CleanBodyPipeline(_Pipeline):
    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        adapter["body"] = clean_body(adapter.get("body")) or None
        return item


class ValidateArticlePipeline(_Pipeline):
    """url, title and a body of at least BODY_MIN_CHARS characters; else a reject."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.min_chars = crawler.settings.getint("BODY_MIN_CHARS", 20)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = adapter.get("url") or ""
        if not url:
            raise RejectItem("missing_url", url)
        if not adapter.get("title"):
            raise RejectItem("missing_title", url)
        body = adapter.get("body") or ""
        if len("".join(body.split())) < self.min_chars:
            raise RejectItem(
                "body_too_short", url, f"{len(body)} characters, need {self.min_chars}"
            )
        return item


class FingerprintPipeline(_Pipeline):
    """fingerprint = sha1 of the cleaned title + body, insensitive to whitespace."""

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        adapter["fingerprint"] = fingerprint(adapter.get("title"), adapter.get("body"))
        return item


class IncrementalPipeline(_Pipeline):
    """Across runs: drop a re-fetched article whose content is unchanged, flag an edited one.

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
        if known.fingerprint == adapter.get("fingerprint"):
            self.stats.inc_value("state/unchanged")
            raise DropItem(f"unchanged since last export: {adapter['url']}", log_level="DEBUG")
        adapter["updated"] = True
        self.stats.inc_value("state/updated")
        return item


class DeduplicatePipeline(_Pipeline):
    """Drop a second record of the same canonical URL or the same title + body in one run."""

    def __init__(self, crawler: Crawler):
        if not crawler.settings.getbool("DEDUP_ENABLED", True):
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
