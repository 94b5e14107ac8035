"""Byline selectors of an article draft: the date line, and source/author/editor where they
have elements of their own; for the others, a note saying where the value comes from."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations, product

from lxml import etree
from parsel import Selector

from crawler.assistant.element_selectors import checked, css_for, xpath_for
from crawler.assistant.page_tree import contains, describe, document_order, innermost, short
from crawler.assistant.record_check import DraftChecker, FieldNote
from crawler.extract.text import SKIP_TAGS, inline_text, is_hidden
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import find_date, parse_cn_datetime
from crawler.normalize.record import BYLINE_FIELDS, NO_FUTURE_CHECK
from crawler.site.model import ArticleSelectors

# Labels of a date line ('发布时间：'): an element showing one is a byline, not a source.
_DATE_LABEL = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]")


# Elements after the body searched for a date/editor line below it (the generic trailer band
# reads about 300 characters there).
_TRAILER_ELEMENTS = 60


def _byline_region(
    root: etree._Element, title_el: etree._Element | None, body_el: etree._Element | None
) -> list[etree._Element]:
    """Visible elements where the generic extractor reads bylines: after the headline (or
    anywhere before the body without one) and a short way past the body, outside both."""
    order = document_order(root)
    start = order[title_el] if title_el is not None else -1
    stop = len(order)
    if body_el is not None:
        stop = max(order.get(e, 0) for e in body_el.iter()) + _TRAILER_ELEMENTS
    out = []
    for el, index in order.items():
        if el.tag in SKIP_TAGS or not start < index <= stop:
            continue
        if contains(el, title_el) or (title_el is not None and contains(title_el, el)):
            continue
        if body_el is not None and (contains(el, body_el) or contains(body_el, el)):
            continue
        if any(is_hidden(a) or a.tag in SKIP_TAGS for a in (el, *el.iterancestors())):
            continue
        out.append(el)
    return out


def _same_date(text: str, wanted: str | None) -> bool:
    """Whether a text holds the record's date (the same value once parsed)."""
    if not text or wanted is None:
        return False
    raw = find_date(text)
    parsed = parse_cn_datetime(raw, now=NO_FUTURE_CHECK) if raw else None
    return parsed is not None and parsed.isoformat() == wanted


def _field_from_text(text: str, name: str) -> str | None:
    parts = split_byline(text)
    value = parts.get(name) if any(parts.values()) else text
    return clean_source(value) if name == "source" else clean_person(value)


def _dedicated(text: str, name: str, value: str) -> bool:
    """Whether an element's whole text is this one byline field ('来源：X', '责任编辑：Y')."""
    parts = split_byline(text)
    if any(v for k, v in parts.items() if k != name):
        return False
    if find_date(text) or _DATE_LABEL.search(text):
        return False
    return _field_from_text(text, name) == value and len(text) <= len(value) + 12


