"""<meta> values: name/property/itemprop lookups shared by the heuristics (pure)."""

from __future__ import annotations

from collections.abc import Iterable

from lxml.html import HtmlElement

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
    """First non-blank <meta name|property=...> among `names`, as (name, content)."""
    for name in names:
        for value in root.xpath(
            "//meta[@name=$n or @property=$n or @itemprop=$n]/@content", n=name
        ):
            if value.strip():
                return name, value.strip()
    return None
