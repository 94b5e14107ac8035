"""The Scrapy add-on that switches the archive's components on by their settings.

WARC_ENABLED adds the capture middleware, FILES_ENABLED the files pipeline. Listed in ADDONS,
it keeps a crawl's log free of a "Disabled …" warning for a component that is simply off.
"""

from __future__ import annotations

from typing import Any

CAPTURE = "crawler.archive.capture.WarcCaptureMiddleware"
FILES = "crawler.archive.files.ArticleFilesPipeline"
CAPTURE_ORDER = 950  # next to the download handler: see capture.py
FILES_ORDER = 650  # after de-duplication: unchanged and duplicate records fetch no file


class ArchiveAddon:
    def update_settings(self, settings: Any) -> None:
        if settings.getbool("WARC_ENABLED"):
            settings.set_in_component_priority_dict(
                "DOWNLOADER_MIDDLEWARES", CAPTURE, CAPTURE_ORDER
            )
        if settings.getbool("FILES_ENABLED"):
            settings.set_in_component_priority_dict("ITEM_PIPELINES", FILES, FILES_ORDER)
