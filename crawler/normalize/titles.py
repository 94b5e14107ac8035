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


def clean_title(raw: str | None, site_names: Iterable[str] = ()) -> str | None:
    """Whitespace collapsed; a trailing ' - <site name>' suffix removed.

    ('崇明区新海镇…_上海基层党建网', ['上海基层党建网']) -> '崇明区新海镇…'. Bracketed
    prefixes like 【不忘初心 牢记使命】 are real title text and kept. Empty -> None. Idempotent.
    """
    if raw is None:
        return None
    title = _collapse(raw)
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
