"""Loading site profiles: TOML files, `extends` families, validation.

Errors read `<file>: <field>: <problem>`.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.paging import STRATEGIES
from crawler.site.model import (
    _IDENTIFIER,
    _PORTAL_ONLY_KEYS,
    ARTICLE_SELECTOR_KEYS,
    CONTINUATIONS,
    COVERAGE_FIELDS,
    LIST_SOURCES,
    ArticleSelectors,
    Column,
    Layout,
    ListSelectors,
    Pagination,
    ProfileError,
    SiteProfile,
)
from crawler.site.selectors import SelectorSyntaxError, check_selector

PROFILES_DIR = Path(__file__).resolve().parent.parent / "profiles"
FAMILIES = "_families"  # sub-folder of a profiles folder holding CMS family files


class _Reader:
    """Typed access to one TOML table that remembers the dotted field path for errors.

    `origins` maps a dotted field path to the file that supplied it (a family file), so an
    error in an inherited key names the file where it must be fixed.
    """

    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        prefix: str = "",
        origins: dict[str, Path] | None = None,
    ):
        self.path, self.data, self.prefix = path, data, prefix
        self.origins = origins if origins is not None else {}
        self.seen: set[str] = set()

    def error(self, key: str, message: str) -> ProfileError:
        where = self.origins.get(f"{self.prefix}{key}", self.path)
        return ProfileError(f"{where}: {self.prefix}{key}: {message}")

    def get(self, key: str, kind: type, *, required: bool = False, default: Any = None) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise self.error(key, "is required" + self._misspelled_hint(key))
            return default
        value = self.data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.error(key, f"must be {kind.__name__}, not {type(value).__name__}")
        if isinstance(value, str) and required and not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.get(key, str, default=default)
        if value not in choices:
            raise self.error(key, f"must be one of {', '.join(choices)}")
        return value

    def positive(self, key: str, default: int) -> int:
        value = self.get(key, int, default=default)
        if value < 1:
            raise self.error(key, f"must be a positive integer, not {value}")
        return value

    def selector(self, key: str, *, required: bool = False) -> str | None:
        value = self.get(key, str, required=required)
        if value is not None:
            try:
                check_selector(value)
            except SelectorSyntaxError as exc:
                raise self.error(key, f"invalid selector {value!r} ({exc})") from None
        return value

    def identifier(self, key: str, *, required: bool = False) -> str | None:
        """A script variable or object key name: read as data, so it must be a plain name."""
        value = self.get(key, str, required=required)
        if value is not None and not _IDENTIFIER.match(value):
            raise self.error(key, f"must be a plain name like 'item', not {value!r}")
        return value

    def strings(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        values = self.get(key, list, required=required, default=[])
        for i, v in enumerate(values):
            if not isinstance(v, str) or not v.strip():
                raise self.error(f"{key}[{i}]", "must be a non-empty string")
        return tuple(values)

    def selectors(self, key: str) -> tuple[str, ...]:
        values = self.strings(key)
        for i, s in enumerate(values):
            try:
                check_selector(s)
            except SelectorSyntaxError as exc:
                raise self.error(f"{key}[{i}]", f"invalid selector {s!r} ({exc})") from None
        return values

    def table(self, key: str, *, required: bool = False) -> _Reader:
        return _Reader(
            self.path,
            self.get(key, dict, required=required, default={}),
            f"{self.prefix}{key}.",
            self.origins,
        )

    def tables(self, key: str) -> list[_Reader]:
        readers = []
        for i, raw in enumerate(self.get(key, list, default=[])):
            if not isinstance(raw, dict):
                raise self.error(f"{key}[{i}]", "must be a table")
            readers.append(_Reader(self.path, raw, f"{self.prefix}{key}[{i}].", self.origins))
        return readers

    def _misspelled_hint(self, key: str) -> str:
        """'entries' given where 'entry' is required: name it, not only the missing key."""
        unread = [k for k in self.data if k not in self.seen]
        close = difflib.get_close_matches(key, unread, n=1, cutoff=0.6)
        return f" (the table has {close[0]!r}: a misspelling of {key!r}?)" if close else ""

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            # 0.8: a typo ('titel', 'entri'), not a key of another table ('link' in [article])
            close = difflib.get_close_matches(unknown[0], sorted(self.seen), n=1, cutoff=0.8)
            hint = f"did you mean {close[0]!r}?" if close else "typo?"
            raise self.error(unknown[0], f"unknown field ({hint})")


def _form(r: _Reader, inherited: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """Form fields: the inherited ones, overridden key by key (values are sent as text)."""
    form = dict(inherited)
    for key, value in r.get("form", dict, default={}).items():
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise r.error(f"form.{key}", f"must be a string or integer, not {type(value).__name__}")
        form[key] = str(value)
    return tuple(form.items())


def _pagination(r: _Reader, inherited: Pagination | None = None) -> Pagination:
    default = inherited or Pagination()
    strategy = r.choice("strategy", tuple(STRATEGIES), default.strategy)
    # A column that keeps the profile's strategy keeps its settings too (and adds form fields).
    base = default if strategy == default.strategy else Pagination(strategy=strategy)
    rule = Pagination(
        strategy=strategy,
        next=r.selector("next") or base.next,
        pattern=r.get("pattern", str, default=base.pattern),
        endpoint=r.get("endpoint", str, default=base.endpoint),
        perpage=r.positive("perpage", base.perpage),
        group=r.positive("group", base.group),
        form=_form(r, base.form),
    )
    for name, problem in STRATEGIES[strategy].problems(rule):
        raise r.error(name, problem)
    r.done()
    return rule


def _list_selectors(r: _Reader) -> ListSelectors:
    source = r.choice("source", LIST_SOURCES, "html")
    rules = ListSelectors(
        entry=r.selector("entry", required=source in ("html", "commented_html")),
        link=r.selector("link") or "a::attr(href)",
        title=r.selector("title"),
        date=r.selector("date"),
        source=source,
        array=r.identifier("array", required=source == "script_array"),
        link_key=r.identifier("link_key", required=source == "script_array"),
        title_key=r.identifier("title_key"),
        date_key=r.identifier("date_key"),
    )
    r.done()
    return rules


def _article_selectors(r: _Reader, base: ArticleSelectors | None = None) -> ArticleSelectors:
    """[article] (base None) or one layout's overrides of it (key by key)."""
    start = base or ArticleSelectors()
    values: dict[str, Any] = {}
    r.seen.update((*ARTICLE_SELECTOR_KEYS, "strip"))  # known where absent: done() suggests them
    for key in ARTICLE_SELECTOR_KEYS:
        if key in r.data:
            values[key] = r.selector(key)
    if "strip" in r.data:
        values["strip"] = r.selectors("strip")
    if base is None:
        values["continuation"] = r.choice("continuation", CONTINUATIONS, "none")
        values["continuation_links"] = r.selector("continuation_links")
        if values["continuation"] == "links" and not values["continuation_links"]:
            raise r.error("continuation_links", "is required for continuation 'links'")
    return replace(start, **values)


