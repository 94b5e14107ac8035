"""Generic article heuristics for pages no profile covers (or where a profile's selector fails).

Each function takes lxml elements of a parsed page and returns raw values; normalization is
left to the pipelines. Rules are general (headline/`<title>` agreement, text density, the
header band between headline and body), never keyed to one site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree
from lxml.html import HtmlElement

from crawler.normalize import find_date, split_byline
from crawler.text import SKIP_TAGS, inline_text, is_hidden, paragraphs

# Containers used by the CMS families of Chinese official sites (portals.md 2, 3). They are
# tried before text density because density alone sometimes prefers a long related-links box.
KNOWN_BODY_CONTAINERS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[@id='zoom']",
    "//*[@id='vsb_content']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' wp_articlecontent ')]",
    "//*[@id='rwb_zw']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' rm_txt_con ')]",
    "//*[@id='p-detail']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' left_zw ')]",
    "//*[@id='detailContent']",
)
# Class/id words of page furniture: such boxes never hold the article body or headline.
_FURNITURE = re.compile(
    r"nav|menu|footer|foot|header|banner|sidebar|side|related|xgwz|share|comment|breadcrumb|"
    r"crumb|position|location|copyright|links|friend|recommend|hot|rank|list|tool",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]")
_EDITOR_LINE = re.compile(r"(?:责任编辑|责编|编辑)\s*[:：]\s*[^\s)）】\]]{1,20}")
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|——|－|-\s|\s-)\s*")
_DATE_METAS = (
    "PubDate",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "og:release_date",
    "datePublished",
    "dc.date",
)
_SOURCE_METAS = ("ContentSource", "contentSource", "source", "og:article:source")
_TITLE_METAS = ("og:title", "ArticleTitle", "title")
_MIN_BODY_CHARS = 60


def meta_content(root: HtmlElement, names: Iterable[str]) -> tuple[str, str] | None:
    """First non-blank <meta name|property=...> among `names`, as (name, content)."""
    for name in names:
        for value in root.xpath(
            "//meta[@name=$n or @property=$n or @itemprop=$n]/@content", n=name
        ):
            if value.strip():
                return name, value.strip()
    return None


def _furniture(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("nav", "footer", "header", "a"):
            return True
        marker = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marker.strip() and _FURNITURE.search(marker):
            return True
        if is_hidden(node):
            return True
    return False


def _longest_common_substring(a: str, b: str) -> int:
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, bj in enumerate(b, 1):
            if ch == bj:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def guess_title(root: HtmlElement) -> tuple[str | None, etree._Element | None, str]:
    """Headline text, its element, and how it was found ('heuristic' or 'meta')."""
    doc_title = " ".join(root.xpath("string(//title)").split())
    meta = meta_content(root, _TITLE_METAS)
    references = [t for t in (doc_title, meta[1] if meta else "") if t]
    weights = {"h1": 3.0, "h2": 2.0, "h3": 1.0}
    best: tuple[float, str, etree._Element] | None = None
    candidates = root.xpath(
        "//h1 | //h2 | //h3 | //*[contains(@class, 'title') or contains(@id, 'title')]"
    )
    for el in candidates:
        if el.tag in ("a", "title", "meta") or _furniture(el):
            continue
        text = inline_text(el)
        if not 4 <= len(text) <= 160:
            continue
        compact = text.replace(" ", "")
        coverage = (
            max(
                (_longest_common_substring(compact, r.replace(" ", "")) / len(compact))
                for r in references
            )
            if references
            else 0.0
        )
        score = weights.get(el.tag, 1.5) + 4 * coverage
        if best is None or score > best[0]:
            best = (score, text, el)
    if best is not None and best[0] >= 3.0:
        return best[1], best[2], "heuristic"
    if meta and "<" not in meta[1]:
        return meta[1], None, "meta"
    if doc_title:
        # "<headline>_<column>_<site>": the headline is the longest separated part.
        parts = [p for p in _TITLE_SEPARATORS.split(doc_title) if p]
        return max(parts, key=len), None, "heuristic"
    return None, None, "missing"


def body_score(el: etree._Element) -> int:
    return sum(len(p) for p in paragraphs(el) if len(p) >= 10)


def guess_body(root: HtmlElement) -> etree._Element | None:
    """The element that holds the article text: a known CMS container, else text density."""
    for xpath in KNOWN_BODY_CONTAINERS:
        for el in root.xpath(xpath):
            if not is_hidden(el) and body_score(el) >= _MIN_BODY_CHARS:
                return el
    scores: dict[etree._Element, float] = {}
    for p in root.iter("p", "div", "td", "span", "font"):
        if p.tag in SKIP_TAGS or _furniture(p):
            continue
        own = (p.text or "") + "".join(child.tail or "" for child in p)
        text_len = len("".join(own.split()))
        if p.tag == "p":
            text_len = len("".join(inline_text(p).split()))
            link_len = sum(len("".join(inline_text(a).split())) for a in p.iter("a"))
            text_len -= link_len
        if text_len < 10:
            continue
        parent = p.getparent() if p.tag in ("p", "span", "font") else p
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + text_len
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + text_len / 2
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el])


def header_band(
    root: HtmlElement,
    title_el: etree._Element | None,
    body_el: etree._Element | None,
    limit: int = 400,
) -> str:
    """Visible text between the headline and the body: where bylines live."""
    if title_el is None:
        return ""
    out: list[str] = []
    size = 0
    for text in title_el.xpath("following::text()"):
        parent = text.getparent()
        if parent is None:
            continue
        if body_el is not None and (parent is body_el or body_el in parent.iterancestors()):
            break
        if any(a.tag in SKIP_TAGS or is_hidden(a) for a in (parent, *parent.iterancestors())):
            continue
        out.append(str(text))
        size += len(text)
        if size > limit:
            break
    return " ".join(" ".join(out).split())


def trailer_band(body_el: etree._Element | None, limit: int = 300) -> str:
    """Visible text right after the body: some templates print the date line below it."""
    if body_el is None:
        return ""
    out: list[str] = []
    size = 0
    for text in body_el.xpath("following::text()"):
        parent = text.getparent()
        if parent is None or any(
            a.tag in SKIP_TAGS or is_hidden(a) for a in (parent, *parent.iterancestors())
        ):
            continue
        out.append(str(text))
        size += len(text)
        if size > limit:
            break
    return " ".join(" ".join(out).split())


def guess_date(root: HtmlElement, header: str, trailer: str) -> tuple[str | None, str]:
    found = find_date(header)
    if found:
        return found, "heuristic"
    # Below the body only a labelled date counts: related-article lists carry other dates.
    label = _DATE_LABEL.search(trailer)
    if label:
        found = find_date(trailer[label.start() : label.start() + 60])
        if found:
            return found, "heuristic"
    meta = meta_content(root, _DATE_METAS)
    if meta:
        return meta[1], "meta"
    return None, "missing"


def guess_byline(header: str, trailer: str) -> dict[str, str | None]:
    parts = split_byline(header)
    if not any(parts.values()):
        parts = split_byline(trailer[:200])
    return parts


def guess_source_meta(root: HtmlElement) -> str | None:
    meta = meta_content(root, _SOURCE_METAS)
    return meta[1] if meta else None


def guess_editor(body_tail: str, trailer: str) -> str | None:
    for text in (body_tail, trailer):
        m = _EDITOR_LINE.search(text)
        if m:
            return m.group(0)
    return None
