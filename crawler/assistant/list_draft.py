"""The list half of a draft: the group of same-shaped entries with article links, selectors
for entry, link, title and date, and the pager (pagination_guess)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler.assistant.breadcrumbs import breadcrumb_element
from crawler.assistant.element_selectors import checked, css_for, stable_classes, tag_name
from crawler.assistant.page_tree import contains
from crawler.assistant.pagination_guess import guess_pagination
from crawler.extract.article import extract_breadcrumb
from crawler.extract.lists import ListEntry, extract_list
from crawler.extract.text import SKIP_TAGS, document_elements, inline_text, marker_words
from crawler.normalize.dates import find_date
from crawler.paging import next_page_url
from crawler.site.model import ListSelectors, Pagination
from crawler.site.selectors import select

# List pages: class/id words of page furniture whose links are navigation, never entries.
# Whole words of the marker ('top-nav', 'topNav', 'menu_list'), so 'topic' or 'canvas' pass.
_LIST_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head|top|banner|crumb|breadcrumb|"
    r"position|location|friend|links?|copyright)(?=$|[\s_-])"
)


# Column index pages (index.html, index_2.shtml, default.htm, list.jsp): navigation targets.
_INDEX_PAGE = re.compile(r"(?:^|/)(?:index|default|list|main)(?:_\d+)?\.\w+$|/$|^$")


_MIN_LIST_ENTRIES = 2


@dataclass
class ListDraft:
    url: str
    rules: ListSelectors
    pagination: Pagination
    entries: list[ListEntry]
    pagination_note: str
    next_url: str | None
    notes: dict[str, str] = field(default_factory=dict)
    breadcrumb: list[str] = field(default_factory=list)


def _same_site(url: str, page_url: str) -> bool:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    page_host = (urlsplit(page_url).hostname or "").removeprefix("www.")
    return bool(host) and (host == page_host or host.endswith("." + page_host))


def _entry_link(el: etree._Element, page_url: str) -> tuple[etree._Element, str] | None:
    """The one article link of a list entry: its first link to an article-like page."""
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        absolute = urljoin(page_url, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not _same_site(absolute, page_url):
            continue
        if absolute.split("#")[0] == page_url or _INDEX_PAGE.search(parts.path):
            continue
        return a, absolute
    return None


def _in_furniture(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("nav", "header", "footer") or _LIST_FURNITURE.search(marker_words(node)):
            return True
    return False


def _shape(el: etree._Element) -> tuple[str, tuple[str, ...]]:
    return (el.tag if isinstance(el.tag, str) else "", tuple(sorted(stable_classes(el))))


def _entry_groups(root: etree._Element, url: str) -> Iterator[list[etree._Element]]:
    """Groups of same-shaped siblings (tag and classes) that each hold an article link."""
    for parent in document_elements(root):
        if parent.tag in SKIP_TAGS or _in_furniture(parent):
            continue
        by_shape: dict[tuple[str, tuple[str, ...]], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS and child.tag != "a":
                by_shape.setdefault(_shape(child), []).append(child)
        for members in by_shape.values():
            linked = [m for m in members if _entry_link(m, url)]
            if len(linked) >= _MIN_LIST_ENTRIES:
                yield linked


def _group_score(group: list[etree._Element], url: str) -> float:
    """More entries, longer link texts (headlines, not '更多'), distinct links, one per entry."""
    links = [_entry_link(m, url) for m in group]
    urls = {link[1] for link in links if link}
    text = sum(len(inline_text(link[0])) for link in links if link) / max(len(group), 1)
    per_entry = sum(
        len({urljoin(url, a.get("href") or "") for a in m.iter("a") if a.get("href")})
        for m in group
    ) / len(group)
    return len(urls) * min(text, 30) / max(per_entry, 1.0)


def _relative_css(entry: etree._Element, el: etree._Element, others: list[etree._Element]) -> str:
    """A selector, relative to an entry, whose first match is `el` in this entry and whose
    first match in every other entry is the corresponding element (same tag and classes)."""
    tag = tag_name(el) or "*"
    options = [*(f"{tag}.{c}" for c in stable_classes(el)), tag]
    for css in options:
        if _first_match(entry, css) is el and all(
            (m := _first_match(o, css)) is not None and _shape(m) == _shape(el) for o in others
        ):
            return css
    return options[0]


def _first_match(el: etree._Element, css: str) -> etree._Element | None:
    matches = [m.root for m in Selector(root=el).css(css) if isinstance(m.root, etree._Element)]
    return matches[0] if matches else None


def suggest_list(sel: Selector, url: str) -> ListDraft | None:
    """Entry, link, title and date selectors and the pagination strategy of a list page."""
    root = sel.root
    groups = list(_entry_groups(root, url))
    if not groups:
        return None
    group = max(groups, key=lambda g: _group_score(g, url))
    parent = group[0].getparent()
    assert parent is not None  # a group is made of siblings
    notes: dict[str, str] = {}
    parent_css = css_for(sel, parent)
    shape_tag = tag_name(group[0]) or "*"
    shared = [c for c in stable_classes(group[0]) if all(c in stable_classes(m) for m in group)]
    entry_css = f"{parent_css} > {shape_tag}" + "".join(f".{c}" for c in shared[:1])
    if [m.root for m in select(sel, entry_css)] != group:
        # Other children of the same tag hold no article link (separators, ads): harmless
        # (extract_list skips entries without a link), but say so.
        notes["entry"] = "also matches siblings without an article link (skipped when crawling)"
    first = group[0]
    link_el, _ = _entry_link(first, url) or (None, "")
    assert link_el is not None
    link_rel = _relative_css(first, link_el, [m for m in group if m is not first])
    link_css = f"{link_rel}::attr(href)"
    links = [_entry_link(m, url) for m in group]
    title_css: str | None = None
    if all(link and (link[0].get("title") or "").strip() for link in links):
        title_css = f"{link_rel}::attr(title)"
    elif link_rel != "a":
        title_css = link_rel
    date_css = _date_selector(group, links)
    rules = ListSelectors(
        entry=checked(entry_css),
        link=checked(link_css),
        title=checked(title_css) if title_css else None,
        date=checked(date_css) if date_css else None,
    )
    entries = extract_list(sel, url, rules)
    if len(entries) != len({link[1] for link in links if link}):
        notes["link"] = (
            f"the selectors read {len(entries)} entries of the {len(group)} found: check them"
        )
    pagination, pagination_note = guess_pagination(sel, url)
    crumb_el = breadcrumb_element(root, None)
    crumbs = extract_breadcrumb(sel, css_for(sel, crumb_el)) if crumb_el is not None else []
    return ListDraft(
        url=url,
        rules=rules,
        pagination=pagination,
        entries=entries,
        pagination_note=pagination_note,
        next_url=next_page_url(sel, url, pagination),
        notes=notes,
        breadcrumb=crumbs,
    )


def _date_selector(
    group: list[etree._Element], links: list[tuple[etree._Element, str] | None]
) -> str | None:
    """A selector for the entry's date: a child element whose text holds a date, else the
    entry's own text ('<li><a>…</a> 2020-05-13</li>')."""
    for member, link in zip(group, links, strict=True):
        for el in member.iterdescendants():
            if not isinstance(el.tag, str) or (link and contains(link[0], el)):
                continue
            if el.tag in SKIP_TAGS or not find_date(inline_text(el)):
                continue
            if any(find_date(inline_text(c)) for c in el if isinstance(c.tag, str)):
                continue  # a wrapper: the innermost dated element is the date
            css = _relative_css(member, el, [m for m in group if m is not member])
            hits = sum(
                1
                for m in group
                if (d := _first_match(m, css)) is not None and find_date(inline_text(d))
            )
            if hits * 2 >= len(group):
                return css
        own = " ".join(t for t in member.xpath("./text()") if t.strip())
        if find_date(own):
            return "./text()"
    return None
