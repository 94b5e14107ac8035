"""The article half of a draft: find the elements the generic extractor used (headline,
body, byline, breadcrumb) and keep the selectors with which the record stays the same."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from crawler.assistant.breadcrumbs import breadcrumb_element, column_from_crumbs
from crawler.assistant.byline_draft import suggest_byline
from crawler.assistant.element_selectors import checked, css_for
from crawler.assistant.page_tree import contains, describe, short
from crawler.assistant.record_check import DraftChecker, FieldNote
from crawler.extract import generic
from crawler.extract.article import extract_breadcrumb
from crawler.extract.text import inline_text, paragraphs
from crawler.normalize.body import clean_body
from crawler.site.model import ArticleSelectors
from crawler.site.selectors import is_xpath


@dataclass
class ArticleDraft:
    url: str
    site_name: str
    rules: ArticleSelectors  # the live selectors, verified
    notes: dict[str, FieldNote]  # per profile field, for the comments
    strip_notes: dict[str, str]  # strip selector -> what it removes
    baseline: dict[str, Any]  # the generic extractor's record (comparable fields)
    produced: dict[str, Any]  # what the draft produces (equal to baseline on COMPARED_FIELDS)
    breadcrumb: list[str] = field(default_factory=list)
    column: tuple[str, str] | None = None  # (name, absolute URL) from the breadcrumb's links


def guess_site_name(root: etree._Element, title: str | None, url: str) -> str:
    """The portal's name: the last part of <title> after the headline, else the host."""
    doc_title = " ".join(root.xpath("string(//title)").split())
    rest = doc_title
    if title and doc_title.startswith(title):
        rest = doc_title[len(title) :]
    parts = [p for p in re.split(r"\s*(?:_|\||｜|--|——|—|－|-\s|\s-)\s*", rest) if p.strip()]
    if parts and (rest != doc_title or len(parts) > 1):
        return parts[-1].strip()
    return urlsplit(url).hostname or "portal"


def suggest_article(sel: Selector, url: str) -> ArticleDraft:
    """Find the elements the generic extractor used and write verified selectors for them."""
    root = sel.root
    checker = DraftChecker(sel, url, "")
    generic_fields = checker.generic
    body_el = generic.guess_body(root)
    _, title_el, title_how = generic.guess_title(root, body_el)
    site_name = guess_site_name(root, generic_fields.title, url)
    checker.site_name = site_name
    if checker.diff(ArticleSelectors()):
        # The name would be cut from the headline as a site suffix: keep the host instead.
        site_name = checker.site_name = urlsplit(url).hostname or "portal"
    notes: dict[str, FieldNote] = {}
    strip_notes: dict[str, str] = {}
    rules = ArticleSelectors()

    if body_el is not None:
        rules = _suggest_body(
            sel, checker, rules=rules, notes=notes, strip_notes=strip_notes, body_el=body_el
        )
    else:
        notes["body"] = FieldNote(None, False, "the generic extractor found no body")

    # Title.
    if title_el is not None:
        title_css = checked(css_for(sel, title_el))
        candidate = replace(rules, title=title_css)
        if not checker.diff(candidate):
            rules = candidate
            notes["title"] = FieldNote(title_css, True, describe(title_el))
        else:
            notes["title"] = FieldNote(title_css, False, checker.reason(candidate))
    else:
        where = "<meta>" if title_how == "meta" else "<title>"
        notes["title"] = FieldNote(None, False, f"found only in {where}: no element to select")

    rules = suggest_byline(
        sel, checker, rules=rules, notes=notes, title_el=title_el, body_el=body_el
    )

    # Breadcrumb: not a compared field (see COMPARED_FIELDS), so it is only checked to leave
    # the rest alone.
    draft_crumbs: list[str] = []
    column = None
    crumb_el = breadcrumb_element(root, body_el)
    if crumb_el is not None:
        crumb_css = checked(css_for(sel, crumb_el))
        crumbs = extract_breadcrumb(sel, crumb_css)
        candidate = replace(rules, breadcrumb=crumb_css)
        if len(crumbs) >= 2 and not checker.diff(candidate):
            rules = candidate
            draft_crumbs = crumbs
            notes["breadcrumb"] = FieldNote(crumb_css, True, " > ".join(crumbs))
            column = column_from_crumbs(crumb_el, crumbs, generic_fields.title, url)
    notes.setdefault("breadcrumb", FieldNote(None, False, "no breadcrumb box found"))

    return ArticleDraft(
        url=url,
        site_name=site_name,
        rules=rules,
        notes=notes,
        strip_notes=strip_notes,
        baseline=checker.baseline,
        produced=checker.record(rules),
        breadcrumb=draft_crumbs,
        column=column,
    )


