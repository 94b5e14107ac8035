"""Length-preserving folding and whitespace collapsing shared by the normalizers."""

from __future__ import annotations

import re

# Regexes run on a folded copy of the text in which every character maps to exactly one
# character, so a match span on the copy is also the span of the original spelling (find_date
# must return the date exactly as published). Folding: full-width ASCII (２０２１－０６－３０,
# ：, ｜, （) becomes ASCII, line breaks become '\n', other Unicode spaces (U+00A0, U+3000,
# U+2002-U+200B, U+FEFF) become ' ', and hyphen look-alikes become '-'.
_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_SPACES = "\t\x1f\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" + (
    "\u200b\u202f\u205f\u2060\u3000\ufeff"
)
_FOLD_TABLE: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD_TABLE.update({ord(ch): "\n" for ch in _LINE_BREAKS})
_FOLD_TABLE.update({ord(ch): " " for ch in _SPACES})
_FOLD_TABLE.update({ord(ch): "-" for ch in "\u2010\u2011\u2012\u2013\u2212"})


def fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


# Python's \s already covers U+00A0, U+3000 and U+2000-U+200A; zero-width space, word joiner
# and BOM are not "whitespace" to Python but are invisible padding on these sites.
WS_RUN_RE = re.compile(r"[\s\u200b\u2060\ufeff]+")


def collapse(text: str) -> str:
    return WS_RUN_RE.sub(" ", text).strip(" ")
