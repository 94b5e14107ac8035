"""Pagination read as data: script calls, variables and page-number patterns, never executed.

List pages (TRS createPageHTML, countPage variables, numbered index pages, Hanweb dataproxy
windows) and multi-page articles (the same createPageHTML call with the article's base name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

# A TRS WCM pager call with its argument list. The arguments come in several orders in the
# wild (portals.md 2.1): `createPageHTML(9, 0, "index", "html")`,
# `createPageHTML('page_div',5, 1,'fg','shtml',89)` (container id first) and
# `createPageHTML(89, 1,"index", "shtml", "black2",621)` (extra style/total arguments).
_CREATE_PAGE_CALL = re.compile(r"createPageHTML\s*\(([^()]*)\)")
# One literal argument: a quoted string (either quote) or an integer. Anything else (a
# variable, an expression) makes the call unreadable as data, and we then refuse to guess.
_ARGUMENT = re.compile(r"""\s*(?:"([^"]*)"|'([^']*)'|(-?\d+))\s*(?:,|$)""")
# The inline variant without a function: `var currentPage = 0;//所在页从0开始
# var countPage = 2//共多少页`, used by TRS templates and youth.cn.
_COUNT_PAGE_VAR = re.compile(r"\bcountPage\s*=\s*(\d+)")
_CURRENT_PAGE_VAR = re.compile(r"\bcurrentPage\s*=\s*(\d+)")
# index.html / index_3.html / index_3.shtml: the page number of a 0-based TRS page URL.
_INDEX_NAME = re.compile(r"(?P<base>[\w-]+?)(?:_(?P<n>\d+))?\.(?P<ext>s?html?)$")


@dataclass(frozen=True)
class PageCall:
    count: int  # total pages
    current: int  # this page's number as the call gives it
    base: str  # file base name, "index"
    ext: str  # "html", "shtml", "htm"
    # The number the call gives the first page. 0 in TRS's own form, whose page n is
    # base_n (`createPageHTML(9, 0, "index", "html")` on ndrc.gov.cn's index.html, index_1
    # the second page). 1 in the container-id-first form, whose first page says 1:
    # `createPageHTML('page_div',5, 1,'fg','shtml',89)` on csrc.gov.cn's fg.shtml,
    # `('page_div',22,1,'common_list','shtml',325)` on kunshan.gov.cn's common_list.shtml,
    # `('page_div',10, 1,'zwgklist','shtml',200)` on jyt.gansu.gov.cn's zwgklist.shtml; its
    # second page is base_2 (xlist_2.shtml on shaoyang.gov.cn, common_list_2 on kunshan).
    first: int = 0

    @property
    def page_number(self) -> int:
        """1 for the first page."""
        return self.current - self.first + 1

    def url_of(self, number: int, page_url: str) -> str:
        """The page the call numbers `number`: the first is base.ext, page n is base_n.ext."""
        if number == self.first:
            return urljoin(page_url, f"{self.base}.{self.ext}")
        return urljoin(page_url, f"{self.base}_{number}.{self.ext}")

    def next_url(self, page_url: str) -> str | None:
        nxt = self.current + 1
        return self.url_of(nxt, page_url) if nxt - self.first < self.count else None


def _literal_args(arg_text: str) -> list[str | int] | None:
    args: list[str | int] = []
    pos = 0
    text = arg_text.strip()
    while pos < len(text):
        m = _ARGUMENT.match(text, pos)
        if not m:
            return None
        dq, sq, num = m.groups()
        args.append(int(num) if num is not None else (dq if dq is not None else sq or ""))
        pos = m.end()
    return args


def parse_create_page_html(script: str) -> PageCall | None:
    """Read the first readable `createPageHTML(...)` call in a script text.

    >>> parse_create_page_html('createPageHTML(3, 0, "index", "html");')
    PageCall(count=3, current=0, base='index', ext='html', first=0)
    """
    return next(create_page_html_calls(script), None)


