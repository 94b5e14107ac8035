"""Inline script data read as data: JavaScript array/object literals parsed, never executed.

Portals put list entries into scripts (12371.cn: `var item=[{'title':'…','brief':'2019-11-01
10:07:00','link_add':'https://…'}];`). This reader accepts literals only: strings in either
quote, numbers, true/false/null, arrays and objects (bare or quoted keys, trailing commas).
Anything else (a call, a variable, `'a' + 'b'`) makes the value unreadable and is refused.
"""

from __future__ import annotations

import re
from typing import Any

_MAX_DEPTH = 32  # real list arrays nest two levels; deeper input is not list data
_SPACE = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_BARE_KEY = re.compile(r"[A-Za-z_$][\w$]*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_STATEMENT_END = re.compile(r"[ \t]*(?:$|[;,)}\r\n]|//|/\*)")
_WORDS = {"true": True, "false": False, "null": None, "undefined": None}


class NotData(ValueError):
    """The script text at this point is code, not a literal."""


def find_array(script: str, name: str) -> list[Any] | None:
    """The array literal assigned to `name` (`var item=[…]`, `item = […]`), else None."""
    for match in re.finditer(rf"(?<![\w$.]){re.escape(name)}\s*=\s*(?=\[)", script):
        try:
            value, end = _Reader(script).value(match.end(), 0)
        except NotData:
            continue
        # `item=[…] + more` is an expression: the literal must end the statement.
        if isinstance(value, list) and _STATEMENT_END.match(script, end):
            return value
    return None


def keyed_values(script: str, keys: frozenset[str]) -> list[tuple[str, Any, int]]:
    """(key, literal value, offset) of `key: …` / `key = …` pairs whose key (lower-cased,
    quoted or bare) is in `keys`, in script order: `window.DATA = {"pubtime": "2019-09-07
    19:02:26"}`, `var pubtime='2021-01-05 16:59:00';`. A value that is code (`ptime =
    Get(…)`, `new Date(…)`), an array or an object is left out, as is a comparison
    (`pubtime == x`).
    """
    values: list[tuple[str, Any, int]] = []
    for match in _KEYED.finditer(script):
        key = match["key"].lower()
        if key not in keys:
            continue
        try:
            value, _ = _Reader(script).value(match.end(), 0)
        except NotData:
            continue
        if not isinstance(value, (list, dict)):
            values.append((key, value, match.start()))
    return values


# A key of an object literal or an assigned variable; `=` not followed by `=` (a comparison).
_KEYED = re.compile(r"""(?<![\w$])(?P<q>["']?)(?P<key>[A-Za-z_$][\w$]*)(?P=q)\s*(?::|=(?!=))""")


class _Reader:
    def __init__(self, text: str):
        self.text = text

    def skip(self, pos: int) -> int:
        match = _SPACE.match(self.text, pos)
        return match.end() if match else pos

    def value(self, pos: int, depth: int) -> tuple[Any, int]:
        if depth > _MAX_DEPTH:
            raise NotData("nested too deeply")
        pos = self.skip(pos)
        char = self.text[pos : pos + 1]
        if char == "[":
            return self.array(pos + 1, depth + 1)
        if char == "{":
            return self.object(pos + 1, depth + 1)
        if char in ("'", '"'):
            return self.string(pos)
        number = _NUMBER.match(self.text, pos)
        if number:
            literal = number.group(0)
            is_float = any(c in literal for c in ".eE")
            return (float(literal) if is_float else int(literal)), number.end()
        word = _BARE_KEY.match(self.text, pos)
        if word and word.group(0) in _WORDS:
            return _WORDS[word.group(0)], word.end()
        raise NotData(f"not a literal at {pos}")

    def array(self, pos: int, depth: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        while True:
            pos = self.skip(pos)
            if self.text[pos : pos + 1] == "]":
                return items, pos + 1
            item, pos = self.value(pos, depth)
            items.append(item)
            pos = self.after_item(pos, "]")

    def object(self, pos: int, depth: int) -> tuple[dict[str, Any], int]:
        obj: dict[str, Any] = {}
        while True:
            pos = self.skip(pos)
            if self.text[pos : pos + 1] == "}":
                return obj, pos + 1
            key, pos = self.key(pos)
            pos = self.skip(pos)
            if self.text[pos : pos + 1] != ":":
                raise NotData(f"expected ':' at {pos}")
            obj[key], pos = self.value(pos + 1, depth)
            pos = self.after_item(pos, "}")

    def after_item(self, pos: int, close: str) -> int:
        pos = self.skip(pos)
        char = self.text[pos : pos + 1]
        if char == ",":
            return pos + 1
        if char == close:
            return pos
        raise NotData(f"expected ',' or {close!r} at {pos}")

    def key(self, pos: int) -> tuple[str, int]:
        char = self.text[pos : pos + 1]
        if char in ("'", '"'):
            return self.string(pos)
        bare = _BARE_KEY.match(self.text, pos) or _NUMBER.match(self.text, pos)
        if not bare:
            raise NotData(f"not a key at {pos}")
        return bare.group(0), bare.end()

    def string(self, pos: int) -> tuple[str, int]:
        quote = self.text[pos]
        out: list[str] = []
        i = pos + 1
        while i < len(self.text):
            char = self.text[i]
            if char == quote:
                return _from_utf16("".join(out)), i + 1
            if char == "\n":
                break  # JavaScript strings do not span lines
            if char == "\\":
                i, decoded = self.escape(i + 1)
                out.append(decoded)
                continue
            out.append(char)
            i += 1
        raise NotData(f"unterminated string at {pos}")

    def escape(self, i: int) -> tuple[int, str]:
        char = self.text[i : i + 1]
        if char in ("u", "x"):
            size = 4 if char == "u" else 2
            digits = self.text[i + 1 : i + 1 + size]
            if len(digits) == size and all(c in "0123456789abcdefABCDEF" for c in digits):
                return i + 1 + size, chr(int(digits, 16))
            raise NotData(f"bad escape at {i}")
        if char == "\n":  # a line continuation
            return i + 1, ""
        return i + 1, _ESCAPES.get(char, char)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _from_utf16(text: str) -> str:
    """JavaScript strings are UTF-16: '\\ud83d\\ude00' is one character written as two escapes,
    and a lone half ('\\ud800') is no character at all; kept, it would make the record
    unwritable as UTF-8. Pairs are joined, lone halves dropped."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
