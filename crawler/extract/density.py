"""The article body: a known CMS container, else the densest text block (pure)."""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.chrome import Chrome, page_chrome
from crawler.extract.scan import page_scan, set_container_words
from crawler.extract.tables import data_table_score, largest_data_table
from crawler.extract.text import inline_text, paragraphs
from crawler.normalize.body import is_site_footer, may_hold_site_footer

# Containers used by the CMS families of Chinese official sites (portals.md 2, 3), in order of
# preference. They are tried before text density because density alone sometimes prefers a
# long related-links box. (kind, value): an element's id, or a class token of a <div>.
KNOWN_BODY_CONTAINERS = (
    ("class", "TRS_UEDITOR"),
    ("class", "TRS_Editor"),
    ("id", "UCAP-CONTENT"),
    ("id", "zoom"),
    ("id", "vsb_content"),
    ("class", "wp_articlecontent"),
    ("id", "rwb_zw"),
    ("class", "rm_txt_con"),
    ("id", "p-detail"),
    ("class", "left_zw"),
    ("id", "detailContent"),
)
# Found by the page's one class/id scan (`scan.page_scan`); the exact test is `_container_rank`.
set_container_words(tuple(value for _, value in KNOWN_BODY_CONTAINERS))
MIN_BODY_CHARS = 60
# Density candidates, prefiltered in C: paragraphs with some text, and blocks with a text node
# of their own (the rest score nothing). Document order, as before.
# A block also needs 10+ characters in its whole string value: its own text nodes are a part
# of that value, and `_densest` drops a block whose own text has fewer non-blank characters
# (Python's `split` blanks are a superset of XPath's, so the C test never drops a block that
# `_densest` would keep). The short menu spans and list cells (two in three candidates on
# 163.com and guancha.cn articles) then never become Python elements.
_BLOCK_OWN_TEXT = "[text()[normalize-space()]][string-length(normalize-space(.)) >= 10]"
# `/descendant::p[…]` is `//p[…]` for a predicate that is no position (the same nodes, in
# the same order) without the node-set of every node of the page that libxml2 builds for
# `//` before it filters: 0.30 -> 0.18 ms a page over the labelled pages.
_DENSITY_CANDIDATES = etree.XPath(
    "/descendant::p[string-length(normalize-space(.)) >= 10]"
    + "".join(f" | /descendant::{tag}{_BLOCK_OWN_TEXT}" for tag in ("div", "td", "span", "font"))
)  # compiled once, not per page


def body_score(el: etree._Element) -> int:
    """Characters of an element's article text: paragraphs of 10+ characters, or its data
    tables' cells where those are more."""
    score = sum(len(p) for p in paragraphs(el) if len(p) >= 10)
    tables = [el] if el.tag == "table" else el.iterdescendants("table")
    return max(score, sum(data_table_score(t) for t in tables if t.find(".//table") is None))


# A table's container is the body unless it holds much more than the table (a page wrapper).
_TABLE_CONTAINER_SHARE = 2
# How much more text than the densest block a data table needs to be the body instead.
_TABLE_OVER_BODY = 2
# Article text outside the table below which the densest block is a fragment (a title line,
# a footer remnant) that a table-bodied notice may leave out.
_TABLE_BESIDE_TEXT = 100


def _compact_len(el: etree._Element) -> int:
    return len("".join(inline_text(el).split()))


def _container_rank(el: etree._Element) -> int | None:
    classes = (el.get("class") or "").split()
    for rank, (kind, value) in enumerate(KNOWN_BODY_CONTAINERS):
        if kind == "id" and el.get("id") == value:
            return rank
        if kind == "class" and value in classes and el.tag == "div":
            return rank
    return None


def known_container(root: HtmlElement, chrome: Chrome) -> etree._Element | None:
    """The first visible known CMS container with some text, by preference then page order."""
    ranked = [
        (rank, el) for el in page_scan(root).containers if (rank := _container_rank(el)) is not None
    ]
    for _, el in sorted(ranked, key=lambda pair: pair[0]):
        if chrome.visible(el) and body_score(el) >= MIN_BODY_CHARS:
            return el
    return None


