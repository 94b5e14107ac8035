"""Small value readers shared by article and list extraction (pure)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler.extract.text import inline_text
from crawler.site.selectors import select_roots


def texts(sel: Selector, selector: str) -> list[str]:
    """Text of each match: a text/attribute result as is, an element as its inline text."""
    return root_texts(select_roots(sel, selector))


def root_texts(roots: list[Any]) -> list[str]:
    """`texts` of matches already selected (`select_roots`)."""
    out = []
    for root in roots:
        text = inline_text(root) if isinstance(root, etree._Element) else str(root)
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


def first_text(sel: Selector, selector: str | None) -> str | None:
    if not selector:
        return None
    found = texts(sel, selector)
    return found[0] if found else None


def http_url(base: str, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#", "data:")):
        return None
    try:
        url = urljoin(base, href)
    except ValueError:  # an unclosed IPv6 bracket ('http://[x/a.html'): no address
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None
