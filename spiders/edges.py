"""What PortalSpider does at the edges of a portal: list entries on other hosts, mirrors, and
the pages of a multi-page article merged into one record."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse

from crawler.extract.lists import ListEntry
from crawler.items import Article
from crawler.site.model import Column, on_site, to_mirror


class OffsiteEntries:
    """List entries outside allowed_domains never vanish in Scrapy's offsite filter."""

    # Set by PortalSpider.__init__: the profile's own domains and the -a base_url mirror.
    home_domains: tuple[str, ...] = ()
    mirror_base: str | None = None
    allowed_domains: list[str]
    offsite_hosts: set[str]
    crawler: Any
    logger: Any
    fail: Any

    def onsite_entries(
        self, response: TextResponse, entries: list[ListEntry], column: Column
    ) -> list[ListEntry]:
        """Entries on the portal's hosts (links to them rewritten for a mirror); the others
        are counted (list/entries_offsite), logged once per host and go to the failed file
        with reason `offsite`: nothing vanishes in Scrapy's offsite filter."""
        kept = []
        for entry in entries:
            url = to_mirror(entry.url, self.home_domains, self.mirror_base)
            if on_site(url, self.allowed_domains):
                kept.append(entry if url == entry.url else replace(entry, url=url))
                continue
            self.crawler.stats.inc_value("list/entries_offsite")
            host = urlsplit(url).hostname or url
            if host not in self.offsite_hosts:
                self.offsite_hosts.add(host)
                self.logger.warning(
                    "Column %s: list entry on another host (%s), not followed: %s; every such "
                    "entry is in the failed file as offsite", column.name, host, url,
                )  # fmt: skip
            self.fail(scrapy.Request(url), "offsite", f"listed on {response.url}", "article",
                      column.name, log=False)  # fmt: skip
        return kept


def merge_pages(
    item: Article, body: str | None, images: list[str], attachments: list[dict[str, str]]
) -> None:
    """Append one continuation page's body, images and attachments to the record."""
    if body:
        item.body = f"{item.body}\n{body}" if item.body else body
    item.images.extend(url for url in images if url not in item.images)
    known = {a["url"] for a in item.attachments}
    item.attachments.extend(a for a in attachments if a["url"] not in known)
