"""crawler.extract.titles helpers: common-substring agreement and <title>-prefix elements."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.titles import _longest_common_substring, _title_prefix_elements

# (a, b, length of their longest common substring), either order.
COMMON_CASES = [
    ("", "abc", 0),
    ("abc", "", 0),
    ("abc", "xyz", 0),
    ("abc", "abc", 3),
    ("xabcy", "zabcw", 3),
    ("aaaa", "aa", 2),
    ("abab", "baba", 3),
    ("崇明区新海镇答好考题", "新海镇:答好考题_上海基层党建网", 4),
    ("标题" * 40, "标题", 2),
]


@pytest.mark.parametrize(("a", "b", "length"), COMMON_CASES)
def test_longest_common_substring(a: str, b: str, length: int) -> None:
    assert _longest_common_substring(a, b) == length
    assert _longest_common_substring(b, a) == length


# The headline in a styled cell or span, found as the part of <title> before its suffix; text
# nested deep in the body and text after an inline child (a tail) both count, the <title>
# itself and the <head> never do.
PREFIX_PAGE = """<html><head><title>中华人民共和国监察法-纪检</title></head><body>
<table><tr><td><div><span class="STYLE8">中华人民共和国监察法</span></div></td></tr></table>
<p><b>说明</b>中华人民共和国</p><p>中华人民共和国监察法全文</p>
</body></html>"""


def test_title_prefix_elements() -> None:
    root = Selector(text=PREFIX_PAGE).root
    found = _title_prefix_elements(root, "中华人民共和国监察法-纪检")
    assert [(el.tag, el.text) for el in found] == [("span", "中华人民共和国监察法")]
