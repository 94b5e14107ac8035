"""Finding the list of a column page: groups of same-shaped siblings that each hold one
article link, lists a template splits in blocks, and how list-like each group is."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler.assistant.element_selectors import css_for, stable_classes
from crawler.extract.comments import commented_lists as find_commented_lists
from crawler.extract.text import SKIP_TAGS, document_elements, inline_text, marker_words

# List pages: class/id words of page furniture whose links are navigation, never entries.
# Whole words of the marker ('top-nav', 'topNav', 'menu_list'), so 'topic' or 'canvas' pass;
# a template's numbered copies count too ('menu1'..'menu3' on news.163.com, 'full_nav1' on
# guancha.cn, 'dl_nav01' on jyt.gansu.gov.cn).
_LIST_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head|top|banner|crumb|breadcrumb|"
    r"position|location|friend|links?|copyright)\d*(?=$|[\s_-])"
)


# Column index pages (index.html, index_2.shtml, default.htm, list.jsp): navigation targets.
_INDEX_PAGE = re.compile(r"(?:^|/)(?:index|default|list|main)(?:_\d+)?\.\w+$|/$|^$")


MIN_LIST_ENTRIES = 2


# Second-level labels under a country code that are not a site of their own: 'gansu.gov.cn',
# 'sina.com.cn', 'pku.edu.cn' and 'bbc.co.uk' are sites, 'gov.cn' and 'co.uk' are not.
_PUBLIC_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "mil", "co"})


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
    try:
        absolute = urljoin(page_url, href)
    except ValueError:  # an unclosed IPv6 bracket ('http://[x/a.html'): no address
        return None
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not _same_site(absolute, page_url):
        return None
    if absolute.split("#")[0] == page_url or _INDEX_PAGE.search(parts.path):
        return None
    return absolute


def entry_link(el: etree._Element, page_url: str) -> tuple[etree._Element, str] | None:
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
    <body> and <html> are never furniture: their classes tell states or options of the
    page (`<body class="scrollHeader">` on hrfund.com.cn, `<body class="… has-header-image">`
    of WordPress themes such as twentyseventeen), not what they hold."""
    for node in (el, *el.iterancestors()):
        if node.tag in ("body", "html"):
            return False
        if node.tag in ("nav", "header", "footer") or _LIST_FURNITURE.search(marker_words(node)):
            return True
    return False


def shape(el: etree._Element) -> tuple[str, tuple[str, ...]]:
    return (el.tag if isinstance(el.tag, str) else "", tuple(sorted(stable_classes(el))))


def entry_groups(root: etree._Element, url: str) -> Iterator[list[etree._Element]]:
    """Groups of same-shaped siblings (tag and classes) that each hold an article link."""
    for parent in document_elements(root):
        if parent.tag in SKIP_TAGS or _in_furniture(parent):
            continue
        by_shape: dict[tuple[str, tuple[str, ...]], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS and child.tag != "a":
                by_shape.setdefault(shape(child), []).append(child)
        for members in by_shape.values():
            linked = [m for m in members if entry_link(m, url)]
            if len(linked) >= MIN_LIST_ENTRIES:
                yield linked


@dataclass
class EntryGroup:
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


def chunked_lists(groups: list[list[etree._Element]]) -> list[EntryGroup]:
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
        shapes: list[object] = [shape(group[0])]
        for depth in range(_MAX_CHUNK_DEPTH):
            container = block.getparent() if block is not None else None
            if block is None or container is None or not _bare(block, group):
                break
            shapes.insert(0, shape(block))
            key = (id(container), depth, tuple(shapes))
            containers[id(container)] = container
            by_run.setdefault(key, []).append(group)
            block = container
    merged: list[EntryGroup] = []
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
        merged.append(EntryGroup([m for group in members for m in group], container, chain))
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


def group_score(group: list[etree._Element], url: str) -> float:
    """More entries, longer link texts (headlines, not '更多'), distinct links, and the
    headline as most of each entry's link text.

    The last term tells a column list from a menu: a news entry carries a few short links
    beside its headline (source and comment count, `<a class="source">21世纪经济报道</a>
    <a class="cmt">845</a>` on news.qq.com, a '[社会]' category on news.163.com), while a
    drop-down menu item's first link is one short word among many (hrfund.com.cn,
    gov.cn portal headers)."""
    links = [entry_link(m, url) for m in group]
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


def commented_lists(sel: Selector) -> list[tuple[str, int]]:
    """(selector, link count) of list containers that hold nothing but a comment full of
    links (extract.comments): `<ul class="jytxxgklist"><!-- <li><a …>…</a><b>date</b></li> …
    --></ul>` on jyt.gansu.gov.cn 信息公开 columns."""
    return [(css_for(sel, el), n) for el, n in find_commented_lists(sel.root, MIN_LIST_ENTRIES)]


def candidate_groups(root: etree._Element, url: str) -> list[EntryGroup]:
    """Every group of entries of the page, and the lists split in blocks among them."""
    groups = list(entry_groups(root, url))
    return [EntryGroup(g, g[0].getparent()) for g in groups] + chunked_lists(groups)
