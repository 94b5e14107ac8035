"""The list half of a draft: the best group of entries (list_groups), selectors for entry,
link, title and date, and the pager (pagination_guess)."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.assistant.breadcrumbs import breadcrumb_element
from crawler.assistant.element_selectors import checked, css_for, stable_classes, tag_name
from crawler.assistant.list_groups import (
    EntryGroup,
    candidate_groups,
    commented_lists,
    entry_link,
    group_score,
    shape,
)
from crawler.assistant.page_tree import contains
from crawler.assistant.pagination_guess import guess_pagination
from crawler.extract.article import extract_breadcrumb
from crawler.extract.comments import uncommented_page
from crawler.extract.lists import ListEntry, extract_list
from crawler.extract.text import SKIP_TAGS, inline_text
from crawler.normalize.dates import find_date
from crawler.paging import next_page_url
from crawler.site.model import ListSelectors, Pagination
from crawler.site.selectors import is_xpath, select


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


def _relative_css(entry: etree._Element, el: etree._Element, others: list[etree._Element]) -> str:
    """A selector, relative to an entry, whose first match is `el` in this entry and whose
    first match in every other entry is the corresponding element (same tag and classes).

    The element's own tag and classes first; then its parent's ('h3 > a' for the headline
    after a picture link, news.qq.com and sina.com.cn 图文 lists); then its position among
    its siblings ('a:nth-of-type(2)' for the headline after a '[社会]' category link,
    news.163.com and chinanews.com rolling lists)."""
    tag = tag_name(el) or "*"
    options = [*(f"{tag}.{c}" for c in stable_classes(el)), tag]
    parent = el.getparent()
    if parent is not None and parent is not entry and (parent_tag := tag_name(parent)):
        options += [*(f"{parent_tag}.{c} > {tag}" for c in stable_classes(parent))]
        options.append(f"{parent_tag} > {tag}")
    if parent is not None and tag != "*":
        same_tag = [c for c in parent if c.tag == el.tag]
        options.append(f"{tag}:nth-of-type({same_tag.index(el) + 1})")
    for css in options:
        if _first_match(entry, css) is el and all(
            (m := _first_match(o, css)) is not None and shape(m) == shape(el) for o in others
        ):
            return css
    return options[0]


def _child_step(selector: str, level: list[etree._Element]) -> str:
    """The step from a selector to its children of one level: their tag and the first
    class they all share ('ul.list_txt'), as CSS, or as XPath after an XPath selector."""
    tag = tag_name(level[0]) or "*"
    shared = [c for c in stable_classes(level[0]) if all(c in stable_classes(m) for m in level)]
    if not is_xpath(selector):
        return f" > {tag}" + "".join(f".{c}" for c in shared[:1])
    test = "".join(
        f"[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]" for c in shared[:1]
    )
    return f"/{tag}{test}"


def _first_match(el: etree._Element, css: str) -> etree._Element | None:
    matches = [m.root for m in Selector(root=el).css(css) if isinstance(m.root, etree._Element)]
    return matches[0] if matches else None


def suggest_list(sel: Selector, url: str) -> ListDraft | None:
    """Entry, link, title and date selectors and the pagination strategy of a list page.

    The page as a browser parses it first. Only where that holds no list at all, the page as
    its script shows it (source "commented_html", extract.comments): the server's rendering
    of the list kept in a comment inside the otherwise empty list element."""
    source = "html"
    page = sel
    candidates = candidate_groups(sel.root, url)
    if not candidates and commented_lists(sel):
        page = uncommented_page(sel)
        candidates = candidate_groups(page.root, url)
        source = "commented_html"
    if not candidates:
        return None
    draft = _draft(page, sel, url, candidates, source)
    if source == "commented_html":
        draft.notes["source"] = (
            "the entries are markup inside an HTML comment (the list element is empty on the "
            "page): a script shows them in a browser; check that it shows these"
        )
        # The pager is the page's, as a browser shows it; a pager inside the comment is
        # reported, not followed: its script's URL scheme is not on the page.
        commented, _, _ = guess_pagination(page, url)
        if commented.strategy != draft.pagination.strategy:
            draft.notes["pagination"] = (
                f"the comment also holds a pager ({commented.strategy}): set it in "
                "[pagination] once a browser confirms the second page's URL"
            )
    return draft


def _draft(
    sel: Selector, shown: Selector, url: str, candidates: list[EntryGroup], source: str
) -> ListDraft:
    """The draft from the list page as the rules read it (`sel`) and as a browser shows it
    (`shown`: pager and breadcrumb)."""
    best = max(candidates, key=lambda c: group_score(c.members, url))
    group = best.members
    notes: dict[str, str] = {}
    entry_css = css_for(sel, best.container)
    for level in (*best.chain, group):
        entry_css += _child_step(entry_css, level)
    if [m.root for m in select(sel, entry_css)] != group:
        # Other children of the same tag hold no article link (separators, ads): harmless
        # (extract_list skips entries without a link), but say so.
        notes["entry"] = "also matches siblings without an article link (skipped when crawling)"
    first = group[0]
    link_el, _ = entry_link(first, url) or (None, "")
    assert link_el is not None
    link_rel = _relative_css(first, link_el, [m for m in group if m is not first])
    link_css = f"{link_rel}::attr(href)"
    links = [entry_link(m, url) for m in group]
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
        source=source,
    )
    entries = extract_list(sel, url, rules)
    if len(entries) != len({link[1] for link in links if link}):
        notes["link"] = (
            f"the selectors read {len(entries)} entries of the {len(group)} found: check them"
        )
    for css, count in commented_lists(sel) if source == "html" else []:
        notes[f"commented {css}"] = (
            f"{css} is empty on the page but an HTML comment inside it holds {count} links: a "
            "browser does not show them (a script fills this list: find its data request)"
        )
    pagination, pagination_note, linked_next = guess_pagination(shown, url)
    crumb_el = breadcrumb_element(shown.root, None)
    crumbs = extract_breadcrumb(shown, css_for(shown, crumb_el)) if crumb_el is not None else []
    return ListDraft(
        url=url,
        rules=rules,
        pagination=pagination,
        entries=entries,
        pagination_note=pagination_note,
        next_url=next_page_url(shown, url, pagination) or linked_next,
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
