"""Profile selectors: one string that is either CSS (parsel flavour) or XPath, chosen by shape."""

from __future__ import annotations

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


def select(sel: Selector | SelectorList, selector: str) -> SelectorList:
    if is_xpath(selector):
        return sel.xpath(selector)
    if isinstance(sel, Selector) and _is_document(sel):
        # WHY: a stray '</html>' in the middle of a page (gov.cn gazette pages have one after
        # their header) makes lxml put the rest of the page into a second top-level element;
        # CSS evaluated from the first root would miss the whole body. Search the document.
        return sel.xpath(_css_translator.css_to_xpath(selector, prefix="//"))
    return sel.css(selector)


def _is_document(sel: Selector) -> bool:
    root = sel.root
    return isinstance(root, etree._Element) and root.getparent() is None
