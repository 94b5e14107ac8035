"""One scan of a page's class/id attributes and <meta> tags, shared by every field (pure).

The headline, body, 来源 and author heuristics each looked for elements by class/id words
(`//@class[contains(., 'title') or …]/..`): one XPath pass over every attribute of the page
per field, 1–2 ms each on a 400 KB news page, most of it testing words against attributes
that hold none of them. Here the page's class and id values are read once (one C-level
pass), each distinct value is tested once against all the words of all fields, and the
matching elements are kept in document order by what they may be. <meta> tags are read
once into a name -> content table. The result is cached per parsed tree (keyed weakly by
its root element: it lives as long as the page's Selector).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from crawler.extract.memo import PerElement
from crawler.extract.text import document_tops

# What a class/id value may name, by substring (the exact token tests stay with each rule):
# headline boxes ('title', 'Title', 'heading', 'headline', and the abbreviation 'tit' that
# `titles` checks as a whole token), 来源 and author boxes, the known CMS body containers
# (`density.KNOWN_BODY_CONTAINERS`) and breadcrumb boxes.
TITLE_WORDS = ("title", "Title", "TITLE", "eading", "eadline", "tit", "Tit")
SOURCE_WORDS = ("source", "media", "laiyuan")
AUTHOR_WORDS = ("author", "writer", "zuozhe")
CRUMB_WORDS = ("crumb", "location", "position", "path", "dqwz", "weizhi")
# The attributes of every element: `//@class` walks every node of the page first (`//` is
# descendant-or-self::node()); `/descendant::*/@class` only the elements' attributes, the
# same attributes in the same order (~13% less time over the labelled pages).
_SCAN = etree.XPath("/descendant::*/@class | /descendant::*/@id")
# Headings are found by one C-level tag walk, not by six more `//hN` XPath passes merged into
# the attribute pass (the merge of a few headings into ~1,500 attributes cost more than the
# walk: 163.com, sina.com.cn article pages). The two small lists are put in document order by
# an XPath union of node-set variables.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_IN_DOCUMENT_ORDER = etree.XPath("$first | $second")


@dataclass
class PageScan:
    """Elements of one page by what their tag or class/id may make them, in page order."""

    titles: list[etree._Element] = field(default_factory=list)  # h1–h6 and 'title' boxes
    sources: list[etree._Element] = field(default_factory=list)
    authors: list[etree._Element] = field(default_factory=list)
    containers: list[etree._Element] = field(default_factory=list)  # known CMS body boxes
    crumbs: list[etree._Element] = field(default_factory=list)  # breadcrumb-named boxes
    metas: dict[str, str] = field(default_factory=dict)  # first non-blank content per name


_container_words: tuple[str, ...] = ()


def set_container_words(words: tuple[str, ...]) -> None:
    """The known body containers' ids and class names (set once by `density`)."""
    global _container_words  # noqa: PLW0603
    _container_words = words
    _VERDICTS.clear()


# Distinct class/id value -> what it may name (bits: _TITLE, _SOURCE, _AUTHOR, _CONTAINER,
# _CRUMB):
# values repeat a lot (every `<li class="item">` of a list), and recur on a site's pages.
_TITLE, _SOURCE, _AUTHOR, _CONTAINER, _CRUMB = 1, 2, 4, 8, 16
_VERDICTS: dict[str, int] = {}
_VERDICTS_MAX = 50_000


def _verdict(value: str) -> int:
    lower = value.lower()
    bits = (
        (_TITLE if any(w in value for w in TITLE_WORDS) else 0)
        | (_SOURCE if any(w in lower for w in SOURCE_WORDS) else 0)
        | (_AUTHOR if any(w in lower for w in AUTHOR_WORDS) else 0)
        | (_CONTAINER if any(w in value for w in _container_words) else 0)
        | (_CRUMB if any(w in lower for w in CRUMB_WORDS) else 0)
    )
    if len(_VERDICTS) >= _VERDICTS_MAX:
        _VERDICTS.clear()
    _VERDICTS[str(value)] = bits
    return bits


def page_scan(root: etree._Element) -> PageScan:
    """The scan of the page `root` belongs to (computed on first use, then cached)."""
    return _scan_of(root)


def _add(group: list[etree._Element], el: etree._Element) -> None:
    if not group or group[-1] is not el:  # class and id of one element both match
        group.append(el)


def _scan(root: etree._Element) -> PageScan:
    scan = PageScan()
    groups = (
        (_TITLE, scan.titles),
        (_SOURCE, scan.sources),
        (_AUTHOR, scan.authors),
        (_CONTAINER, scan.containers),
        (_CRUMB, scan.crumbs),
    )
    known = _VERDICTS.get
    for item in _SCAN(root):
        bits = known(item)
        if bits is None:
            bits = _verdict(item)
        if not bits:
            continue
        el = item.getparent()  # type: ignore[attr-defined]
        if el is None:
            continue
        for bit, group in groups:
            if bits & bit:
                _add(group, el)
    headings, metas = _headings_and_metas(root)
    if headings:
        scan.titles = (
            _IN_DOCUMENT_ORDER(root, first=headings, second=scan.titles)  # type: ignore[assignment]
            if scan.titles
            else headings
        )
    # A <meta> without content is skipped, as `//meta[@content]` skipped it.
    for meta in metas:
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("name", "property", "itemprop"):
            name = meta.get(attr)
            if name and name not in scan.metas:
                scan.metas[name] = content
    return scan


def _headings_and_metas(
    root: etree._Element,
) -> tuple[list[etree._Element], list[etree._Element]]:
    """h1–h6 and <meta> of the whole document, each in document order, as `//h1 | … | //h6`
    and `//meta` find them: also in the second top-level <html> that broken pages carry
    after the first (`text.document_tops`). One C-level tag walk for both: a walk over a
    400 KB page's ~3,000 elements costs ~0.1 ms even where it creates no element (163.com,
    sina.com.cn article pages), and the two lists were two walks."""
    headings: list[etree._Element] = []
    metas: list[etree._Element] = []
    for top in document_tops(root):
        for el in top.iter("meta", *_HEADINGS):
            (metas if el.tag == "meta" else headings).append(el)
    return headings, metas


# Every field's rules ask for the scan of the same page.
_scan_of: PerElement[PageScan] = PerElement(_scan)
