"""Page chrome: is an element inside page furniture, or invisible? Once per element (pure).

The density and headline heuristics ask this for thousands of candidates. Walking every
candidate's ancestors with a regex and a hidden-check at each was most of a large page's
extraction time. Here each element's own verdict is computed once, top-down (from its
nearest known ancestor), and remembered: a candidate costs a dictionary lookup once its
ancestors are known, and elements no candidate sits in are never looked at.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from crawler.extract.documents import is_attachment
from crawler.extract.text import SKIP_TAGS, first_in_document, is_hidden
from crawler.extract.vocabulary import (
    FURNITURE_TAGS,
    FURNITURE_TOKENS,
    HEADER_TAGS,
    HEADER_TOKENS,
    LIST_TOKENS,
)

# Word tokens of a class/id: split on blanks, '-', '_', digits and camelCase.
_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
# A quick substring pre-test before the exact token test.
_MAYBE_FURNITURE = re.compile(
    "|".join(sorted(FURNITURE_TOKENS | HEADER_TOKENS | LIST_TOKENS)), re.IGNORECASE
)
# A list-named box is furniture when it is a list: list items (`<ul class="tie-list">` comment
# threads on 163.com, `<div class="adList">` on ifeng.com, related strips with teasers on
# gamersky.com and mydrivers.com), or a few links that make at least this share of its text.
# An article's own inline links are a few percent of its text, and its text is paragraphs.
_LIST_MIN_ITEMS = 3
_LIST_LINK_SHARE = 0.3
_ITEM_TAGS = frozenset({"div", "dl", "section", "article"})
# Text outside the items that makes a list-named box an article: a list box has at most a
# heading and a 'more' link besides its items.
_LIST_PROSE_CHARS = 100
# A furniture-named box holding at least this share of the page's text is a layout wrapper,
# not furniture: `<div class="post_header">` around the whole article on 163.com (an unclosed
# header box), `<div class="js_img_share_area">` around ifeng.com's article text,
# `<div class="blq-int-nav">` as bbc.com's outer container, `<div class="panel-list-border">`
# around an article on Bootstrap news sites (xds.cn, gsc.org.cn).
_WRAPPER_SHARE = 0.5
# Only block containers can be such wrappers (a list item or a link never is).
_WRAPPER_TAGS = frozenset("div section article main td table tbody tr center form body".split())
_TEXT_SIZE = etree.XPath("string-length(normalize-space(.))")

# Verdict bits: invisible; furniture for headlines and bodies; furniture for bodies only;
# the same two by class/id name alone (the tag says nothing). Names can mislead where tags do
# not: `guess_body` looks past named furniture when nothing else holds a body.
INVISIBLE, FURNITURE, BODY_FURNITURE, NAMED, NAMED_BODY = 1, 2, 4, 8, 16
_BY_TAG = INVISIBLE | FURNITURE | BODY_FURNITURE
# A name that is furniture only for a box of links (vocabulary.LIST_TOKENS): decided per
# element, never stored in a verdict.
_NAMED_IF_LINKS = 32


def class_tokens(el: etree._Element) -> set[str]:
    """Lower-cased word tokens of an element's class and id ('list_con' -> {'list', 'con'})."""
    marker = f"{el.get('class') or ''} {el.get('id') or ''}"
    return {t.lower() for t in _TOKEN.findall(marker)}


# Distinct class/id markers -> their NAMED bits: markers repeat across a page's elements.
_NAMED_BITS: dict[str, int] = {}
_NAMED_BITS_MAX = 50_000


def _named_bits(marker: str) -> int:
    bits = _NAMED_BITS.get(marker)
    if bits is None:
        bits = 0
        if _MAYBE_FURNITURE.search(marker):
            tokens = {t.lower() for t in _TOKEN.findall(marker)}
            if tokens & FURNITURE_TOKENS:
                bits = NAMED
            elif tokens & HEADER_TOKENS:
                bits = NAMED_BODY
            elif tokens & LIST_TOKENS:
                bits = _NAMED_IF_LINKS
        if len(_NAMED_BITS) >= _NAMED_BITS_MAX:
            _NAMED_BITS.clear()
        _NAMED_BITS[marker] = bits
    return bits


