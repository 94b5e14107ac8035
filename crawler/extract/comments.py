"""Markup a page keeps in HTML comments for a script to show (pure).

Some templates print their content server-side inside a comment, and a script shows it in
the browser: the element is empty on the page but for one comment that holds the markup,

    <ul class="jytxxgklist"><!-- <li><a href="/jyt/c110634/202511/….shtml" title="…">…</a>
    <b>2025-11-17</b></li> … <script>createPageHTML('page_div',10, 1,'zwgklist',…)</script>
    --></ul>

on jyt.gansu.gov.cn's 信息公开 columns (../shared/corpus/gansu-jyt_list_1.html). That is the
only site of the labelled pages with it, so it is not a generic rule: a profile opts in
(`[list] source = "commented_html"`), and the assistant proposes it only for a list page
whose DOM holds no list at all. (The Sports Reference sites keep whole tables in comments that
a script un-comments, fbref.com and basketball-reference.com, but beside a section heading in
the same element: this module does not read those.)

Only a comment that is the *only* content of its element, and that holds at least one link
to a URL, is read. Comments *beside* live content are what templates leave when they retire
a widget (the share buttons of ccdi.gov.cn articles, cjn.cn's 合作网站 aside); IE conditional
comments, script templates (`href="<#=url#>"`, news.163.com), retired pager scripts and notes
are never shown by a browser as content.
"""

from __future__ import annotations

import copy
import re

from lxml import etree, html
from parsel import Selector

# A link in commented markup, and an href that is a URL rather than a script template's
# placeholder: the JS templates that pages keep in comments (`href="<#=href#>"` on
# news.163.com list pages, `href="{{newsurl}}e/space/…"` on ednchina.com articles).
_LINK_HREF = re.compile(r"<a\s[^>]*?href\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
_URL_HREF = re.compile(r"(?:https?://|/|\.{1,2}/|[\w-]+[./])[^<>{}$]*\Z")


def _sole_content_comments(root: etree._Element) -> list[etree._Comment]:
    """Comments that are the only content of their element: no element beside them, no text
    but white space."""
    comments = list(root.iter(etree.Comment))
    return [c for c, sole in zip(comments, _sole_content(comments), strict=True) if sole]


def _sole_content(comments: list[etree._Comment]) -> list[bool]:
    """Per comment, whether it is the only content of its element; decided once per element
    (a page may hold thousands of comments in one). The parents are kept in the cache, so
    that no id is reused by another element's proxy."""
    verdicts: dict[int, tuple[etree._Element, bool]] = {}
    found = []
    for comment in comments:
        parent = comment.getparent()
        if parent is None:
            found.append(False)
            continue
        cached = verdicts.get(id(parent))
        if cached is None:
            texts = [parent.text or ""] + [c.tail or "" for c in parent]
            sole = not any(isinstance(c.tag, str) for c in parent) and not any(
                t.strip() for t in texts
            )
            cached = verdicts[id(parent)] = (parent, sole)
        found.append(cached[1])
    return found


def commented_link_count(comment: etree._Comment) -> int:
    """Links to URLs (not script-template placeholders) in a comment's markup."""
    return sum(1 for href in _LINK_HREF.findall(comment.text or "") if _URL_HREF.match(href))


def commented_lists(root: etree._Element, min_links: int) -> list[tuple[etree._Element, int]]:
    """(element, link count) of elements that hold nothing but a comment of `min_links` or
    more links."""
    found = []
    for comment in _sole_content_comments(root):
        count = commented_link_count(comment)
        if count >= min_links:
            parent = comment.getparent()
            assert parent is not None
            found.append((parent, count))
    return found


def _revivable(comment: etree._Comment) -> bool:
    """Markup with at least one link to a URL: the rendering of content. Not an IE
    conditional comment (`<!--[if lt IE 9]><p>请升级浏览器</p><![endif]-->`), a script
    template (`<#=item.url#>`), a retired script or a note, which a browser never shows."""
    text = (comment.text or "").lstrip()
    return not text.startswith("[if") and commented_link_count(comment) > 0


def uncommented_page(sel: Selector) -> Selector:
    """The page with every sole-content comment that holds linked markup replaced by that
    markup, as the page's own script would show it. The page's tree is copied, not changed;
    a comment whose text does not parse as a fragment stays a comment."""
    every = list(sel.root.iter(etree.Comment))
    chosen = [
        i
        for i, (comment, sole) in enumerate(zip(every, _sole_content(every), strict=True))
        if sole and _revivable(comment)
    ]
    if not chosen:
        return sel
    root = copy.deepcopy(sel.root.getroottree().getroot())
    copied = list(root.iter(etree.Comment))  # the same comments, in the same order
    for index in chosen:
        _revive(copied[index])
    return Selector(root=root, type="html")


def _revive(comment: etree._Comment) -> None:
    try:
        nodes = html.fragments_fromstring((comment.text or "").strip())
    except (etree.ParserError, AssertionError, ValueError):
        # `<!--<html>-->`, `<!--<!DOCTYPE html>-->`: lxml takes these for whole documents.
        return
    parent = comment.getparent()
    assert parent is not None
    position = parent.index(comment)
    if nodes and isinstance(nodes[0], str):
        # Text before the first element: after what precedes the comment, as it would parse.
        leading = nodes.pop(0)
        if position == 0:
            parent.text = (parent.text or "") + leading
        else:
            before = parent[position - 1]
            before.tail = (before.tail or "") + leading
    parent.remove(comment)
    for offset, node in enumerate(nodes):
        parent.insert(position + offset, node)
