"""One value per lxml element, computed on first use (pure).

Several passes of one page ask the same question of the same element (the page's class/id
scan, a body's link texts): the answer is kept for as long as the element's proxy lives, in
a weak mapping, so nothing outlives the page.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from lxml import etree

V = TypeVar("V")


class PerElement(Generic[V]):
    """`memo(el)` is `compute(el)`, computed once per element proxy."""

    def __init__(self, compute: Callable[[etree._Element], V]) -> None:
        self._compute = compute
        self._values: weakref.WeakKeyDictionary[etree._Element, V] = weakref.WeakKeyDictionary()

    def __call__(self, el: etree._Element) -> V:
        try:
            value = self._values.get(el)
        except TypeError:  # a plain lxml element (not lxml.html's) takes no weak reference
            return self._compute(el)
        if value is None:
            value = self._values[el] = self._compute(el)
        return value
