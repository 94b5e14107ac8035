"""Titles: whitespace and site-name suffixes (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.normalize.folding import collapse as _collapse

# --------------------------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------------------------

# Separators CMSs put between the headline and the site name in <title>: '_', '-', ' - ',
# '--', '——', '|', '｜' (and the en dash / full-width hyphen look-alikes).
_TITLE_SEPARATOR = r"(?:_|-{1,2}|—{1,2}|–|－{1,2}|\||｜)"


# Private-use characters have no standard glyph: they are GB2312/GBK user-defined codes
# (rows AA-AF, F8-FE: a CMS's 造字 for a rare character, or a stray byte pair) that GBK and
# GB18030 decode into U+E000-U+F8FF: `投身外交(3)\ue004` on book.sina.com.cn's 2004 GB2312
# pages (its chapter lists end every title so), a rare name character typed with a 造字 font
# on GB2312-era government and court notice pages. Without that font no reader sees text.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
# A number and the unit that counts it are one word: a space between them is a line break or
# a padding character of the source, never meant: '调整2007　年末' (www.gov.cn 国务院公报
# <title>, U+3000), '2024 年 1 月' (pangu-spaced headlines on sspai.com, ithome.com), '第 3 期'.
_NUMBER_UNIT_SPACE = re.compile(r"(?<=[0-9])\s+(?=[年月日号期届次季])|(?<=第)\s+(?=[0-9])")
# ... and, once '2024年' is whole, the date goes on: '2024年 1月' -> '2024年1月'.
_DATE_PART_SPACE = re.compile(r"(?<=[0-9][年月])\s+(?=[0-9]{1,2}[月日号])")


def clean_title(raw: str | None, site_names: Iterable[str] = ()) -> str | None:
    """Whitespace collapsed, private-use characters and spaces inside '2007 年' dropped; a
    trailing ' - <site name>' suffix removed.

    ('崇明区新海镇…_上海基层党建网', ['上海基层党建网']) -> '崇明区新海镇…'. Bracketed
    prefixes like 【不忘初心 牢记使命】 are real title text and kept. Empty -> None. Idempotent.
    """
    if raw is None:
        return None
    title = _NUMBER_UNIT_SPACE.sub("", _PRIVATE_USE.sub("", raw))
    title = _collapse(_DATE_PART_SPACE.sub("", title))
    names = [name for name in (_collapse(n) for n in site_names if n) if name]
    suffixes = [
        re.compile(rf"(?P<title>.*?\S)\s*{_TITLE_SEPARATOR}\s*{re.escape(name)}", re.DOTALL)
        for name in names
    ]
    previous = None
    while title != previous:
        previous = title
        for suffix in suffixes:
            match = suffix.fullmatch(title)
            if match:
                title = match["title"]
    return title or None
