"""<meta> values: name/property/itemprop lookups shared by the heuristics (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml.html import HtmlElement

from crawler.extract.scan import page_scan

DATE_METAS = (
    "PubDate",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "og:release_date",
    "datePublished",
    "dc.date",
)
SOURCE_METAS = ("ContentSource", "contentSource", "source", "og:article:source")
TITLE_METAS = ("og:title", "ArticleTitle", "title")


def meta_content(root: HtmlElement, names: Iterable[str]) -> tuple[str, str] | None:
    """First non-blank <meta name|property|itemprop=...> among `names`, as (name, content).

    The page's <meta> tags are read once (`scan.page_scan`), not once per name."""
    metas = page_scan(root).metas
    for name in names:
        if name in metas:
            return name, metas[name]
    return None