def create_page_html_calls(script: str) -> Iterator[PageCall]:
    """Every readable `createPageHTML(...)` call, in order (a function definition is not one)."""
    for match in _CREATE_PAGE_CALL.finditer(script):
        args = _literal_args(match.group(1))
        if not args:
            continue
        # Skip a leading container id; then count, current, base name and extension.
        first = 0
        while args and isinstance(args[0], str):
            args.pop(0)
            first = 1
        if len(args) < 4:
            continue
        count, current, base, ext = args[:4]
        if not (isinstance(count, int) and isinstance(current, int)):
            continue
        if not (isinstance(base, str) and isinstance(ext, str)) or not base or not ext:
            continue
        if first and current == 0:
            first = 0  # a container-id-first call that counts from 0 after all: as TRS's own
        if count < 1 or not first <= current < count + first:
            continue
        yield PageCall(count=count, current=current, base=base, ext=ext.lstrip("."), first=first)


def parse_page_count_var(script: str, page_url: str) -> PageCall | None:
    """Read `var countPage = N` (and `currentPage`, else the page number in the URL)."""
    count = _COUNT_PAGE_VAR.search(script)
    if not count:
        return None
    name = urlsplit(page_url).path.rsplit("/", 1)[-1] or "index.html"
    m = _INDEX_NAME.match(name)
    base, ext = (m.group("base"), m.group("ext")) if m else ("index", "html")
    current_var = _CURRENT_PAGE_VAR.search(script)
    if current_var:
        current = int(current_var.group(1))
    else:
        current = int(m.group("n")) if m and m.group("n") else 0
    n = int(count.group(1))
    if n < 1 or current >= n:
        return None
    return PageCall(count=n, current=current, base=base, ext=ext)


def article_page_urls(script: str, page_url: str) -> list[str]:
    """The continuation pages of a multi-page TRS article, from its first page's scripts.

    `createPageHTML(3,0,"t20190918_693227","shtml")` on t20190918_693227.shtml means pages
    t20190918_693227_1.shtml and t20190918_693227_2.shtml follow. Only a call naming this
    page's own file counts: a list pager elsewhere on the page is not the article's.
    """
    name = urlsplit(page_url).path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    for call in create_page_html_calls(script):
        if call.base == stem and call.current == call.first:
            numbers = range(call.first + 1, call.first + call.count)
            return [call.url_of(n, page_url) for n in numbers]
    return []


def _numbered_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.escape(pattern).replace(re.escape("{n}"), r"(\d+)") + "$")


def numbered_page(page_url: str, pattern: str) -> int:
    """The page number of a list URL under a numbered pattern; the column URL itself is 1.

    >>> numbered_page("http://x.cn/GB/394443/index3.html", "index{n}.html")
    3
    """
    match = _numbered_regex(pattern).search(urlsplit(page_url).path)
    return int(match.group(1)) if match else 1


def numbered_url(page_url: str, pattern: str, number: int) -> str:
    """The URL of page `number` (>= 2) next to `page_url`."""
    return urljoin(page_url, pattern.replace("{n}", str(number)))


@dataclass(frozen=True)
class DataproxyWindow:
    """One Hanweb JCMS dataproxy request: records start..end (1-based, inclusive).

    The jpage script fetches `group` screens of `perpage` records per request
    (`dataproxy.jsp?startrecord=1&endrecord=60&perpage=20`, portals.md 2.2).
    """

    start: int
    end: int
    perpage: int

    @classmethod
    def of(cls, page: int, perpage: int, group: int) -> DataproxyWindow:
        size = perpage * group
        return cls(start=(page - 1) * size + 1, end=page * size, perpage=perpage)

    def query(self) -> str:
        return f"startrecord={self.start}&endrecord={self.end}&perpage={self.perpage}"

    def has_next(self, total: int | None) -> bool:
        """Whether records follow this window. Without a <totalrecord> there is no telling
        (a server that ignores startrecord would answer the same records forever): stop."""
        return total is not None and self.end < total
