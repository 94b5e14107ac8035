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
from crawler.site.selectors import is_xpath, select

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


# Second-level labels under a country code that are not a site of their own: 'gansu.gov.cn',
# 'sina.com.cn' and 'pku.edu.cn' are sites, 'gov.cn' and 'com.cn' are not.
_PUBLIC_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "mil"})


def site_domain(host: str) -> str:
    """The site a host belongs to: 'news.qq.com' and 'new.qq.com' are both 'qq.com',
    'jyt.gansu.gov.cn' is 'gansu.gov.cn'. An IP address is its own site."""
    host = host.lower().rstrip(".").removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 3 or all(label.isdigit() for label in labels):
        return host
    keep = 3 if labels[-2] in _PUBLIC_SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _same_site(url: str, page_url: str) -> bool:
    """Whether a link stays on the list page's site. Portals list articles served by a
    sibling host of the same site: news.qq.com lists new.qq.com/omn/… pages, news.163.com's
    rolling list mixes news.163.com and dy.163.com (网易号) articles, and provincial
    portals link articles on their departments' hosts under the same gov.cn domain."""
    host = urlsplit(url).hostname or ""
    page_host = urlsplit(page_url).hostname or ""
    return bool(host) and site_domain(host) == site_domain(page_host)


def _article_href(a: etree._Element, page_url: str) -> str | None:
    """The absolute URL of a link to an article-like page of the site, else None."""
    href = (a.get("href") or "").strip()
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return None
    absolute = urljoin(page_url, href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not _same_site(absolute, page_url):
        return None
    if absolute.split("#")[0] == page_url or _INDEX_PAGE.search(parts.path):
        return None
    return absolute


def _entry_link(el: etree._Element, page_url: str) -> tuple[etree._Element, str] | None:
    """The one article link of a list entry: the first link to an article-like page, and
    of the entry's links to that page the first with text. News lists put a picture link
    before the headline link to the same article (`<a class="picture"><img></a><h3><a>
    headline</a></h3>`: news.qq.com, sina.com.cn 图文 lists), and a category link before
    the headline (`<a href="/shehui/">[社会]</a> <a href="…html">headline</a>`:
    news.163.com rolling news, chinanews.com 滚动 lists) that the index-page rule skips."""
    found: tuple[etree._Element, str] | None = None
    for a in el.iter("a"):
        absolute = _article_href(a, page_url)
        if absolute is None or (found is not None and absolute != found[1]):
            continue
        if found is None:
            found = (a, absolute)
        if inline_text(a).strip():
            return a, absolute
    return found


def _in_furniture(el: etree._Element) -> bool:
    """Whether an element sits in page furniture (nav, header, footer, by tag or by class).
    <body> and <html> are never furniture: scripts mark them with states of the page
    (`<body class="scrollHeader">` on hrfund.com.cn, `class="has-top-nav"` themes), not
    with what they hold."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
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


@dataclass
class _EntryGroup:
    """Entries of one list: same-shaped elements under `container`, directly or through
    `chain` (the same-shaped blocks, outermost first, that a list split in chunks repeats)."""

    members: list[etree._Element]
    container: etree._Element
    chain: list[list[etree._Element]] = field(default_factory=list)


# How deep the blocks of a chunked list may nest ('div.cnt > ul.list_txt > li' is 2).
_MAX_CHUNK_DEPTH = 3


def _bare(block: etree._Element, members: list[etree._Element]) -> bool:
    """Whether all the text of a block is its entries' (spacers around them, no heading)."""
    text = "".join(inline_text(block).split())
    return text == "".join("".join(inline_text(m).split()) for m in members)


def _blank(el: etree._Element) -> bool:
    return not isinstance(el.tag, str) or (
        not inline_text(el).strip() and not any(a.get("href") for a in el.iter("a"))
    )


def _chunked_lists(groups: list[list[etree._Element]]) -> list[_EntryGroup]:
    """Lists that a template splits in blocks of a few entries: consecutive same-shaped
    blocks under one container, each holding one group of same-shaped entries and nothing
    else but spacers, separated only by empty elements. News rolling lists print five entries
    per block (`<div class="cnt"><ul class="list_txt">` five li `</ul></div><span
    class="hr_dot"></span>` on news.163.com; several `<ul class="list_ej2">` of five in
    people.com.cn column pages); boxes with headings of their own (a sidebar's 热点排行 and
    推荐阅读) are not bare and stay apart."""
    by_run: dict[tuple[int, int, tuple[object, ...]], list[list[etree._Element]]] = {}
    containers: dict[int, etree._Element] = {}
    for group in groups:
        block = group[0].getparent()
        shapes: list[object] = [_shape(group[0])]
        for depth in range(_MAX_CHUNK_DEPTH):
            container = block.getparent() if block is not None else None
            if block is None or container is None or not _bare(block, group):
                break
            shapes.insert(0, _shape(block))
            key = (id(container), depth, tuple(shapes))
            containers[id(container)] = container
            by_run.setdefault(key, []).append(group)
            block = container
    merged: list[_EntryGroup] = []
    for (container_id, depth, _), members in by_run.items():
        if len(members) < 2:
            continue
        container = containers[container_id]
        blocks = [_ancestor(group[0], depth + 1) for group in members]
        if not _consecutive(container, blocks):
            continue
        chain = [
            [_ancestor(group[0], level) for group in members] for level in range(depth + 1, 0, -1)
        ]
        merged.append(_EntryGroup([m for group in members for m in group], container, chain))
    return merged


def _ancestor(el: etree._Element, level: int) -> etree._Element:
    for _ in range(level):
        parent = el.getparent()
        assert parent is not None
        el = parent
    return el


def _consecutive(container: etree._Element, blocks: list[etree._Element]) -> bool:
    """Whether the blocks follow one another in the container with only empty elements
    (separators, spacers) between them."""
    children = list(container)
    positions = sorted(children.index(b) for b in blocks)
    between = children[positions[0] : positions[-1] + 1]
    wanted = {id(b) for b in blocks}
    return all(id(c) in wanted or _blank(c) for c in between)


def _group_score(group: list[etree._Element], url: str) -> float:
    """More entries, longer link texts (headlines, not '更多'), distinct links, and the
    headline as most of each entry's link text.

    The last term tells a column list from a menu: a news entry carries a few short links
    beside its headline (source and comment count, `<a class="source">21世纪经济报道</a>
    <a class="cmt">845</a>` on news.qq.com, a '[社会]' category on news.163.com), while a
    drop-down menu item's first link is one short word among many (hrfund.com.cn,
    gov.cn portal headers)."""
    links = [_entry_link(m, url) for m in group]
    urls = {link[1] for link in links if link}
    text = sum(len(inline_text(link[0])) for link in links if link) / max(len(group), 1)
    share = 0.0
    for member, link in zip(group, links, strict=True):
        if link is None:
            continue
        own = len(inline_text(link[0]).strip())
        every = sum(len(inline_text(a).strip()) for a in member.iter("a") if a.get("href"))
        share += own / every if every else 0.0
    return len(urls) * min(text, 30) * share / max(len(group), 1)


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
            (m := _first_match(o, css)) is not None and _shape(m) == _shape(el) for o in others
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
    """Entry, link, title and date selectors and the pagination strategy of a list page."""
    root = sel.root
    groups = list(_entry_groups(root, url))
    if not groups:
        return None
    candidates = [_EntryGroup(g, g[0].getparent()) for g in groups] + _chunked_lists(groups)
    best = max(candidates, key=lambda c: _group_score(c.members, url))
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
    for css, count in _commented_lists(sel):
        notes[f"commented {css}"] = (
            f"{css} is empty on the page but an HTML comment inside it holds {count} links: a "
            "browser does not show them (a script fills this list: find its data request)"
        )
    pagination, pagination_note, linked_next = guess_pagination(sel, url)
    crumb_el = breadcrumb_element(root, None)
    crumbs = extract_breadcrumb(sel, css_for(sel, crumb_el)) if crumb_el is not None else []
    return ListDraft(
        url=url,
        rules=rules,
        pagination=pagination,
        entries=entries,
        pagination_note=pagination_note,
        next_url=next_page_url(sel, url, pagination) or linked_next,
        notes=notes,
        breadcrumb=crumbs,
    )


# A link in commented markup, and an href that is a URL rather than a script template's
# placeholder (`href="<#=item.url#>"`, `{{url}}`, `${url}` in the JS templates that news
# sites keep in comments, news.163.com and sina.com.cn).
_LINK_HREF = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
_URL_HREF = re.compile(r"(?:https?://|/|\.{1,2}/|[\w-]+[./])[^<>{}$]*\Z")


def _commented_lists(sel: Selector) -> list[tuple[str, int]]:
    """(selector, link count) of list containers that hold nothing but a comment full of
    links. A template that renders its list by script may leave the server's rendering
    commented out (`<ul class="jytxxgklist"><!-- <li><a …>…</a><b>date</b></li> … --></ul>`,
    jyt.gansu.gov.cn 信息公开 columns): a browser shows the script's list, not these; the
    draft says so rather than reading them."""
    found = []
    for comment in sel.root.iter(etree.Comment):
        parent = comment.getparent()
        if parent is None or any(isinstance(c.tag, str) for c in parent):
            continue
        count = sum(1 for h in _LINK_HREF.findall(comment.text or "") if _URL_HREF.match(h))
        if count >= _MIN_LIST_ENTRIES:
            found.append((css_for(sel, parent), count))
    return found


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
