"""Spider arguments (`-a name=value`): one typed declaration per spider.

A declaration is a frozen dataclass whose fields are the arguments, with their type, default
and help text. `parse_arguments` turns Scrapy's strings into those types with a one-line
error naming the argument and the remedy (an unknown name lists the valid ones and the
closest match), and `argument_table` renders the README's table, so parsing, errors and
documentation cannot drift apart (after zyte-spider-templates' typed spider parameters).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import types
import typing
from collections.abc import Mapping
from typing import Any, TypeVar

from crawler.run.urls import http_address_problem

T = TypeVar("T")


def argument(default: Any, help: str) -> Any:
    return dataclasses.field(default=default, metadata={"help": help})


@dataclasses.dataclass(frozen=True)
class PortalArguments:
    """Arguments of every portal spider (one per profile)."""

    base_url: str | None = argument(
        None, "crawl a mirror (e.g. the demo portal) instead of the real portal"
    )
    columns: tuple[str, ...] = argument(
        (), "comma-separated column names or URL path parts to crawl (default: all)"
    )
    max_pages: int | None = argument(None, "list pages per column at most")
    since: datetime.date | None = argument(
        None, "YYYY-MM-DD: skip older entries; stop paging once a page holds only older ones"
    )
    full: bool = argument(
        False, "1: ignore the incremental state for navigation (nothing is exported twice)"
    )
    refresh_days: int | None = argument(
        None, "re-fetch known articles published in the last N days; edits re-exported"
    )
    retry_failed: bool = argument(
        False, "1: also ask again every URL an earlier run recorded as failed"
    )

    def __post_init__(self) -> None:
        # Every request is built on it: a bad one would fail each of them with a traceback.
        if self.base_url is not None:
            problem = http_address_problem(self.base_url)
            if problem:
                raise ValueError(
                    f"base_url: expected an http(s) address such as http://127.0.0.1:8000/, "
                    f"got {self.base_url!r} ({problem})"
                )


@dataclasses.dataclass(frozen=True)
class ArticleArguments:
    """Arguments of the `article` spider."""

    urls: str | None = argument(None, "a file with one URL per line, or URL1,URL2 (required)")
    site: str | None = argument(None, "extract every URL with this profile (default: by domain)")
    page_url: str | None = argument(
        None, "the address a saved page had (with exactly one file:// URL)"
    )
    local: bool = argument(False, "1: also fetch file:// URLs (saved pages; `extract` sets it)")


_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def _convert(name: str, kind: Any, value: Any) -> Any:
    """`value` (a string from the command line, or already typed) as `kind`."""
    if value is None:
        return None
    args = typing.get_args(kind)
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and type(None) in args:
        if value == "":
            return None
        (kind,) = [a for a in args if a is not type(None)]
    if kind is bool:
        text = str(value).lower()
        if value is True or text in _TRUE:
            return True
        if value is False or text in _FALSE:
            return False
        raise ValueError(f"{name}: expected 1 or 0, got {value!r}")
    if kind is int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if number < 1 or isinstance(value, bool):
            raise ValueError(f"{name}: expected a positive integer, got {value!r}")
        return number
    if kind is datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{name}: expected YYYY-MM-DD, got {value!r}") from None
    if typing.get_origin(kind) is tuple:
        items = value if isinstance(value, list | tuple) else str(value).split(",")
        return tuple(s.strip() for s in items if s.strip())
    return str(value)


def parse_arguments(declaration: type[T], given: Mapping[str, Any]) -> T:
    """The declaration filled from `given`; ValueError with one line on a bad or unknown name.

    Names starting with `_` are left to Scrapy and its tools (scrapyd passes `_job`).
    """
    fields = {f.name: f for f in dataclasses.fields(declaration)}  # type: ignore[arg-type]
    hints = typing.get_type_hints(declaration)
    values: dict[str, Any] = {}
    for name, value in given.items():
        if name.startswith("_"):
            continue
        if name not in fields:
            close = difflib.get_close_matches(name, fields, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ValueError(
                f"{name}: unknown argument{hint}; valid arguments: {', '.join(fields)}"
            )
        values[name] = _convert(name, hints[name], value)
    return declaration(**values)


def argument_table(declaration: type) -> str:
    """The README's markdown table of a declaration's arguments."""
    hints = typing.get_type_hints(declaration)
    rows = ["| argument | type | default | meaning |", "|---|---|---|---|"]
    for f in dataclasses.fields(declaration):
        kind = _type_name(hints[f.name])
        default = "" if f.default in (None, (), "") else f"`{f.default!r}`"
        if f.default is False:
            default = "`0`"
        rows.append(f"| `{f.name}` | {kind} | {default} | {f.metadata['help']} |")
    return "\n".join(rows)


def _type_name(kind: Any) -> str:
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    if typing.get_origin(kind) in (typing.Union, types.UnionType) and len(args) == 1:
        kind = args[0]
    if typing.get_origin(kind) is tuple:
        return "list"
    return {bool: "flag (1/0)", int: "positive integer", datetime.date: "date"}.get(kind, "text")
