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
    return sel.xpath(selector) if is_xpath(selector) else sel.css(selector)
