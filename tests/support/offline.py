"""Run a page through a spider's item building and the configured pipelines without the engine.

For tests and benchmarks over saved pages (bench/ imports it with the repository root on
sys.path); crawls and `python -m crawler extract` use the engine itself.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import TextResponse
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.reactor import install_reactor, is_reactor_installed
from scrapy.utils.test import get_crawler

from crawler.fetch.encoding import fix_encoding


def project_settings_dict() -> dict[str, Any]:
    """The settings crawler/settings.py defines (not Scrapy's defaults, which get_crawler adds)."""
    module = import_module("crawler.settings")
    return {k: v for k, v in vars(module).items() if k.isupper()}


def offline_spider(spidercls: type[Spider], **spider_kwargs: Any) -> tuple[Spider, list[Any]]:
    """A spider bound to a crawler with the project's settings, and its item pipelines."""
    settings = project_settings_dict()
    if not is_reactor_installed():
        install_reactor(settings["TWISTED_REACTOR"])
    crawler = get_crawler(spidercls, settings)
    spider = spidercls.from_crawler(crawler, **spider_kwargs)
    crawler.spider = spider
    return spider, build_pipelines(crawler)


def build_pipelines(crawler: Crawler) -> list[Any]:
    pipelines = []
    configured = crawler.settings.getwithbase("ITEM_PIPELINES")
    for path, order in sorted(configured.items(), key=lambda kv: kv[1] or 0):
        if order is None:
            continue
        try:
            pipelines.append(build_from_crawler(load_object(path), crawler))
        except NotConfigured:
            continue
    return pipelines


def process_page(
    spider: Spider, response: TextResponse, pipelines: list[Any]
) -> tuple[dict[str, Any] | None, str | None]:
    """(record, None) for an article, (None, reason) for a page the pipelines reject."""
    item = spider.build_item(fix_encoding(response))  # type: ignore[attr-defined]
    try:
        for pipeline in pipelines:
            item = pipeline.process_item(item)
    except DropItem as exc:
        return None, getattr(exc, "reason", str(exc))
    return ItemAdapter(item).asdict(), None