def _text_size(el: etree._Element) -> float:
    return _TEXT_SIZE(el)  # type: ignore[return-value]


def _outer_items(el: etree._Element) -> list[etree._Element]:
    """The box's list items that sit in no other list item of the box."""
    outer = []
    for li in el.iter("li"):
        node = li.getparent()
        while node is not None and node is not el and node.tag != "li":
            node = node.getparent()
        if node is None or node is el:
            outer.append(li)
    return outer


def _is_list_box(el: etree._Element) -> bool:
    items = _outer_items(el)
    if len(items) < _LIST_MIN_ITEMS:
        # Items as same-classed blocks: `<div class="list"><div class="item">…` (sina.com.cn's
        # comment list), `<dl class="news">` rows. Paragraphs do not count: Word-pasted texts
        # of government sites repeat `<p class="MsoNormal">`.
        blocks = Counter(
            (child.tag, child.get("class"))
            for child in el
            if child.tag in _ITEM_TAGS and child.get("class")
        )
        if blocks and max(blocks.values()) >= _LIST_MIN_ITEMS:
            key = max(blocks, key=blocks.__getitem__)
            items = [child for child in el if (child.tag, child.get("class")) == key]
    if len(items) >= _LIST_MIN_ITEMS:
        # A list is its items; an article that has a bulleted list (`<ol><li>` of measures
        # in a policy report, in a `div.list_con` text box) has paragraphs around it.
        return _outside_under(_text_size(el) - _LIST_PROSE_CHARS, items)
    # Links to files are a notice's attachments ('附件1：…实施方案.docx' under a one-sentence
    # 印发 notice), not a list of other pages.
    links = [a for a in el.iter("a") if not is_attachment(a.get("href") or "")]
    if len(links) < _LIST_MIN_ITEMS:
        return False
    return _sizes_reach(_LIST_LINK_SHARE * _text_size(el), links)


def _outside_under(need: float, parts: list[etree._Element]) -> bool:
    """The parts' text sizes add up to more than `need` (a box's text outside its items is
    under the prose limit): measured one by one until they do, not all of them."""
    total = 0.0
    for part in parts:
        if total > need:
            return True
        total += _text_size(part)
    return total > need


def _sizes_reach(threshold: float, parts: list[etree._Element]) -> bool:
    """The parts' text sizes add up to `threshold` at least: measured one by one (a text-size
    pass each, dozens in a comment list's or a related strip's box) until they do."""
    total = 0.0
    for part in parts:
        total += _text_size(part)
        if total >= threshold:
            return True
    return total >= threshold


def _invisible_itself(el: etree._Element) -> bool:
    """A script/style-like element or a box hidden by its own attributes."""
    tag = el.tag if isinstance(el.tag, str) else ""
    get = el.get  # attribute reads without building an attrib proxy per element
    return tag in SKIP_TAGS or (
        (get("style") is not None or get("hidden") is not None) and is_hidden(el)  # type: ignore[arg-type]
    )


