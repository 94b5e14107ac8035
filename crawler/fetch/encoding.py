"""Catch a wrong declared charset: UTF-8 bytes under a GB* declaration, or GB bytes under UTF-8."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# Portals (and re-saved pages) keep `charset=gb2312` after the bytes became UTF-8. GB18030
# decodes nearly any byte string without error, so "does it decode as GB" proves nothing;
# strict UTF-8 decoding of a body with many multi-byte sequences is the reliable signal.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
_MIN_MULTIBYTE_CHARS = 8
# Every byte below 0xC0 (ASCII and UTF-8 continuation bytes): what is left after deleting
# them from valid UTF-8 is one lead byte per non-ASCII character, counted in C by
# `bytes.translate` instead of a Python loop over the decoded page.
_NOT_LEAD_BYTES = bytes(range(0xC0))


def _canonical(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def corrected_encoding(body: bytes, declared: str) -> str | None:
    """Return the encoding the body really has when `declared` is provably wrong, else None.

    >>> corrected_encoding("党建工作要闻，基层组织建设".encode(), "gb2312")
    'utf-8'
    """
    name = _canonical(declared)
    if name in _GB_FAMILY:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        multibyte = len(body.translate(None, _NOT_LEAD_BYTES))
        return "utf-8" if multibyte >= _MIN_MULTIBYTE_CHARS else None
    if name == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            try:
                body.decode("gb18030")
            except UnicodeDecodeError:
                return None
            return "gb18030"
    return None


def fix_encoding(response: TextResponse) -> TextResponse:
    """The response decoded with its real encoding when the declared one is provably wrong.

    What DeclaredEncodingFixMiddleware does in a crawl, for pages that do not come through the
    downloader (saved pages, the profile assistant's samples).
    """
    fixed = corrected_encoding(response.body, response.encoding)
    return response.replace(encoding=fixed) if fixed else response
