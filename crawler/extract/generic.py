"""Generic article heuristics for pages no profile covers (or where a profile's selector fails).

Each function takes lxml elements of a parsed page and returns raw values; normalization is
left to the pipelines. Rules are general (headline/`<title>` agreement, text density, the
header band between headline and body), never keyed to one site. The rules live by concern
in `titles`, `density`, `bands`, `credits` and `meta`; this module is their one front door.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from crawler.extract.bands import header_band, trailer_band
from crawler.extract.chrome import Chrome, page_chrome
from crawler.extract.credits import (
    closing_author,
    dateline_author,
    drop_title_lines,
    lead_byline,
)
from crawler.extract.density import KNOWN_BODY_CONTAINERS, body_score, guess_body
from crawler.extract.meta import DATE_METAS, SOURCE_METAS, meta_content
from crawler.extract.text import is_hidden
from crawler.extract.titles import guess_title
from crawler.extract.vocabulary import DATE_LABEL, EDITOR_LINE
from crawler.normalize.bylines import split_byline
from crawler.normalize.dates import find_date

__all__ = [
    "KNOWN_BODY_CONTAINERS",
    "Chrome",
    "body_score",
    "closing_author",
    "dateline_author",
    "drop_title_lines",
    "guess_body",
    "guess_byline",
    "guess_date",
    "guess_editor",
    "guess_source_meta",
    "guess_title",
    "header_band",
    "is_hidden",
    "lead_byline",
    "meta_content",
    "page_chrome",
    "trailer_band",
]


def guess_date(root: HtmlElement, header: str, trailer: str) -> tuple[str | None, str]:
    found = find_date(header)
    if found:
        return found, "heuristic"
    # Below the body only a labelled date counts: related-article lists carry other dates.
    label = DATE_LABEL.search(trailer)
    if label:
        found = find_date(trailer[label.start() : label.start() + 60])
        if found:
            return found, "heuristic"
    meta = meta_content(root, DATE_METAS)
    if meta:
        return meta[1], "meta"
    return None, "missing"


def guess_byline(header: str, trailer: str) -> dict[str, str | None]:
    parts = split_byline(header)
    if not any(parts.values()):
        parts = split_byline(trailer[:200])
    return parts


def guess_source_meta(root: HtmlElement) -> str | None:
    meta = meta_content(root, SOURCE_METAS)
    return meta[1] if meta else None


def guess_editor(body_tail: str, trailer: str) -> str | None:
    for text in (body_tail, trailer):
        m = EDITOR_LINE.search(text)
        if m:
            return m.group(0)
    return None
