"""A CSS selector (or XPath) that matches exactly one element of the sample page: css_for,
xpath_for. Readable and robust first: ids and stable classes, then a distinctive ancestor,
then a structural path; generated per-page ids and classes are never used."""

from __future__ import annotations

import re
from itertools import combinations

from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from crawler.assistant.page_tree import contains
from crawler.site.selectors import check_selector, is_xpath, select

# What a CSS identifier may look like without escaping; anything else ('a:b', '1col', CJK)
# is skipped rather than escaped, since escaped selectors are hard to review.
_CSS_IDENT = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*\Z")


# Ids and classes with long digit runs or hex strings are generated per page or per article
# ('article_12345', 'ext-gen1234', 'c3f9a2b1e0'): a selector on them misses the next page.
_GENERATED_TOKEN = re.compile(r"\d{3,}|[0-9a-f]{8,}", re.IGNORECASE)


# An id made of a template name and a generated number: the stem is stable.
_NUMBERED_ID = re.compile(r"(?P<stem>[A-Za-z_][A-Za-z_-]*?[_-]?)\d{3,}\Z")


# How far up from an element a context ancestor is looked for ('div.main > div.crumb').
_MAX_CONTEXT_DEPTH = 6


_css_translator = HTMLTranslator()


def matches_only(sel: Selector, css: str, el: etree._Element) -> bool:
    matches = select(sel, css)
    return len(matches) == 1 and matches[0].root is el


def _stable(token: str) -> bool:
    return bool(_CSS_IDENT.match(token)) and not _GENERATED_TOKEN.search(token)


def tag_name(el: etree._Element) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.lower() if _CSS_IDENT.match(tag) else None


def stable_classes(el: etree._Element) -> list[str]:
    seen: list[str] = []
    for token in (el.get("class") or "").split():
        if _stable(token) and token not in seen:
            seen.append(token)
    return seen


def _own_selectors(el: etree._Element) -> list[str]:
    """Selectors built from the element alone: '#id', then tag + class chains."""
    tag = tag_name(el)
    if tag is None:
        return []
    out = []
    el_id = (el.get("id") or "").strip()
    if el_id and _stable(el_id):
        out.append(f"#{el_id}")
    elif el_id:
        # 'ArticleContentBlockTitle_909025': the template's name with a per-page number.
        prefix = _NUMBERED_ID.match(el_id)
        if prefix and _CSS_IDENT.match(prefix["stem"]) and len(prefix["stem"]) >= 4:
            out.append(f'{tag}[id^="{prefix["stem"]}"]')
    classes = stable_classes(el)
    out.extend(f"{tag}.{c}" for c in classes)
    for size in range(2, min(len(classes), 3) + 1):
        out.extend(f"{tag}." + ".".join(chain) for chain in combinations(classes, size))
    return out


def _nth_step(el: etree._Element) -> str:
    tag = tag_name(el) or "*"
    parent = el.getparent()
    same = [] if parent is None else [c for c in parent if c.tag == el.tag]
    if len(same) <= 1:
        return tag
    return f"{tag}:nth-of-type({same.index(el) + 1})"


def css_for(sel: Selector, el: etree._Element) -> str:
    """A selector that matches exactly `el` on the page, as readable and robust as possible.

    In order: the element's id or a class chain with its tag ('#zoom', 'div.detail-content');
    the same under a distinctive ancestor ('div.main > div.crumb', 'div.daty_con em.e2'); a
    structural path of tags and :nth-of-type below the nearest distinctive ancestor; and,
    when even that is ambiguous (broken markup), lxml's absolute XPath.
    """
    own = _own_selectors(el)
    for css in own:
        if matches_only(sel, css, el):
            return css
    if not contains(sel.root, el):
        # Outside the root element (a stray '</html>' puts the rest of the page in a second
        # top-level element): XPath reaches it wherever CSS is evaluated from the root only.
        for xpath in [*_simple_xpaths(el), *map(_document_xpath, own)]:
            if matches_only(sel, xpath, el):
                return xpath
        return _absolute_xpath(el)
    tag = tag_name(el)
    candidates = [*own, *([tag] if tag else [])]
    anchors: list[tuple[etree._Element, str]] = []
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth >= _MAX_CONTEXT_DEPTH or ancestor.tag in ("body", "html"):
            break
        for anchor in _own_selectors(ancestor):
            if not matches_only(sel, anchor, ancestor):
                continue
            anchors.append((ancestor, anchor))
            combinators = (" > ", " ") if depth == 0 else (" ",)
            for comb in combinators:
                for css in candidates:
                    if matches_only(sel, anchor + comb + css, el):
                        return anchor + comb + css
    # Structural: tag steps (with :nth-of-type where siblings share the tag) from the nearest
    # distinctive ancestor, else from the document root.
    steps = [_nth_step(el)]
    node = el.getparent()
    anchor_of: dict[etree._Element, str] = {}
    for ancestor, anchor in anchors:
        anchor_of.setdefault(ancestor, anchor)  # the first is the preferred one
    while node is not None:
        if node in anchor_of:
            css = anchor_of[node] + " > " + " > ".join(reversed(steps))
            if matches_only(sel, css, el):
                return css
        steps.append(_nth_step(node))
        node = node.getparent()
    css = " > ".join(reversed(steps))
    if "*" not in css and matches_only(sel, css, el):
        return css
    return _absolute_xpath(el)


def _absolute_xpath(el: etree._Element) -> str:
    """lxml's absolute path of the element, with steps that XPath can read: a tag with a
    prefix ('<sohu_cms_include:news>' of sohu.com templates, '<o:p>' of Word-saved pages)
    is not a namespace here, so it is matched by name."""
    steps = []
    for node in (*reversed(list(el.iterancestors())), el):
        name = node.tag if isinstance(node.tag, str) else ""
        parent = node.getparent()
        same = [c for c in parent if c.tag == node.tag] if parent is not None else [node]
        test = name if _CSS_IDENT.match(name) else f"*[name()='{name}']"
        steps.append(test + (f"[{same.index(node) + 1}]" if len(same) > 1 else ""))
    return "/" + "/".join(steps)


def _document_xpath(css: str) -> str:
    """CSS as an XPath over the whole document ('//div[...]'), for broken multi-root pages."""
    return "//" + _css_translator.css_to_xpath(css).removeprefix("descendant-or-self::")


def _simple_xpaths(el: etree._Element) -> list[str]:
    """'//div[@id='x']', '//div[@class='left-t']': the readable XPath forms of an element."""
    tag = tag_name(el) or "*"
    out = []
    for attr in ("id", "class"):
        value = el.get(attr) or ""
        if value.strip() and "'" not in value and not _GENERATED_TOKEN.search(value):
            out.append(f"//{tag}[@{attr}='{value}']")
    return out


def xpath_for(sel: Selector, el: etree._Element) -> str:
    """css_for as XPath, so that a step such as /text() can follow it."""
    for xpath in _simple_xpaths(el):
        if matches_only(sel, xpath, el):
            return xpath
    found = css_for(sel, el)
    return found if is_xpath(found) else _document_xpath(found)


def checked(selector: str) -> str:
    check_selector(selector)  # a generated selector that does not compile is a bug here
    return selector
