"""The text bands around an article: between headline and body, and right after the body (pure).

Bylines (来源, 作者, 发布时间) live there on every CMS family; the bands are read lazily, in
document order, and stop after a few hundred characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeGuard

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.chrome import FURNITURE, INVISIBLE, Chrome
from crawler.extract.documents import is_front_page
from crawler.extract.text import BLOCK_TAGS, HIDDEN_STYLE, SKIP_TAGS, inline_text, is_hidden
from crawler.extract.vocabulary import BYLINE_HINT

# The hidden-style test of `text.is_hidden`, bound once for the element loop below.
_hidden_style = HIDDEN_STYLE.search

_CELLS = frozenset({"td", "th"})


def _joint(before: str, block: etree._Element, last_block: etree._Element | None) -> str:
    if not before.endswith((":", "：")):
        return "  "
    if block is last_block or block.tag in _CELLS:
        return " "
    return " | "  # split_byline ends a value at '|': the label's field is empty


def _block_of(el: etree._Element) -> etree._Element:
    """The nearest block element (itself or an ancestor) that a text node renders in."""
    node: etree._Element | None = el
    while node is not None:
        if node.tag in BLOCK_TAGS:
            return node
        node = node.getparent()
    return el


def _following_text(el: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """(text, element it is rendered in) for every non-blank text node after `el`, in
    document order.

    Lazy, unlike the XPath following::text() axis, which builds the list of every text node
    to the end of the page: the bands stop after a few hundred characters. A tail is rendered
    in the parent of its element: '来源: | 发布时间: 2018-05-17' may be the tail of a
    `<script>` (VSB templates print the header right after a click-counter script). Blank
    nodes (the indentation between tags, most text nodes of a page) are not yielded: a band
    skips them anyway.
    """
    node: etree._Element | None = el
    while node is not None:
        if _shows_text(node.tail):
            yield node.tail, node.getparent()
        nxt = node.getnext()
        while nxt is None:
            node = node.getparent()
            if node is None:
                return
            if _shows_text(node.tail):
                yield node.tail, node.getparent()
            nxt = node.getnext()
        yield from _subtree_text(nxt)
        node = nxt


def _shows_text(text: str | None) -> TypeGuard[str]:
    """Not empty nor whitespace only (what `" ".join(text.split())` leaves non-empty)."""
    return text is not None and text != "" and not text.isspace()


def _shown(el: etree._Element) -> bool:
    """An element whose text may be visible: not a comment, script/style or hidden box."""
    return isinstance(el.tag, str) and el.tag not in SKIP_TAGS and not is_hidden(el)


def _subtree_text(el: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """(text, element it is rendered in) of the non-blank text nodes inside `el`, in document
    order (tails after children).

    Script/style and hidden subtrees are not entered: none of their text is visible. A loop
    over a stack of child iterators, not nested generators: with `yield from` recursion every
    text node passed through one generator frame per level of nesting. The `_shown` and
    `_shows_text` tests are inlined in the loop (attribute reads, the style regex only where
    there is a style): it runs once per element of every band, ~350 elements a page on
    163.com and sina.com.cn articles, where the two calls per element were half its time.
    """
    if not _shown(el):  # a comment's .text is not page text
        return
    if _shows_text(el.text):
        yield el.text, el
    stack = [(el, iter(el))]
    skip, hidden_style = SKIP_TAGS, _hidden_style
    while stack:
        parent, children = stack[-1]
        for child in children:
            tag = child.tag
            if (
                isinstance(tag, str)
                and tag not in skip
                and child.get("hidden") is None
                and not ((style := child.get("style")) and hidden_style(style))
            ):  # `_shown(child)`
                text = child.text
                if text and not text.isspace():
                    yield text, child
                if len(child):
                    stack.append((child, iter(child)))
                    break
                # A leaf (most elements): its tail follows at once, without a stack entry.
            tail = child.tail
            if tail and not tail.isspace():
                yield tail, parent
        else:
            stack.pop()
            if stack and _shows_text(parent.tail):
                yield parent.tail, stack[-1][0]


def _visible_text_run(
    nodes: Iterable[tuple[str, etree._Element | None]],
    stop: etree._Element | None,
    limit: int,
    chrome: Chrome | None = None,
    skip_entries: bool = False,
) -> str:
    """Visible text of `nodes` up to `stop` (an element) or about `limit` characters, without
    the text of link-list entries if `skip_entries` (`_link_entry`).

    Text nodes are joined by one space after a label colon ('来源：' + '<a>求是网</a>', or the
    next table cell: `<td>发布日期：</td><td>2024-07-12</td>`), by ' | ' after a label colon
    that closes its block, and by two spaces otherwise. WHY: a boundary between elements ends
    a byline value, and split_byline ends values at two spaces and at '|'; joining everything
    with one space glued widget text to the value ('来源：求是网<a>参与互动</a>', '<span>来源:
    长江网</span><span>调整字体</span>'), and an empty field closing its block took the next
    block for its value (`<li>来源：当代商报 作者：</li><li>转载请注明：…`: WordPress
    'spostinfo' boxes on cjddsb.com and other local news sites; `<p>作者：</p>` on TRS pages).
    """
    out: list[str] = []
    size = 0
    last_block: etree._Element | None = None
    visible: dict[etree._Element, bool] = {}
    # Element -> whether it is `stop` or inside it, filled from the nearest known ancestor: one
    # step per element instead of a walk to the root for every text node.
    in_stop: dict[etree._Element | None, bool] = {stop: True, None: False}
    entries: dict[etree._Element, bool] = {}
    for node, el in nodes:
        text = " ".join(node.split())
        if not text or el is None:
            continue
        if stop is not None and _inside(el, in_stop):
            break
        if el not in visible:
            visible[el] = (
                chrome.visible(el)
                if chrome is not None
                else not any(a.tag in SKIP_TAGS or is_hidden(a) for a in (el, *el.iterancestors()))
            )
        if not visible[el]:
            continue
        block = _block_of(el)
        if skip_entries and block.tag == "li":
            if block not in entries:
                entries[block] = _link_entry(block)
            if entries[block]:
                # Not read, but counted: the band reaches no further down the page than
                # with the entry's text.
                size += len(text)
                if size > limit:
                    break
                continue
        if out:
            out.append(_joint(out[-1], block, last_block))
        out.append(text)
        last_block = block
        size += len(text)
        if size > limit:
            break
    return "".join(out)


_ENTRY_TITLE_MIN = 8


def _link_entry(li: etree._Element) -> bool:
    """An entry of a list of links to other pages, whose text (a headline, its date) is that
    page's, never a byline: `<li><a href="…/202307/bb80….shtml" title="图文解读：《…》">图文解读：
    《…》</a><span class="time">2023-07-12</span></li>` in the 关联稿件 box between headline and
    body (ucap county portals: wanzai.gov.cn), the 推荐/热点 lists beside ccdi.gov.cn articles
    ('今日锐评丨…', '画里有话丨…'), the related and 上一篇/下一篇 lists of sxrb.com and
    thepaper.cn. A headline-long link is a child of the entry; a byline field keeps the entry's
    text: labelled ('来源：<a>人民网</a>' in an `<li>` of a byline row), a byline word beside the
    link without a colon ('来源 <a>…</a>', '【来源】', '发布于 2023-07-12'), or a link to a portal's
    home page (an unlabelled 来源)."""
    for child in li:
        if child.tag != "a":
            continue
        href = (child.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:")):
            continue
        if len(" ".join(inline_text(child).split())) >= _ENTRY_TITLE_MIN:
            if is_front_page(href):
                # A portal's home page is a 来源 link ('<a href="http://cpc.people.com.cn/">
                # 中国共产党新闻网</a>'), never another article.
                return False
            if BYLINE_HINT.search(inline_text(li)):
                return False
            # A byline word outside the links, with no colon: '来源 <a>…</a>', '【来源】<a>…
            # </a>', '稿源：', '作者 <a>…</a>', '发布于 2023-07-12'.
            outside = (li.text or "") + "".join(
                (inline_text(sub) if isinstance(sub.tag, str) and sub.tag != "a" else "")
                + (sub.tail or "")
                for sub in li
            )
            return not _BYLINE_WORD.search(outside)
    return False


# The words of a byline field, labelled or not (BYLINE_HINT wants the colon).
_BYLINE_WORD = re.compile(r"来源|稿源|出处|作者|记者|编辑|发布|发表|日期|时间")


def _inside(el: etree._Element, known: dict[etree._Element | None, bool]) -> bool:
    chain = []
    node: etree._Element | None = el
    while node not in known:
        chain.append(node)
        node = node.getparent()  # type: ignore[union-attr]
    verdict = known[node]
    for item in chain:
        known[item] = verdict
    return verdict


def header_band(
    root: HtmlElement,
    title_el: etree._Element | None,
    body_el: etree._Element | None,
    limit: int = 400,
    chrome: Chrome | None = None,
) -> str:
    """Visible text between the headline and the body: where bylines live."""
    if title_el is None:
        return ""
    # Between headline and body a related list's dates are other pages' (the header's first
    # date is taken for the page's); below the body only labelled lines are read, and the
    # trailer's text is kept as it was (its first 200 characters are the editor's window).
    return _visible_text_run(_following_text(title_el), body_el, limit, chrome, skip_entries=True)


def trailer_band(
    body_el: etree._Element | None, limit: int = 300, chrome: Chrome | None = None
) -> str:
    """Visible text right after the body: some templates print the date line below it."""
    if body_el is None:
        return ""
    return _visible_text_run(_following_text(body_el), None, limit, chrome)


def leading_band(
    root: HtmlElement,
    body_el: etree._Element | None,
    limit: int = 1500,
    chrome: Chrome | None = None,
) -> str:
    """Visible text from the top of the page down to the body: a page's masthead and menus."""
    if body_el is None:
        return ""
    page = root.find("body")
    return _visible_text_run(
        _subtree_text(page if page is not None else root), body_el, limit, chrome
    )


_HEADLINE_TAGS = etree.XPath("//h1 | //h2 | //h3")


def headline_element(
    root: HtmlElement, title: str | None, body_el: etree._Element | None, chrome: Chrome
) -> etree._Element | None:
    """The visible heading above the body that prints `title`, even inside a box whose
    class/id reads as furniture, else None.

    WHY: the headline chooser skips headings in furniture-named boxes and may then take the
    title from <title>, with no element to read the byline band after. The headline's own
    box can carry such a name: `<aside class="ymw-contxt-aside"><h1>…</h1><span>2019-09-05
    11:10 游民星空</span></aside>` (gamersky.com, the one site seen; `<div class="side-title">
    <h1>` / `<div class="tools-head"><h2>` are the same grouping of headline, date and share
    buttons expected on other news templates, not observed on a named site). Its date/source
    line is still the page's, so the band starts at that heading.
    Tag furniture (nav, footer, links) and hidden boxes stay excluded.
    """
    wanted = "".join((title or "").split())
    if len(wanted) < 4:
        return None
    for heading in _HEADLINE_TAGS(root):
        if chrome.state(heading) & (INVISIBLE | FURNITURE):
            continue
        if body_el is not None and (heading is body_el or body_el in heading.iterancestors()):
            return None  # at the body: a copy of the headline in the text is no header
        if "".join(inline_text(heading).split()) == wanted:
            return heading
    return None
