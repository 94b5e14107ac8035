"""The sample page's elements: every element (broken pages too), containment, innermost,
and how an element is described in the draft's comments."""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from crawler.extract.text import document_elements, inline_text


def document_order(root: etree._Element) -> dict[etree._Element, int]:
    return {el: i for i, el in enumerate(document_elements(root))}


def contains(outer: etree._Element, inner: etree._Element | None) -> bool:
    return inner is not None and (outer is inner or outer in inner.iterancestors())


def innermost(els: list[etree._Element]) -> etree._Element | None:
    """The innermost of the elements (one that contains none of the others)."""
    for el in els:
        if not any(other is not el and contains(el, other) for other in els):
            return el
    return None


def describe(el: etree._Element, *, with_text: bool = True) -> str:
    """'<div class="detail-info"> "2020年5月13日 00:00 来源：…"': for the draft's comments."""
    attrs = " ".join(f'{k}="{v}"' for k, v in el.attrib.items() if k in ("id", "class"))
    tag = el.tag if isinstance(el.tag, str) else "?"
    opening = f"<{tag}{' ' + attrs if attrs else ''}>"
    return f"{opening} {short(' '.join(inline_text(el).split()), 60)}" if with_text else opening


def short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
