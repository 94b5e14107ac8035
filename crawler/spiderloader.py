"""Profiles are spiders: one portal spider per `<site_id>.toml` in PROFILES_DIR.

Adding a portal is adding one TOML file: `scrapy list` shows it and `scrapy crawl <id>` runs
it. A module in `spiders/` whose spider has the same name takes precedence: it is written only
for a portal with a real quirk (its markup quoted in a comment there).
"""

from __future__ import annotations

from typing import Any

from scrapy.spiderloader import SpiderLoader

from crawler.site.loading import profile_ids, profiles_dir
from spiders.portal import PortalSpider


class ProfileSpiderLoader(SpiderLoader):
    def _load_all_spiders(self) -> None:
        super()._load_all_spiders()  # spiders/ modules (SPIDER_MODULES) first: they win
        for site_id in profile_ids(profiles_dir(self._settings)):
            if site_id not in self._spiders:
                self._spiders[site_id] = PortalSpider.for_profile(site_id)
                self._found[site_id].append((f"{site_id}.toml", "profile"))

    def __init__(self, settings: Any):
        self._settings = settings
        super().__init__(settings)