def _suggest_body(
    sel: Selector,
    checker: DraftChecker,
    *,
    rules: ArticleSelectors,
    notes: dict[str, FieldNote],
    strip_notes: dict[str, str],
    body_el: etree._Element,
) -> ArticleSelectors:
    """The body container, with strip selectors for what the generic body leaves out."""
    body_css = checked(css_for(sel, body_el))
    candidates = [replace(rules, body=body_css)]
    # Lines the generic extractor cut from the top of its body (a headline copy, a byline):
    # if the profile path keeps them, strip their elements.
    raw_lines = paragraphs(body_el)
    got_lines = (checker.generic.body or "").split("\n")
    cut = len(raw_lines) - len(got_lines)
    leading = None
    if checker.generic.body and cut > 0 and raw_lines[cut:] == got_lines:
        leading = _leading_nodes(body_el, cut)
    lead_css = [checked(css_for(sel, n)) for n in leading or []]
    if lead_css:
        candidates.append(replace(rules, body=body_css, strip=tuple(lead_css)))
    chosen = next((c for c in candidates if not checker.diff(c)), None)
    if chosen is None:
        notes["body"] = FieldNote(
            body_css,
            False,
            f"{describe(body_el)}; not enabled: {checker.reason(candidates[-1])}",
        )
        return rules
    notes["body"] = FieldNote(body_css, True, describe(body_el))
    for css, node in zip(chosen.strip, leading or [], strict=False):
        strip_notes[css] = (
            f"{short(inline_text(node))}: the generic extractor drops this line at the top "
            "of the body (a copy of the headline or a byline); position-based, check it on "
            "other articles"
        )
    rules = chosen
    for node in _furniture_nodes(body_el, checker.baseline["body"]):
        css = checked(css_for(sel, node))
        if ":nth-of-type" in css or is_xpath(css):
            # A position names other text on the next article: only named boxes.
            continue
        trial = replace(rules, strip=(*rules.strip, css))
        if not checker.diff(trial):
            rules = trial
            strip_notes[css] = f"{short(inline_text(node))}: page furniture"
    return rules


def _leading_nodes(el: etree._Element, count: int) -> list[etree._Element] | None:
    """Elements at the start of `el` that hold exactly its first `count` paragraphs, or None.

    None when those paragraphs are not whole elements (text before the first child, a line
    broken off inside a <p> by <br>): such lines cannot be stripped by a selector.
    """
    if count == 0:
        return []
    if (el.text or "").strip():
        return None
    out: list[etree._Element] = []
    remaining = count
    for child in el:
        if remaining == 0:
            break
        n = len(paragraphs(child)) if isinstance(child.tag, str) else 0
        if n and n <= remaining:
            out.append(child)
            remaining -= n
        elif n:
            inner = _leading_nodes(child, remaining)
            if inner is None:
                return None
            out.extend(inner)
            remaining = 0
        if (child.tail or "").strip() and remaining:
            return None
    return out if remaining == 0 else None


def _furniture_nodes(body_el: etree._Element, kept_body: str | None) -> list[etree._Element]:
    """Outermost elements inside the body whose whole text the body cleaner drops.

    Share bars ('分享到：微信 微博'), print/close links, 'more' links: clean_body removes their
    lines from every body anyway; naming them in `strip` keeps a template change (a share bar
    with new wording) from leaking into records.
    """
    kept = set((kept_body or "").split("\n"))
    found: list[etree._Element] = []
    for el in body_el.iterdescendants():
        if not isinstance(el.tag, str) or any(contains(f, el) for f in found):
            continue
        lines = paragraphs(el)
        if lines and not clean_body("\n".join(lines)) and not kept & set(lines):
            found.append(el)
    return found
