"""How a draft is checked: candidate rules run through extract_article and finalize_record
(the crawl's own code), compared field by field with the generic extractor's record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from parsel import Selector

from crawler.assistant.page_tree import short
from crawler.extract.article import ArticleFields, extract_article
from crawler.items import EXPORT_FIELDS
from crawler.normalize.record import NO_FUTURE_CHECK, FinalRecord, finalize_record
from crawler.site.model import ArticleSelectors, ListSelectors, SiteProfile

# Raw extracted fields finalize_record reads (besides the URL).
RAW_FIELDS = ("title", "published_raw", "source", "author", "editor", "body")
# Record fields the draft must reproduce. The breadcrumb is not among them: the generic
# trail heuristic (`extract.crumbs`) finds one on some pages only, and a profile's breadcrumb
# selector is meant to pin or add one, not to reproduce the guess.
COMPARED_FIELDS = (
    "title",
    "published_at",
    "source",
    "author",
    "editor",
    "body",
    "images",
    "attachments",
)


def finalized(
    fields: ArticleFields,
    url: str,
    site_names: tuple[str, ...] = (),
    *,
    now: datetime.datetime = NO_FUTURE_CHECK,
    min_body_chars: int = 0,
) -> FinalRecord:
    """finalize_record over extracted fields: what the crawl's pipeline makes of them."""
    raw = {"url": url, **{name: getattr(fields, name) for name in RAW_FIELDS}}
    return finalize_record(raw, site_names=site_names, now=now, min_body_chars=min_body_chars)


def comparable(fields: ArticleFields, site_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """The exported values of COMPARED_FIELDS, for draft-vs-generic checks.

    Through finalize_record, as in a crawl, so that raw differences the crawl erases
    ('07:00  分' vs '07:00 分', a labelled '来源：X' vs 'X') do not count. No future-date
    check, so that a draft's check does not depend on today's date.
    """
    final = finalized(fields, "", site_names)
    return {
        "title": final.title,
        "published_at": final.published_at,
        "source": final.source,
        "author": final.author,
        "editor": final.editor,
        "body": final.body,
        "images": list(fields.images),
        "attachments": list(fields.attachments),
    }


def exported_record(
    sel: Selector,
    url: str,
    profile: SiteProfile | None,
    *,
    now: datetime.datetime,
    min_body_chars: int,
) -> dict[str, Any]:
    """The record a crawl exports for the page with this profile (or none), or its reject.

    The fields a crawl adds from where and when it ran (column, crawled_at, updated) are not
    set; a reject is {"rejected": reason}.
    """
    fields = extract_article(sel, url, profile)
    names = profile.title_suffixes() if profile else ()
    final = finalized(fields, url, names, now=now, min_body_chars=min_body_chars)
    if final.reject:
        return {"rejected": final.reject.reason}
    known = {
        "url": url,
        "site": profile.id if profile else "generic",
        "site_name": profile.name if profile else None,
        "breadcrumb": fields.breadcrumb,
        "subtitle": fields.subtitle,
        "published_raw": fields.published_raw,
        "images": fields.images,
        "attachments": fields.attachments,
        **final.values(),
    }
    return {name: known[name] for name in EXPORT_FIELDS if name in known}


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [name for name in COMPARED_FIELDS if a.get(name) != b.get(name)]


@dataclass
class FieldNote:
    """What the assistant found for one profile field: a live selector, or why there is none."""

    selector: str | None = None  # None: no selector (see note)
    live: bool = False  # False with a selector: written commented out (it changes the record)
    note: str = ""


def draft_profile(url: str, name: str, rules: ArticleSelectors) -> SiteProfile:
    """A throw-away profile around article rules, for extract_article during the checks."""
    parts = urlsplit(url)
    return SiteProfile(
        id="draft",
        name=name,
        base_url=f"{parts.scheme}://{parts.netloc}/",
        allowed_domains=(parts.hostname or "",),
        columns=(),
        list=ListSelectors(entry="li"),
        article=rules,
    )


class DraftChecker:
    """Runs the profile path with candidate rules and compares it with the generic record."""

    def __init__(self, sel: Selector, url: str, site_name: str):
        self.sel, self.url, self.site_name = sel, url, site_name
        self.generic = extract_article(sel, url, None)
        self.baseline = comparable(self.generic)

    def fields(self, rules: ArticleSelectors) -> ArticleFields:
        return extract_article(self.sel, self.url, draft_profile(self.url, self.site_name, rules))

    def record(self, rules: ArticleSelectors) -> dict[str, Any]:
        profile = draft_profile(self.url, self.site_name, rules)
        return comparable(extract_article(self.sel, self.url, profile), profile.title_suffixes())

    def diff(self, rules: ArticleSelectors) -> list[str]:
        return differences(self.baseline, self.record(rules))

    def reason(self, rules: ArticleSelectors) -> str:
        produced = self.record(rules)
        return "; ".join(
            f"{name} {short(self.baseline[name])} -> {short(produced[name])}"
            for name in differences(self.baseline, produced)
        )
