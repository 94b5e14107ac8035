"""Text out of lxml elements: one line for short fields, paragraphs for bodies."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

# Elements whose boundaries are paragraph breaks in the rendered page.
BLOCK_TAGS = frozenset(
    """
    address article aside blockquote center dd details dir div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary
    table tbody td th thead tfoot tr ul
    """.split()
)
# Elements that never carry visible article text.
SKIP_TAGS = frozenset(
    """
    script style noscript iframe button select option textarea input svg template head title
    meta link object embed canvas audio video map
    """.split()
)
# Inline `display:none` / `visibility:hidden`: real pages hide duplicate headers and SEO blocks
# (chinanews' BaiduSpider block, ccdi's trailer) that must not leak into records.
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Source formatting whitespace inside text nodes is not a paragraph break; only block
# boundaries and <br> are. U+00A0/U+3000 are left for the normalizers (they carry meaning).
_SOURCE_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")


def is_hidden(el: HtmlElement) -> bool:
    return el.get("hidden") is not None or bool(HIDDEN_STYLE.search(el.get("style") or ""))


_BREAK = "\n"
# Hot loops (every element of every candidate box): bound methods looked up once.
_collapse_source = _SOURCE_WHITESPACE.sub
_hidden_style = HIDDEN_STYLE.search


def _walk(el: etree._Element, out: list[str], with_tail: bool = True) -> None:
    """Append the visible text of `el` to `out`: text nodes with their source whitespace
    collapsed, `_BREAK` at block boundaries and <br>. is_hidden is inlined (attribute reads
    only): this runs once per element of every box a heuristic reads."""
    tag = el.tag
    if isinstance(tag, str):
        tag = tag.lower()
        get = el.get
        if (
            tag not in SKIP_TAGS
            and get("hidden") is None
            and not ((style := get("style")) and _hidden_style(style))
        ):
            block = tag in BLOCK_TAGS
            if block or tag == "br":
                out.append(_BREAK)
            text = el.text
            if text:
                out.append(_collapse_source(" ", text))
            for child in el:
                _walk(child, out)
            if block:
                out.append(_BREAK)
    if with_tail:
        tail = el.tail
        if tail:
            out.append(_collapse_source(" ", tail))


def _walk_raw(el: etree._Element, out: list[str]) -> None:
    """`_walk` for one-line text: text nodes as they are and a space for every break, since
    inline_text collapses the joined text once (collapsing each node first changes nothing)."""
    tag = el.tag
    if isinstance(tag, str):
        tag = tag.lower()
        get = el.get
        if (
            tag not in SKIP_TAGS
            and get("hidden") is None
            and not ((style := get("style")) and _hidden_style(style))
        ):
            block = tag in BLOCK_TAGS
            if block or tag == "br":
                out.append(" ")
            text = el.text
            if text:
                out.append(text)
            for child in el:
                _walk_raw(child, out)
                tail = child.tail
                if tail:
                    out.append(tail)
            if block:
                out.append(" ")


def _chunks(el: etree._Element) -> str:
    out: list[str] = []
    # The element's own tail is outside it. Read, never written: a damaged page's tail may hold
    # control characters that lxml refuses to store back.
    _walk(el, out, with_tail=False)
    return "".join(out)


def inline_text(el: etree._Element) -> str:
    """All visible text of an element on one line (<br> and blocks become spaces)."""
    out: list[str] = []
    _walk_raw(el, out)
    return _collapse_source(" ", "".join(out)).strip(" ")


def paragraphs(el: etree._Element) -> list[str]:
    """Visible text of an element as paragraphs, split at block boundaries and <br>."""
    lines = (line.strip(" ") for line in _chunks(el).split(_BREAK))
    return [line for line in lines if line.strip()]


def without(el: HtmlElement, remove: list[etree._Element]) -> HtmlElement:
    """A copy of `el` without the given descendants (the page tree is left untouched)."""
    if not remove:
        return el
    ids = {id(node) for node in remove}
    marked = [node for node in el.iter() if id(node) in ids]
    paths = [el.getroottree().getpath(node) for node in marked]
    clone = copy.deepcopy(el)
    clone.tail = None
    base = el.getroottree().getpath(el)
    # Resolve every node before removing any: removal renumbers the siblings' positions.
    doomed = [
        node
        for path in paths
        if path.startswith(base) and path != base
        for node in clone.xpath("." + path[len(base) :])
    ]
    for node in doomed:
        _drop(node)
    return clone


def _drop(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    # Keep the text that follows the dropped node: it belongs to the parent.
    if node.tail:
        prev = node.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def document_tops(el: etree._Element) -> list[etree._Element]:
    """The top-level elements of `el`'s document in order: its root, and the second <html>
    that broken pages carry after the first (the parser keeps it as a sibling of the root)."""
    top = el.getroottree().getroot()
    tops = (*reversed(list(top.itersiblings(preceding=True))), top, *top.itersiblings())
    return [t for t in tops if isinstance(t.tag, str)]


def first_in_document(el: etree._Element, tag: str) -> etree._Element | None:
    """The first `tag` element of `el`'s document, the one `(//tag)[1]` selects.

    A tag walk that stops at the first match: `<title>` and `<body>` sit at the top of a
    page, and an XPath `//title` walks all of it (~0.1 ms on a 400 KB page) to find them.
    """
    for top in document_tops(el):
        found = next(top.iter(tag), None)
        if found is not None:
            return found
    return None


def document_elements(root: etree._Element) -> Iterator[etree._Element]:
    """Every element of the page, including those of a second top-level <html> that broken
    pages carry after the first (the parser keeps it as a sibling of the root)."""
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        if isinstance(top.tag, str):
            yield from (el for el in top.iter() if isinstance(el.tag, str))


def marker_words(el: etree._Element) -> str:
    """class and id as lower-case words: 'topNav list_box' -> 'top nav list_box'."""
    text = f"{el.get('class') or ''} {el.get('id') or ''}"
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower().strip()