def _article(r: _Reader) -> ArticleSelectors:
    article = _article_selectors(r)
    layouts: list[Layout] = []
    for lr in r.tables("layouts"):
        name = lr.get("name", str, required=True)
        when = lr.selector("when", required=True) or ""  # required: never empty here
        if name in {layout.name for layout in layouts}:
            raise lr.error("name", f"layout {name!r} is defined twice")
        layouts.append(Layout(name=name, when=when, article=_article_selectors(lr, article)))
        lr.done()
    r.done()
    return replace(article, layouts=tuple(layouts))


def parse_profile(
    data: dict[str, Any], path: Path, origins: dict[str, Path] | None = None
) -> SiteProfile:
    r = _Reader(path, data, origins=origins)
    site_id = r.get("id", str, required=True)
    if not site_id.isidentifier() or not site_id.isascii():
        # The id names the spider, its module and its output folder: keep it a safe slug.
        raise r.error("id", f"must be an ASCII identifier like 'shjcdj', not {site_id!r}")
    base_url = r.get("base_url", str, required=True)
    if urlsplit(base_url).scheme not in ("http", "https"):
        raise r.error("base_url", f"must be an http(s) URL, not {base_url!r}")
    family = r.get("extends", str, default="")
    pagination = _pagination(r.table("pagination"))
    list_raw = r.get("list", dict, required=True)
    list_sel = _list_selectors(r.table("list", required=True))

    columns: list[Column] = []
    for i, c in enumerate(r.tables("columns")):
        name = c.get("name", str, required=True)
        if name in {column.name for column in columns}:
            # Column names key the state's walks and the stats: two would share them.
            raise c.error("name", f"column {name!r} is defined twice")
        url = urljoin(base_url, c.get("url", str, required=True))
        col_pagination = _pagination(c.table("pagination"), pagination)
        col_list = None
        if "list" in c.data:
            # The column's own list keys override the profile's [list] key by key.
            own = c.get("list", dict)
            col_list = _list_selectors(
                _Reader(path, {**list_raw, **own}, f"columns[{i}].list.", r.origins)
            )
        c.done()
        column = Column(name=name, url=url, pagination=col_pagination, list=col_list)
        _check_list_source(c, column, col_list or list_sel)
        columns.append(column)
    if not columns:
        raise r.error("columns", "needs at least one column")

    allowed_domains = r.strings("allowed_domains", required=True)
    if not allowed_domains:
        # An empty list lets the offsite filter pass every host: the crawl leaves the portal.
        raise r.error("allowed_domains", "must list at least one domain, e.g. the portal's")
    profile = SiteProfile(
        id=site_id,
        name=r.get("name", str, required=True),
        base_url=base_url,
        allowed_domains=allowed_domains,
        columns=tuple(columns),
        list=list_sel,
        article=_article(r.table("article")),
        pagination=pagination,
        site_names=r.strings("site_names"),
        verified=r.get("verified", bool, default=False),
        notes=r.get("notes", str, default=""),
        path=str(path),
        family=family,
        coverage=_coverage(r.table("health")),
    )
    r.done()
    return profile


