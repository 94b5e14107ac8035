"""Document links: a link to a file (PDF, Word, spreadsheet…) rather than a page (pure)."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urlsplit

ATTACHMENT_EXTENSIONS = frozenset(
    """
    pdf doc docx xls xlsx wps et ppt pptx zip rar 7z txt ofd csv
    """.split()
)


def split_url(url: str) -> SplitResult | None:
    """`urlsplit(url)`, or None for an address it refuses: an unclosed IPv6 bracket
    ('http://[x/a.pdf', a typo in a page's markup) raises ValueError there."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


# A site's front page: '/', '', 'index.html', 'default.aspx'… with no query.
_FRONT_PAGE_PATH = re.compile(
    r"/?(?:index|default)?(?:\.(?:s?html?|php|jsp|aspx?))?", re.IGNORECASE
)


def is_front_page(href: str) -> bool:
    """An absolute or root-relative link to a site's front page ('http://cpc.people.com.cn/',
    '/index.html'), not to an article."""
    parts = split_url(href.strip())
    return (
        parts is not None
        and bool(parts.netloc or href.strip().startswith("/"))
        and not parts.query
        and _FRONT_PAGE_PATH.fullmatch(parts.path) is not None
    )


def is_attachment(url: str) -> bool:
    """A document link: by the path's extension, or by a file name in the query string
    (Hanweb serves attachments as `/module/download/downfile.jsp?filename=x.pdf&...`)."""
    parts = split_url(url)
    if parts is None:
        return False
    names = [parts.path, *(v for _, v in parse_qsl(parts.query))]
    return any(n.rsplit(".", 1)[-1].lower() in ATTACHMENT_EXTENSIONS for n in names if "." in n)