class Chrome:
    """Furniture and visibility verdicts of one page's elements, computed on demand."""

    def __init__(self, root: etree._Element):
        self._root = root
        self._state: dict[etree._Element, int] = {}
        self._page_size: float | None = None
        self._named: dict[etree._Element, bool] = {}
        self._body: etree._Element | None = None
        self._around_body: set[etree._Element] = set()
        # Visibility alone, for elements whose full verdict nobody asked (see `visible`).
        self._hidden: dict[etree._Element, bool] = {}
        # Normalized text sizes of the boxes measured by the wrapper test.
        self._sizes: dict[etree._Element, float] = {}

    def _wrapper(self, el: etree._Element) -> bool:
        if self._page_size is None:
            body = first_in_document(self._root, "body")
            self._page_size = _text_size(body if body is not None else self._root) or 1.0
        threshold = _WRAPPER_SHARE * self._page_size
        # A box inside a box already measured under the threshold is under it too (its text
        # is a part of the outer box's, normalized no longer): no text-size pass over it.
        # More than half of the wrapper tests of the shared pages are such nested boxes.
        sizes = self._sizes
        if any(sizes.get(outer, threshold) < threshold for outer in el.iterancestors()):
            return False
        # A box measured before (`_named_own` asks again of boxes `state` tested) is not
        # measured again: the text-size pass is over its whole subtree.
        size = sizes.get(el)
        if size is None:
            size = sizes[el] = _text_size(el)
        return size >= threshold

    def _own(self, el: etree._Element, inherited: int = 0) -> int:
        """The element's own verdict bits. The wrapper test (a text-size XPath over the whole
        box) runs only where it can change the verdict: not for bits that `inherited`, the
        ancestors' verdict, already holds (a `<ul class="nav-list">` inside `<div
        class="nav">` is furniture either way)."""
        if _invisible_itself(el):
            return INVISIBLE
        tag = el.tag if isinstance(el.tag, str) else ""
        get = el.get  # attribute reads without building an attrib proxy per element
        bits = 0
        if tag in FURNITURE_TAGS:
            bits = FURNITURE
        elif tag in HEADER_TAGS:
            bits = BODY_FURNITURE
        else:
            class_, id_ = get("class"), get("id")
            if class_ is not None or id_ is not None:
                bits = _named_bits(f"{class_ or ''} {id_ or ''}")
                if bits & _NAMED_IF_LINKS:
                    # The list test is skipped, like the wrapper test below, where the
                    # ancestors are named furniture already.
                    bits = NAMED if not NAMED & ~inherited or _is_list_box(el) else 0
        if bits & ~inherited and tag in _WRAPPER_TAGS and self._wrapper(el):
            return 0
        return bits

    def state(self, el: etree._Element) -> int:
        known = self._state
        chain = []
        node: etree._Element | None = el
        while node is not None and node not in known:
            chain.append(node)
            node = node.getparent()
        bits = known[node] if node is not None else 0
        for item in reversed(chain):
            if not bits & INVISIBLE:
                bits |= self._own(item, bits)
            known[item] = bits
        return bits

    def visible(self, el: etree._Element) -> bool:
        """Not inside an invisible box (the INVISIBLE bit of `state`).

        Only the visibility part is computed, top-down from the nearest element whose
        visibility is known: the text bands ask this of the elements around the body
        (footers, sidebars, related lists), whose furniture tests (a wrapper's text size, a
        list's shape) would be wasted work.
        """
        known, hidden = self._state, self._hidden
        chain = []
        node: etree._Element | None = el
        while node is not None and node not in known and node not in hidden:
            chain.append(node)
            node = node.getparent()
        if node is None:
            invisible = False
        elif node in known:
            invisible = bool(known[node] & INVISIBLE)
        else:
            invisible = hidden[node]
        for item in reversed(chain):
            if not invisible:
                invisible = _invisible_itself(item)
            hidden[item] = invisible
        return not invisible

    def body_furniture(self, el: etree._Element, by_name: bool = True) -> bool:
        """Inside furniture or invisible: never the article body. With `by_name=False` only
        tags and visibility count, not furniture-like class/id names."""
        return bool(self.state(el) & (-1 if by_name else _BY_TAG))

    def title_furniture(self, el: etree._Element, body: etree._Element | None = None) -> bool:
        """Inside furniture (an article's own header box excepted) or invisible.

        With the page's `body`, a furniture-named box that holds the body is the article's
        wrapper, not furniture: `<div class="panel panel-list-border">` around headline,
        date line and text (Bootstrap news templates: xds.cn, gsc.org.cn), `<div
        class="blq-int-nav blq-container">` (bbc.com's outer container). Its text share can
        stay under the wrapper threshold on a page with a long sidebar.
        """
        bits = self.state(el)
        if bits & (INVISIBLE | FURNITURE):
            return True
        if not bits & NAMED:
            return False
        if body is None:
            return True
        if self._body is not body:
            self._body, self._around_body = body, set(body.iterancestors())
        return any(
            node not in self._around_body and self._named_own(node)
            for node in (el, *el.iterancestors())
        )

    def _named_own(self, el: etree._Element) -> bool:
        """The element's own name says furniture (and it is no wrapper): once per element."""
        own = self._named.get(el)
        if own is None:
            own = self._named[el] = bool(self._own(el) & NAMED)
        return own


def page_chrome(root: etree._Element) -> Chrome:
    return Chrome(root)
