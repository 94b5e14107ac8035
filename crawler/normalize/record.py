"""A record's exported values from its raw extracted ones: the crawl's normalization, once.

The item pipeline (crawler/pipelines.py) and the profile assistant both call
`finalize_record`, so a draft profile is checked against exactly the record a crawl exports.
It reports what the pipeline counts and logs (a missing or unparseable date, a reject) as
data, and leaves the counting and logging to the caller.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from crawler.contracts import Reason
from crawler.normalize.body import clean_body, fingerprint
from crawler.normalize.bylines import clean_person, clean_source, split_byline, split_names
from crawler.normalize.dates import SHANGHAI, parse_cn_datetime
from crawler.normalize.titles import clean_title

# A `now` that no date lies after: finalizes without the future-date check (DATE_REJECT_FUTURE
# off; the assistant's comparisons, which must not depend on today's date).
NO_FUTURE_CHECK = datetime.datetime(9999, 1, 1, tzinfo=SHANGHAI)
BYLINE_FIELDS = ("source", "author", "editor")

DateStatus = Literal["parsed", "unparseable", "missing"]


@dataclass(frozen=True, slots=True)
class Reject:
    """Why a record is not an article: a reject reason slug and a human detail."""

    reason: str  # "missing_url", "missing_title", "body_too_short"
    detail: str = ""


@dataclass(frozen=True, slots=True)
class FinalRecord:
    title: str | None
    published_at: str | None  # RFC 3339 in +08:00, midnight for a date-only value
    published_precision: str | None  # "day", "minute", "second"; None without a date
    published_date: str | None  # YYYY-MM-DD
    source: str | None
    author: str | None
    authors: list[str]  # the names in `author`
    editor: str | None
    body: str | None
    # None for a reject: the rejects file has always shown rejected records unfingerprinted.
    fingerprint: str | None
    # "unparseable": a raw date was found but did not parse (or lies in the future).
    date_status: DateStatus
    reject: Reject | None = None

    def values(self) -> dict[str, str | list[str] | None]:
        """The record fields this sets, for updating the raw record in place."""
        return {
            "title": self.title,
            "published_at": self.published_at,
            "published_precision": self.published_precision,
            "published_date": self.published_date,
            "source": self.source,
            "author": self.author,
            "authors": self.authors,
            "editor": self.editor,
            "body": self.body,
            "fingerprint": self.fingerprint,
        }


def finalize_record(
    raw: Mapping[str, Any],
    *,
    site_names: Iterable[str | None],
    now: datetime.datetime,
    min_body_chars: int,
) -> FinalRecord:
    """The exported values of a raw record (url, title, published_raw, byline fields, body).

    site_names: suffixes cut from the title (the portal's name and its variants); a title
    that is only one of them (a bare <title>) is no title. now: dates after it are not
    dates (a template or clock error), NO_FUTURE_CHECK to keep them. A record without url or
    title, or with fewer than `min_body_chars` non-space body characters, is a reject.
    """
    names = [n for n in site_names if n]
    title = clean_title(raw.get("title"), names)
    if title in names:
        title = None

    published_raw = raw.get("published_raw")
    parsed = parse_cn_datetime(published_raw, now=now) if published_raw else None
    status: DateStatus = "parsed" if parsed else "unparseable" if published_raw else "missing"

    byline = {name: raw.get(name) for name in BYLINE_FIELDS}
    for name in BYLINE_FIELDS:
        value = byline[name]
        parts = split_byline(value) if value else {}
        if any(parts.values()):
            # A labelled value: keep its own part, and fill empty fields from the others
            # (a profile's source selector often matches "来源：X 作者：Y 责任编辑：Z").
            byline[name] = parts.get(name)
            for other, part in parts.items():
                if part and not byline.get(other):
                    byline[other] = part

    author = clean_person(byline["author"])
    body = clean_body(raw.get("body")) or None
    reject = _reject(raw.get("url") or "", title, body or "", min_body_chars)
    return FinalRecord(
        title=title,
        published_at=parsed.timestamp() if parsed else None,
        published_precision=parsed.precision if parsed else None,
        published_date=parsed.date_iso if parsed else None,
        source=clean_source(byline["source"]),
        author=author,
        authors=split_names(author),
        editor=clean_person(byline["editor"]),
        body=body,
        fingerprint=None if reject else fingerprint(title, body),
        date_status=status,
        reject=reject,
    )


# Record keys that are not the page's content: where and when it was fetched, derived keys,
# and `files` (where this machine stored the attachments: "downloaded" one run, "uptodate"
# the next).
NOT_CONTENT = frozenset(
    {"url", "fingerprint", "crawled_at", "updated", "run_id", "schema_version", "files"}
)


def _hostless(url: Any) -> Any:
    """A link without scheme and host: the same page served from a mirror on another port
    (the demo, a staging copy) or a CDN host links the same images and files."""
    if not isinstance(url, str):
        return url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def content_digest(record: Mapping[str, Any]) -> str:
    """sha1 over every extracted field of a record (all keys but NOT_CONTENT): the change
    detection of scheduled runs, so a profile fix that changes a breadcrumb, a column or a
    date re-exports the record, where `fingerprint` (title + body) would not see it."""
    content = {k: v for k, v in record.items() if k not in NOT_CONTENT}
    if isinstance(content.get("images"), list):
        content["images"] = [_hostless(u) for u in content["images"]]
    if isinstance(content.get("attachments"), list):
        content["attachments"] = [
            {**a, "url": _hostless(a.get("url"))} if isinstance(a, dict) else a
            for a in content["attachments"]
        ]
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _reject(url: str, title: str | None, body: str, min_chars: int) -> Reject | None:
    if not url:
        return Reject(Reason.MISSING_URL)
    if not title:
        return Reject(Reason.MISSING_TITLE)
    if len("".join(body.split())) < min_chars:
        return Reject(Reason.BODY_TOO_SHORT, f"{len(body)} characters, need {min_chars}")
    return None