def guess_body(root: HtmlElement, chrome: Chrome | None = None) -> etree._Element | None:
    """The element that holds the article text: a known CMS container, else text density."""
    chrome = chrome or page_chrome(root)
    known = known_container(root, chrome)
    if known is not None:
        return known
    candidates: list[etree._Element] = _DENSITY_CANDIDATES(root)  # type: ignore[assignment]
    best = _densest(candidates, chrome, by_name=True)
    if best is None:
        # Nothing outside furniture-named boxes: the names mislead, as when the whole article
        # sits in `<div class="blq-int-nav blq-container">` (bbc.com's outer wrapper), `<div
        # class="js_img_share_area">` (ifeng.com's article text, beside a larger comment
        # column) or `<div class="panel panel-list-border">` (Bootstrap news templates:
        # xds.cn, gsc.org.cn). Look again, trusting only tags and visibility.
        best = _densest(candidates, chrome, by_name=False)
    return _or_data_table(root, chrome, best)


def _or_data_table(
    root: HtmlElement, chrome: Chrome, best: etree._Element | None
) -> etree._Element | None:
    """The container of the page's largest data table, where it holds more text than the
    densest block and is not inside it; else the densest block."""
    score, table = largest_data_table(root, chrome)
    if table is None or score < MIN_BODY_CHARS:
        return best
    if best is not None and (best is table or best in table.iterancestors()):
        return best
    best_score = body_score(best) if best is not None else 0
    if best is not None and _TABLE_OVER_BODY * best_score >= score:
        return best
    container = table.getparent()
    if container is None or _compact_len(container) > _TABLE_CONTAINER_SHARE * score:
        container = table
    if best is None or best_score < _TABLE_BESIDE_TEXT or container in best.iterancestors():
        return container
    # Text beside the table (a report next to a 办事指南 table, an intro above a notice's
    # table in a sibling box): the box holding both, where it is little more than both;
    # else the text, never a table that leaves it out.
    for common in best.iterancestors():
        if table in common.iterdescendants():
            size = _compact_len(common)
            return common if size <= _TABLE_CONTAINER_SHARE * (score + best_score) else best
    return best


def _article_chars(p: etree._Element) -> int:
    """What a candidate adds to its container: a paragraph's text without its links, a
    block's own text nodes; in both without the lines of the site's footer.

    The footer ('主办单位：…', '版权所有 …', 'ICP备…', '技术支持：…', one `<p>` or `<br>`
    lines in one `<div>`/`<td>`) is no article however small the real one is: a 信息公开
    page's short notice, a one-line announcement (www.gov.cn 部门 and provincial pages print
    150+ characters of footer).
    """
    if p.tag == "p":
        # One line of text first (a cheaper walk): without a footer word in it no paragraph
        # is a footer line, and its characters are those of all the paragraphs.
        line = inline_text(p)
        if may_hold_site_footer(line):
            size = sum(
                len("".join(part.split())) for part in paragraphs(p) if not is_site_footer(part)
            )
        else:
            size = len("".join(line.split()))
        return size - sum(len("".join(inline_text(a).split())) for a in p.iter("a"))
    parts = [p.text, *(child.tail for child in p)]
    return sum(len("".join(part.split())) for part in parts if part and not is_site_footer(part))


def _densest(
    candidates: list[etree._Element], chrome: Chrome, by_name: bool
) -> etree._Element | None:
    scores: dict[etree._Element, float] = {}
    for p in candidates:
        # Two filters, the cheaper first: a block's own text is a few string reads, the
        # furniture verdict a walk up its ancestors (most candidates are short spans and
        # cells of menus and lists). A paragraph's text is the dearer one.
        if p.tag == "p":
            if chrome.body_furniture(p, by_name=by_name):
                continue
            text_len = _article_chars(p)
        else:
            # The raw own-text length bounds the footer-aware one: the short blocks (five in
            # six of these candidates: menu spans, list cells) go before any footer test.
            own = (p.text or "") + "".join(child.tail or "" for child in p)
            own_len = len("".join(own.split()))
            if own_len < 10:
                continue
            # Without a footer word in the joined own text no text node of it is a footer
            # line (`may_hold_site_footer`): its characters are all of them, already counted.
            text_len = _article_chars(p) if may_hold_site_footer(own) else own_len
            if text_len < 10 or chrome.body_furniture(p, by_name=by_name):
                continue
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
    best = max(scores, key=lambda el: scores[el])
    # A few dozen characters is a byline or a caption, not an article: an empty article page
    # must come out without a body (and be rejected), not with its date line as the body.
    return best if scores[best] >= MIN_BODY_CHARS else None
