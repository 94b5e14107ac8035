"""Site profiles: one TOML file per portal, loaded into frozen dataclasses and validated.

A profile is data, not code. Loading checks every key, type and selector and fails with a
one-line :class:`ProfileError` naming the file and the field, so a typo is caught at start-up
rather than as a crawl of empty records.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.selectors import SelectorSyntaxError, check_selector

PROFILES_DIR = Path(__file__).with_name("profiles")

PAGINATION_STRATEGIES = ("none", "next_link", "create_page_html", "page_count_var")


class ProfileError(ValueError):
    """A site profile is malformed; the message is '<file>: <field>: <what is wrong>'."""


@dataclass(frozen=True)
class Pagination:
    # none: one list page per column; next_link: follow `next`; create_page_html: the TRS WCM
    # `createPageHTML(count, current, "index", "html")` script call; page_count_var: an inline
    # `var countPage = N` script (pages index.html, index_1.html, ...).
    strategy: str = "none"
    next: str | None = None


@dataclass(frozen=True)
class Column:
    name: str
    url: str  # absolute, resolved against the profile's base_url
    pagination: Pagination


@dataclass(frozen=True)
class ListSelectors:
    entry: str
    link: str = "a::attr(href)"
    title: str | None = None
    date: str | None = None


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


def _relative_to(url: str, base: str) -> str:
    return url[len(base) :] if url.startswith(base) else urlsplit(url).path.lstrip("/")


# --- loading -------------------------------------------------------------------------------


class _Reader:
    """Typed access to one TOML table that remembers the dotted field path for errors."""

    def __init__(self, path: Path, data: dict[str, Any], prefix: str = ""):
        self.path, self.data, self.prefix = path, data, prefix
        self.seen: set[str] = set()

    def error(self, key: str, message: str) -> ProfileError:
        return ProfileError(f"{self.path}: {self.prefix}{key}: {message}")

    def get(self, key: str, kind: type, *, required: bool = False, default: Any = None) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise self.error(key, "is required")
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(key, f"must be {kind.__name__}, not {type(value).__name__}")
        if kind is str and required and not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def selector(self, key: str, *, required: bool = False) -> str | None:
        value = self.get(key, str, required=required)
        if value is not None:
            try:
                check_selector(value)
            except SelectorSyntaxError as exc:
                raise self.error(key, f"invalid selector {value!r} ({exc})") from None
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        values = self.get(key, list, required=required, default=[])
        for i, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                raise self.error(f"{key}[{i}]", "must be a non-empty string")
        return tuple(values)

    def table(self, key: str, *, required: bool = False) -> _Reader:
        return _Reader(
            self.path, self.get(key, dict, required=required, default={}), f"{self.prefix}{key}."
        )

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            raise self.error(unknown[0], "unknown field (typo?)")


def _pagination(r: _Reader, inherited: Pagination | None = None) -> Pagination:
    default = inherited or Pagination()
    strategy = r.get("strategy", str, default=default.strategy)
    if strategy not in PAGINATION_STRATEGIES:
        raise r.error("strategy", f"must be one of {', '.join(PAGINATION_STRATEGIES)}")
    nxt = r.selector("next") or (default.next if strategy == default.strategy else None)
    if strategy == "next_link" and not nxt:
        raise r.error("next", "is required for strategy 'next_link'")
    r.done()
    return Pagination(strategy=strategy, next=nxt)


def parse_profile(data: dict[str, Any], path: Path) -> SiteProfile:
    r = _Reader(path, data)
    site_id = r.get("id", str, required=True)
    if not site_id.isidentifier() or not site_id.isascii():
        # The id names the spider, its module and its output folder: keep it a safe slug.
        raise r.error("id", f"must be an ASCII identifier like 'shjcdj', not {site_id!r}")
    base_url = r.get("base_url", str, required=True)
    if urlsplit(base_url).scheme not in ("http", "https"):
        raise r.error("base_url", f"must be an http(s) URL, not {base_url!r}")
    pagination = _pagination(r.table("pagination"))

    columns = []
    for i, raw in enumerate(r.get("columns", list, required=True)):
        if not isinstance(raw, dict):
            raise r.error(f"columns[{i}]", "must be a table")
        c = _Reader(path, raw, f"columns[{i}].")
        name = c.get("name", str, required=True)
        url = urljoin(base_url, c.get("url", str, required=True))
        col_pagination = _pagination(c.table("pagination"), pagination)
        c.done()
        columns.append(Column(name=name, url=url, pagination=col_pagination))
    if not columns:
        raise r.error("columns", "needs at least one column")

    lr = r.table("list", required=True)
    list_sel = ListSelectors(
        entry=lr.selector("entry", required=True),
        link=lr.selector("link") or "a::attr(href)",
        title=lr.selector("title"),
        date=lr.selector("date"),
    )
    lr.done()

    ar = r.table("article")
    article = ArticleSelectors(
        **{
            k: ar.selector(k)
            for k in ("title", "byline", "date", "source", "author", "editor", "body", "breadcrumb")
        },
        strip=ar.strings("strip"),
    )
    for i, s in enumerate(article.strip):
        try:
            check_selector(s)
        except SelectorSyntaxError as exc:
            raise ar.error(f"strip[{i}]", f"invalid selector {s!r} ({exc})") from None
    ar.done()

    profile = SiteProfile(
        id=site_id,
        name=r.get("name", str, required=True),
        base_url=base_url,
        allowed_domains=r.strings("allowed_domains", required=True),
        columns=tuple(columns),
        list=list_sel,
        article=article,
        pagination=pagination,
        site_names=r.strings("site_names"),
        verified=r.get("verified", bool, default=False),
        notes=r.get("notes", str, default=""),
        path=str(path),
    )
    r.done()
    return profile


def load_profile_file(path: Path | str) -> SiteProfile:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from None
    profile = parse_profile(data, path)
    if path.stem != profile.id:
        raise ProfileError(f"{path}: id: {profile.id!r} must match the file name {path.stem!r}")
    return profile


def load_profile(site_id: str, directory: Path = PROFILES_DIR) -> SiteProfile:
    return load_profile_file(directory / f"{site_id}.toml")


def iter_profiles(directory: Path = PROFILES_DIR) -> Iterator[SiteProfile]:
    for path in sorted(directory.glob("*.toml")):
        yield load_profile_file(path)


def profile_for_url(url: str, profiles: list[SiteProfile]) -> SiteProfile | None:
    """The profile whose allowed domains cover the URL's host (a domain covers its subdomains)."""
    host = (urlsplit(url).hostname or "").lower()
    for profile in profiles:
        for domain in profile.allowed_domains:
            if host == domain or host.endswith("." + domain):
                return profile
    return None
