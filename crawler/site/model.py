"""Site profiles: one TOML file per portal, loaded into frozen dataclasses and validated.

A profile is data, not code. Loading checks every key, type and selector and fails with a
one-line :class:`ProfileError` naming the file and the field, so a typo is caught at start-up
rather than as a crawl of empty records.

A profile may `extends = "<family>"`: a CMS family file (`profiles/_families/<family>.toml`,
no id, no columns) holds what every portal on that CMS shares (pagination, list source,
article layouts). The profile's tables override the family's key by key; an array (columns,
strip, layouts) replaces the family's whole. An error in a key the family supplied names the
family file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

LIST_SOURCES = ("html", "commented_html", "script_array")
CONTINUATIONS = ("none", "create_page_html", "links")
ARTICLE_SELECTOR_KEYS = (
    "title",
    "byline",
    "date",
    "source",
    "author",
    "editor",
    "body",
    "breadcrumb",
)
# Keys only a portal profile has: a family describes a CMS, not one portal.
_PORTAL_ONLY_KEYS = ("id", "name", "base_url", "allowed_domains", "columns", "extends")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][\w$]*$")
# Record fields a [health] coverage rule may name.
COVERAGE_FIELDS = ("title", "body", "published_at", "source", "author", "editor")


class ProfileError(ValueError):
    """A site profile is malformed; the message is '<file>: <field>: <what is wrong>'."""


@dataclass(frozen=True)
class Pagination:
    # none: one list page per column; next_link: follow `next`; create_page_html: the TRS WCM
    # `createPageHTML(count, current, "index", "html")` script call; page_count_var: an inline
    # `var countPage = N` script (pages index.html, index_1.html, ...); numbered_link: the
    # page links `pattern` names (people.com.cn `index2.html`: pattern "index{n}.html", page 1
    # is the column URL), followed while the page links the next number; hanweb_dataproxy:
    # Hanweb JCMS columns, whose entries come from POSTs to `endpoint`
    # (?startrecord=&endrecord=&perpage=, form fields `form`), `group` pages per request.
    strategy: str = "none"
    next: str | None = None
    pattern: str | None = None
    endpoint: str | None = None
    perpage: int = 20
    group: int = 3
    form: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ListSelectors:
    # source "html": `entry` selects one node per article, the other selectors run inside it.
    # source "commented_html": the same, on the page as its script shows it: markup that is
    # the only content of an element, inside an HTML comment, read as markup
    # (extract.comments; jyt.gansu.gov.cn's 信息公开 lists).
    # source "script_array": entries are the objects of an inline script array
    # (`item=[{'title':…,'brief':…,'link_add':…}]`), read as data; the *_key fields name the
    # object keys.
    entry: str | None = None
    link: str = "a::attr(href)"
    title: str | None = None
    date: str | None = None
    source: str = "html"
    array: str | None = None
    link_key: str | None = None
    title_key: str | None = None
    date_key: str | None = None


@dataclass(frozen=True)
class Column:
    name: str
    url: str  # absolute, resolved against the profile's base_url
    pagination: Pagination
    list: ListSelectors | None = None  # None: the profile's [list]


@dataclass(frozen=True)
class ArticleSelectors:
    title: str | None = None
    byline: str | None = None  # the line that carries date, source and author together
    date: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: str | None = None
    breadcrumb: str | None = None
    strip: tuple[str, ...] = ()
    # Multi-page articles: create_page_html (TRS: `createPageHTML(3,0,"t20190918_693227",
    # "shtml")` on the article page, pages t…_1.shtml, t…_2.shtml follow) or links (the URLs
    # `continuation_links` selects on page 1). Their bodies are merged into one record.
    continuation: str = "none"
    continuation_links: str | None = None
    layouts: tuple[Layout, ...] = ()

    def layout(self, name: str | None) -> ArticleSelectors:
        """The selectors of the named layout (these rules when there is no such layout)."""
        for layout in self.layouts:
            if layout.name == name:
                return layout.article
        return self


@dataclass(frozen=True)
class Layout:
    """One article template of a portal, chosen by a cheap marker (web-poet's layout switch).

    `when` is a selector that matches only on pages of this template; `article` holds the
    profile's [article] selectors overridden key by key by the layout's own.
    """

    name: str
    when: str
    article: ArticleSelectors


@dataclass(frozen=True)
class SiteProfile:
    id: str
    name: str
    base_url: str
    allowed_domains: tuple[str, ...]
    columns: tuple[Column, ...]
    list: ListSelectors
    article: ArticleSelectors
    pagination: Pagination = field(default_factory=Pagination)
    site_names: tuple[str, ...] = ()  # title suffixes to strip, besides `name`
    verified: bool = False  # False: URLs/selectors written from documentation, not a live check
    notes: str = ""
    path: str = ""  # the file it was loaded from, for error messages
    family: str = ""  # the CMS family it extends, "" for none
    # [health] coverage: (record field, share of records that must have it) pairs that
    # override SPIDERMON_FIELD_COVERAGE_RULES for this portal (gov.cn prints no 来源 on most pages).
    coverage: tuple[tuple[str, float], ...] = ()

    def rebase(self, base_url: str) -> SiteProfile:
        """Point the profile at a mirror: column URLs keep their path below the new base."""
        if not base_url.endswith("/"):
            base_url += "/"
        columns = tuple(
            replace(c, url=urljoin(base_url, _relative_to(c.url, self.base_url)))
            for c in self.columns
        )
        host = urlsplit(base_url).hostname or ""
        return replace(self, base_url=base_url, columns=columns, allowed_domains=(host,))

    def title_suffixes(self) -> tuple[str, ...]:
        return (self.name, *self.site_names)

    def list_rules(self, column: Column) -> ListSelectors:
        return column.list or self.list


def on_site(url: str, domains: tuple[str, ...] | list[str]) -> bool:
    """Whether the URL's host is one of the domains or below one (Scrapy's offsite rule)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def to_mirror(url: str, home_domains: tuple[str, ...], mirror_base: str | None) -> str:
    """An absolute link to one of the portal's own hosts, pointed at the mirror (base_url);
    other URLs unchanged. A mirror of a portal whose lists link absolutely keeps its links."""
    if not mirror_base or not on_site(url, home_domains) or on_site(url, _host(mirror_base)):
        return url
    parts = urlsplit(url)
    rest = parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
    return urljoin(mirror_base if mirror_base.endswith("/") else mirror_base + "/", rest)


def _host(url: str) -> tuple[str, ...]:
    return ((urlsplit(url).hostname or "").lower(),)


def _relative_to(url: str, base: str) -> str:
    if url.startswith(base):
        return url[len(base) :]
    parts = urlsplit(url)
    return parts.path.lstrip("/") + (f"?{parts.query}" if parts.query else "")