def suggest_byline(
    sel: Selector,
    checker: DraftChecker,
    *,
    rules: ArticleSelectors,
    notes: dict[str, FieldNote],
    title_el: etree._Element | None,
    body_el: etree._Element | None,
) -> ArticleSelectors:
    """byline (the date line), and date/source/author/editor where they have own elements."""
    baseline = checker.baseline
    region = _byline_region(sel.root, title_el, body_el)
    in_region = set(region)
    date_el = innermost(
        [el for el in region if _same_date(inline_text(el), baseline["published_at"])]
    )
    anchor = date_el
    # Each option: alternatives (selector, description), best first.
    options: dict[str, list[tuple[str, str]]] = {}
    byline_el = None
    if anchor is None:
        # No date (or one that does not parse, '发布时间：待定'): the byline is the line that
        # shows the source/author the generic extractor read between headline and body.
        anchor = innermost(
            [
                el
                for el in region
                if any(
                    baseline[n]
                    and split_byline(inline_text(el)).get(n)
                    and _field_from_text(inline_text(el), n) == baseline[n]
                    for n in BYLINE_FIELDS
                )
            ]
        )
    if anchor is not None:
        chain = [anchor, *(a for a in anchor.iterancestors() if a in in_region)]
        # The byline: the smallest box around the date that holds every byline field the
        # largest box around it shows (those the generic extractor read from that line).
        widest = inline_text(chain[-1])
        shown = [
            n for n in BYLINE_FIELDS if baseline[n] and _field_from_text(widest, n) == baseline[n]
        ]
        byline_el = next(
            el
            for el in chain
            if all(_field_from_text(inline_text(el), n) == baseline[n] for n in shown)
        )
        options["byline"] = [(checked(css_for(sel, byline_el)), describe(byline_el))]
        own_text = [t for t in byline_el.xpath("./text()") if t.strip()]
        if own_text and _same_date(own_text[0], baseline["published_at"]):
            # Only the box's own text: widget links inside it ('来源：求是网<a>参与互动</a>')
            # would otherwise run into the last value.
            options["byline"].append(
                (
                    checked(xpath_for(sel, byline_el) + "/text()"),
                    (
                        f"the own text of {describe(byline_el, with_text=False)}: "
                        f"{short(' '.join(own_text[0].split()), 60)}"
                    ),
                )
            )
        if date_el is not None and date_el is not byline_el and len(inline_text(date_el)) <= 40:
            options["date"] = [(checked(css_for(sel, date_el)), describe(date_el))]
    for name in BYLINE_FIELDS:
        value = baseline[name]
        if not value:
            continue
        own = [el for el in region if _dedicated(" ".join(inline_text(el).split()), name, value)]
        el = innermost(own)
        if el is not None and el is not byline_el:
            options[name] = [(checked(css_for(sel, el)), describe(el))]

    chosen = _largest_reproducing(checker, rules, options)
    rules = replace(rules, **{n: p[0] for n, p in chosen.items()})  # type: ignore[arg-type]
    for name, alternatives in options.items():
        if name in chosen:
            notes[name] = FieldNote(chosen[name][0], True, chosen[name][1])
        else:
            css, description = alternatives[0]
            reason = checker.reason(replace(rules, **{name: css}))  # type: ignore[arg-type]
            notes[name] = FieldNote(css, False, f"{description}; not enabled: {reason}")
    _explain_missing(notes, checker, rules)
    return rules


def _largest_reproducing(
    checker: DraftChecker, rules: ArticleSelectors, options: dict[str, list[tuple[str, str]]]
) -> dict[str, tuple[str, str]]:
    """The largest set of options (one alternative each) with which the record stays the same.

    Options interact (a byline selector turns off the generic header band that a missing
    source selector relied on), so sets are tried whole, largest first, in the order the
    options were found (the byline line first). There are at most five options.
    """
    names = list(options)
    for size in range(len(names), 0, -1):
        for combo in combinations(names, size):
            for picks in product(*(options[n] for n in combo)):
                chosen = {n: p[0] for n, p in zip(combo, picks, strict=True)}
                trial = replace(rules, **chosen)  # type: ignore[arg-type]
                if not checker.diff(trial):
                    return dict(zip(combo, picks, strict=True))
    return {}


def _explain_missing(
    notes: dict[str, FieldNote], checker: DraftChecker, rules: ArticleSelectors
) -> None:
    """Notes for the byline fields that got no selector: where the value comes from instead."""
    baseline = checker.baseline
    how = checker.generic.methods
    if "byline" not in notes:
        if how.get("published_raw") == "meta":
            notes["byline"] = FieldNote(note="the date is only in a <meta> tag: no selector")
        elif how.get("published_raw") == "url":
            notes["byline"] = FieldNote(note="the date is only in the page's address")
        elif not baseline["published_at"]:
            notes["byline"] = FieldNote(note="the generic extractor found no date")
        else:
            notes["byline"] = FieldNote(note="no element outside the body holds the date")
    # How the draft itself finds each field: 'profile' from the byline selector.
    draft_how = checker.fields(rules).methods
    body = baseline["body"] or ""
    for name in BYLINE_FIELDS:
        if name in notes:
            continue
        value = baseline[name]
        if not value:
            notes[name] = FieldNote(note="not found by the generic extractor")
        elif draft_how.get(name) == "meta":
            notes[name] = FieldNote(note="only in a <meta> tag: no selector")
        elif draft_how.get(name) == "profile":
            notes[name] = FieldNote(note="no element of its own: read from the byline")
        elif value in body or rules.byline:
            notes[name] = FieldNote(
                note="read from the body text (dateline, lead or closing credit): "
                "no element holds it alone"
            )
        else:
            notes[name] = FieldNote(
                note="read from the text between headline and body: no element holds it alone"
            )
