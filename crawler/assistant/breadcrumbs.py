"""The breadcrumb box of a page ('当前位置：首页 > 基层党建') and the column it links to."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.assistant.page_tree import contains
from crawler.extract.text import document_elements, inline_text, is_hidden
from crawler.extract.vocabulary import CRUMB_PREFIX, CRUMB_SEPARATORS

# Breadcrumbs: a class/id naming the box, or a '当前位置：' label (vocabulary.CRUMB_PREFIX),
# and crumb separators (vocabulary.CRUMB_SEPARATORS).
_CRUMB_MARKER = re.compile(
    r"crumb|position|location|weizhi|dqwz|curpos|daohang|guide", re.IGNORECASE
)


_CRUMB_MAX_CHARS = 150


_CRUMB_TAGS = frozenset(["div", "p", "span", "td", "nav", "ul", "ol", "section", "h2", "h3"])


def breadcrumb_element(
    root: etree._Element, body_el: etree._Element | None
) -> etree._Element | None:
    """The breadcrumb box: short, with links and crumb separators or a '当前位置' label."""
    best: tuple[int, etree._Element] | None = None
    for el in document_elements(root):
        if el.tag not in _CRUMB_TAGS or (body_el is not None and contains(body_el, el)):
            continue
        if any(is_hidden(a) for a in (el, *el.iterancestors())):
            continue
        links = [a for a in el.iter("a") if a.get("href")]
        if not links or len(links) > 8:
            continue
        text = " ".join(inline_text(el).split())
        if not text or len(text) > _CRUMB_MAX_CHARS:
            continue
        labelled = bool(CRUMB_PREFIX.match(text))
        separated = bool(CRUMB_SEPARATORS.search(text))
        if not (labelled or separated):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        score = 2 * bool(_CRUMB_MARKER.search(marker)) + 2 * labelled + separated
        if score < 2:  # separators alone: a '>>' more-link, a pager
            continue
        # The best score; on a tie the innermost box (the crumbs without their frame), else
        # the first one (breadcrumbs sit at the top of the page).
        if best is None or score > best[0] or (score == best[0] and contains(best[1], el)):
            best = (score, el)
    return best[1] if best else None


def column_from_crumbs(
    crumb_el: etree._Element, crumbs: list[str], title: str | None, url: str
) -> tuple[str, str] | None:
    """(name, URL) of the last crumb that links somewhere other than the home page."""
    links = [(" ".join(inline_text(a).split()), a.get("href") or "") for a in crumb_el.iter("a")]
    for text, href in reversed(links):
        absolute = urljoin(url, href.strip())
        if not text or text == title or urlsplit(absolute).scheme not in ("http", "https"):
            continue
        if urlsplit(absolute).path.strip("/") in ("", "index.html", "index.htm", "index.shtml"):
            continue
        if text in crumbs:
            return text, absolute
    return None
