"""JavaScript literals read as data: strings decoded as JavaScript does (UTF-16 escapes)."""

from __future__ import annotations

import json

import pytest

from crawler.extract.scriptdata import find_array


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        pytest.param(r"'新华社'", "新华社", id="plain"),
        pytest.param(r"'\u65b0\u534e\u793e'", "新华社", id="bmp-escapes"),
        pytest.param(r"'\ud83d\ude00 笑'", "\U0001f600 笑", id="surrogate-pair-joined"),
        pytest.param(r"'来源\ud800网'", "来源网", id="lone-half-dropped"),
    ],
)
def test_strings_decode_as_javascript_does(literal: str, expected: str) -> None:
    values = find_array(f"var items = [{literal}];", "items")
    assert values == [expected]
    json.dumps(values, ensure_ascii=False).encode("utf-8")  # writable as UTF-8
