"""Profile selectors: one string that is either CSS (parsel flavour) or XPath, chosen by shape."""

from __future__ import annotations

import functools
from typing import Any

from cssselect import SelectorError
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator

_css_translator = HTMLTranslator()


class SelectorSyntaxError(ValueError):
    pass


def is_xpath(selector: str) -> bool:
    # XPath expressions in profiles always start at a root, a context node or a group;
    # CSS selectors never start with these characters.
    return selector.lstrip().startswith(("/", "./", "(", ".//"))


def check_selector(selector: str) -> None:
    """Raise SelectorSyntaxError if the selector cannot be compiled."""
    try:
        xpath = selector if is_xpath(selector) else _css_translator.css_to_xpath(selector)
        etree.XPath(xpath)
    except (SelectorError, etree.XPathSyntaxError, ValueError) as exc:
        raise SelectorSyntaxError(str(exc) or type(exc).__name__) from None


# CSS searched from the document node (see `select`): `/descendant::E` selects what `//E`
# does when the selector's first step has no positional predicate, without `//`'s pass over
# every node (text and comments too) of the page: 20–40% less time per profile selector on
# the demo pages. tests/unit/site/test_selectors.py compares the two. cssselect puts one
# there for `:scope` only (`*[position() = 1]`: under `//` every first child, under
# `/descendant::` the root alone), so a selector naming it keeps `//`.
DOCUMENT_PREFIX = "/descendant::"


@functools.lru_cache(maxsize=1024)
def document_css(selector: str) -> str:
    """The XPath of a CSS selector searched from the document node."""
    prefix = "//" if ":scope" in selector.lower() else DOCUMENT_PREFIX
    return _css_translator.css_to_xpath(selector, prefix=prefix)


def select(sel: Selector | SelectorList, selector: str) -> SelectorList:
    if is_xpath(selector):
        return sel.xpath(selector)
    if isinstance(sel, Selector) and _is_document(sel):
        # WHY: a stray '</html>' in the middle of a page (gov.cn gazette pages have one after
        # their header) makes lxml put the rest of the page into a second top-level element;
        # CSS evaluated from the first root would miss the whole body. Search the document.
        return sel.xpath(document_css(selector))
    return sel.css(selector)


def select_roots(sel: Selector | SelectorList, selector: str) -> list[Any]:
    """The `.root` of every match of `select(sel, selector)`: elements, strings, numbers.

    The same query on the same node, evaluated by a compiled XPath kept per query: the
    article and list readers want the lxml nodes, and `Selector.xpath` compiles its query on
    every call and wraps every result in a new Selector (most of a profile selector's cost on
    a small page: 7 selectors per article on the demo portal).
    """
    root = getattr(sel, "root", None)
    if not isinstance(sel, Selector) or sel.type != "html" or not isinstance(root, etree._Element):
        # A list of selectors, an XML document (CSS translated without HTML's rules) or a
        # text result: as Selector.xpath/.css do it.
        return [match.root for match in select(sel, selector)]
    if is_xpath(selector):
        query = selector
    elif _is_document(sel):
        query = document_css(selector)
    else:
        query = _css_translator.css_to_xpath(selector)  # what Selector.css evaluates
    try:
        result = _compiled(query, tuple(sorted(sel.namespaces.items())))(root)
    except etree.XPathError as exc:
        raise ValueError(f"XPath error: {exc} in {query}") from None
    return result if isinstance(result, list) else [result]


@functools.lru_cache(maxsize=1024)
def _compiled(query: str, namespaces: tuple[tuple[str, str], ...]) -> etree.XPath:
    # As Selector.xpath evaluates: the selector's namespaces (parsel maps `re:` to EXSLT
    # regular expressions), plain strings for text and attribute results.
    return etree.XPath(query, namespaces=dict(namespaces), smart_strings=False)


def _is_document(sel: Selector) -> bool:
    root = sel.root
    return isinstance(root, etree._Element) and root.getparent() is None