def _coverage(r: _Reader) -> tuple[tuple[str, float], ...]:
    rules = []
    for name, share in r.get("coverage", dict, default={}).items():
        if name not in COVERAGE_FIELDS:
            raise r.error(f"coverage.{name}", f"not a record field ({', '.join(COVERAGE_FIELDS)})")
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
            raise r.error(f"coverage.{name}", f"must be a share between 0 and 1, not {share!r}")
        rules.append((name, float(share)))
    r.done()
    return tuple(rules)


def _check_list_source(c: _Reader, column: Column, rules: ListSelectors) -> None:
    rule = column.pagination
    for name, problem in STRATEGIES[rule.strategy].column_problems(rule, rules):
        raise c.error(name, problem)


# --- families ----------------------------------------------------------------------------------


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such {what} file") from None
    except UnicodeDecodeError as exc:
        # TOML is UTF-8; a GBK-saved profile would otherwise fail with no file named.
        raise ProfileError(
            f"{path}: encoding: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
            f"{exc.start}); save the file as UTF-8"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}: not valid TOML ({exc})") from None


def family_path(name: str, directory: Path) -> Path | None:
    """The family file: in the profile's own folder's _families/, else in the shipped one."""
    for folder in (directory / FAMILIES, PROFILES_DIR / FAMILIES):
        candidate = folder / f"{name}.toml"
        if candidate.is_file():
            return candidate
    return None


def known_families(directory: Path = PROFILES_DIR) -> list[str]:
    names = {p.stem for d in (directory, PROFILES_DIR) for p in (d / FAMILIES).glob("*.toml")}
    return sorted(names)


