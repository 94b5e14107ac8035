"""Markup a page keeps in HTML comments for a script to show (pure).

Some templates print their content server-side and then comment it out, so that a script
can render it in the browser: the element is empty on the page but for one comment that
holds the markup. Seen as

- `<ul class="jytxxgklist"><!-- <li><a href="/jyt/c110634/202511/….shtml">…</a>
  <b>2025-11-17</b></li> … <script>createPageHTML('page_div',10, 1,'zwgklist',…)</script>
  --></ul>` on jyt.gansu.gov.cn's 信息公开 columns (the page's script fills the list by AJAX);
- `<div id="all_stats" class="table_wrapper"> … <!-- <div class="table_container">
  <table>…</table></div> --></div>` on the Sports Reference sites (fbref.com,
  basketball-reference.com), where a script un-comments the tables after load.

Only a comment that is the *only* content of its element is read: a commented-out block
*beside* live content is what templates leave behind when they retire a widget (the share
buttons in the article pages of ccdi.gov.cn, the 合作网站 aside of cjn.cn), and reading those
would put dead links in the list.
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
    found = []
    for comment in root.iter(etree.Comment):
        parent = comment.getparent()
        if parent is None or any(isinstance(c.tag, str) for c in parent):
            continue
        texts = [parent.text or ""] + [c.tail or "" for c in parent]
        if any(t.strip() for t in texts):
            continue
        found.append(comment)
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


def uncommented_page(sel: Selector) -> Selector:
    """The page with every sole-content comment that holds markup replaced by that markup, as
    the page's own script would show it. The page's tree is copied, not changed."""
    comments = [c for c in _sole_content_comments(sel.root) if "<" in (c.text or "")]
    if not comments:
        return sel
    root = copy.deepcopy(sel.root.getroottree().getroot())
    for comment in _sole_content_comments(root):
        markup = comment.text or ""
        if "<" not in markup:
            continue
        parent = comment.getparent()
        assert parent is not None
        nodes = html.fragments_fromstring(markup.strip())
        if nodes and isinstance(nodes[0], str):
            # Text before the first element: the element's own text, as it would parse.
            parent.text = (parent.text or "") + nodes.pop(0)
        position = parent.index(comment)
        parent.remove(comment)
        for offset, node in enumerate(nodes):
            parent.insert(position + offset, node)
    return Selector(root=root, type="html")