def load_family(name: str, directory: Path = PROFILES_DIR) -> tuple[dict[str, Any], Path]:
    """A family file's tables, checked for the keys only a portal may have."""
    path = family_path(name, directory)
    if path is None:
        raise FileNotFoundError(name)
    data = _read_toml(path, "family")
    for key in _PORTAL_ONLY_KEYS:
        if key in data:
            raise ProfileError(
                f"{path}: {key}: a family file describes a CMS, not a portal: no {key} here"
            )
    return data, path


def merge_tables(
    base: dict[str, Any], over: dict[str, Any], origins: dict[str, Path], base_path: Path
) -> dict[str, Any]:
    """`over` on top of `base`, tables merged key by key; origins records base's leaves."""
    _record_origins(base, base_path, "", origins)
    return _merge(base, over)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _record_origins(data: Any, path: Path, prefix: str, origins: dict[str, Path]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            origins[f"{prefix}{key}"] = path
            _record_origins(value, path, f"{prefix}{key}.", origins)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _record_origins(value, path, f"{prefix.rstrip('.')}[{i}].", origins)


def _with_family(data: dict[str, Any], path: Path) -> tuple[dict[str, Any], dict[str, Path]]:
    """The profile's data on top of its family's, and where inherited keys came from."""
    name = data.get("extends")
    if name is None:
        return data, {}
    if not isinstance(name, str) or not name.strip():
        raise ProfileError(f"{path}: extends: must be a family name like 'trs_wcm'")
    try:
        family, fpath = load_family(name, path.parent)
    except FileNotFoundError:
        known = ", ".join(known_families(path.parent)) or "none"
        raise ProfileError(f"{path}: extends: unknown family {name!r} (known: {known})") from None
    origins: dict[str, Path] = {}
    merged = merge_tables(family, data, origins, fpath)
    # What the profile itself sets is its own, even where the family had the key too.
    _record_origins(data, path, "", origins)
    return merged, origins


# --- profiles ----------------------------------------------------------------------------------


def load_profile_file(path: Path | str) -> SiteProfile:
    path = Path(path)
    data, origins = _with_family(_read_toml(path, "profile"), path)
    profile = parse_profile(data, path, origins)
    if path.stem != profile.id:
        raise ProfileError(f"{path}: id: {profile.id!r} must match the file name {path.stem!r}")
    return profile


def load_profile(site_id: str, directory: Path = PROFILES_DIR) -> SiteProfile:
    return load_profile_file(directory / f"{site_id}.toml")


def profiles_dir(settings: Any) -> Path:
    """The PROFILES_DIR setting as a folder (None: the shipped crawler/profiles/)."""
    return Path(settings.get("PROFILES_DIR") or PROFILES_DIR)


def profile_ids(directory: Path = PROFILES_DIR) -> list[str]:
    """The portal ids of a profiles folder, from the file names alone (nothing is parsed, so
    one malformed profile does not hide the others; it fails when its spider starts)."""
    return sorted(
        p.stem for p in directory.glob("*.toml") if not p.name.startswith("_") and p.is_file()
    )


def missing_profiles_dir(directory: Path) -> str | None:
    """One line when `directory` is no folder (a mistyped PROFILES_DIR), else None."""
    if directory.is_dir():
        return None
    return f"{directory}: no such profiles folder (set PROFILES_DIR to a folder of <site>.toml)"


def iter_profiles(directory: Path = PROFILES_DIR) -> Iterator[SiteProfile]:
    """Every portal profile of the folder; `_`-prefixed files and _families/ are not portals.
    A folder that does not exist is a ProfileError, not an empty list."""
    if (missing := missing_profiles_dir(directory)) is not None:
        raise ProfileError(missing)
    for path in sorted(directory.glob("*.toml")):
        if not path.name.startswith("_") and path.is_file():
            yield load_profile_file(path)


def profile_for_url(url: str, profiles: list[SiteProfile]) -> SiteProfile | None:
    """The profile whose allowed domains cover the URL's host (a domain covers its subdomains)."""
    host = (urlsplit(url).hostname or "").lower()
    for profile in profiles:
        for domain in profile.allowed_domains:
            if host == domain or host.endswith("." + domain):
                return profile
    return None
