"""The draft as commented TOML, loadable by crawler.site.loading.parse_profile, and the
profile id suggested for a host."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

from crawler.assistant.article_draft import ArticleDraft
from crawler.assistant.list_draft import ListDraft


def site_id_for(url: str) -> str:
    """'http://www.ccdi.gov.cn/…' -> 'ccdi', 'fgw.zj.gov.cn' -> 'fgw_zj'."""
    host = (urlsplit(url).hostname or "").lower()
    labels = [p for p in host.split(".") if p and p != "www"]
    generic_suffixes = {"cn", "com", "net", "org", "gov", "edu", "ac", "mil", "info"}
    while len(labels) > 1 and labels[-1] in generic_suffixes:
        labels.pop()
    slug = re.sub(r"\W+", "_", "_".join(labels).replace("-", "_")).strip("_") or "site"
    if not slug.isascii():
        slug = "site"
    return slug if slug[0].isalpha() else f"site_{slug}"


def _toml_str(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), and keeps Chinese readable.
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines() or [""]]


def _allowed_hosts(host: str, listing: ListDraft | None) -> list[str]:
    """The list's host, then the other hosts its entries are served from: news.qq.com lists
    new.qq.com articles, news.163.com lists dy.163.com ones (Scrapy's offsite filter allows a
    domain's subdomains, not its siblings)."""
    hosts = [host]
    for entry in listing.entries if listing else []:
        other = (urlsplit(entry.url).hostname or "").removeprefix("www.")
        if other and other not in hosts and not other.endswith("." + host):
            hosts.append(other)
    return hosts


def render_profile(
    site_id: str,
    article: ArticleDraft,
    listing: ListDraft | None = None,
    record: dict[str, Any] | None = None,
) -> str:
    """The draft profile as commented TOML (loadable by crawler.site.loading.parse_profile)."""
    url = article.url
    parts = urlsplit(listing.url if listing else url)
    base_url = f"{parts.scheme}://{parts.netloc}/"
    host = (parts.hostname or "").removeprefix("www.")
    out = [
        "# DRAFT written by `python -m crawler suggest`: review before use.",
        f"# Article sample: {url}",
    ]
    if listing:
        out.append(f"# List sample:    {listing.url}")
    out += [
        "# Each selector matches exactly one element on the sample, and this profile reproduces",
        "# the generic extractor's record of the sample (shown at the end). Selectors that would",
        "# change that record are written commented out, with the reason. Check the draft on",
        f"# two or three more articles, then save it as crawler/profiles/{site_id}.toml.",
        f"id = {_toml_str(site_id)}",
        f"name = {_toml_str(article.site_name)}  # "
        + (
            "the host: <title> names no site; write the portal's name"
            if article.site_name == urlsplit(url).hostname
            else "from <title>: correct it if needed"
        ),
        f"base_url = {_toml_str(base_url)}",
        f"allowed_domains = [{', '.join(_toml_str(h) for h in _allowed_hosts(host, listing))}]",
        "verified = false  # true once checked against live pages",
        "",
        "[pagination]",
    ]
    if listing:
        out += _comment(f"recognized on the list page: {listing.pagination_note}")
        if listing.next_url:
            out += _comment(f"next page: {listing.next_url}")
        out.append(f"strategy = {_toml_str(listing.pagination.strategy)}")
        if listing.pagination.next:
            out.append(f"next = {_toml_str(listing.pagination.next)}")
        if listing.pagination.pattern:
            out.append(f"pattern = {_toml_str(listing.pagination.pattern)}")
    else:
        out += _comment("no list page given (suggest ARTICLE --list LIST): pager unknown")
        out.append('strategy = "none"')

    out += ["", "[[columns]]"]
    if listing:
        name = listing.breadcrumb[-1] if listing.breadcrumb else "TODO"
        # A column listed on the site's home page (news.qq.com/) keeps its full URL.
        col_url = listing.url.removeprefix(base_url) or listing.url
        out += _comment("the list sample; add one [[columns]] table per column")
    elif article.column:
        name, column_url = article.column
        col_url = column_url.removeprefix(base_url) or column_url
        out += _comment("the article's breadcrumb link: check that it is the column's list page")
    else:
        name, col_url = "TODO", "TODO/index.html"
        out += _comment("no list page given and no breadcrumb link: fill in a column")
    out += [f"name = {_toml_str(name)}", f"url = {_toml_str(col_url)}", "", "[list]"]
    if listing:
        rules = listing.rules
        shown = listing.entries[:2] + listing.entries[-1:] if len(listing.entries) > 3 else []
        out += _comment(f"{len(listing.entries)} entries on the list sample, e.g.:")
        for entry in shown or listing.entries:
            out += _comment(f"  {entry.date_raw or '-'}  {entry.title}  {entry.url}")
        for key, list_note in listing.notes.items():
            out += _comment(f"{key}: {list_note}")
        if rules.source != "html":
            out.append(f"source = {_toml_str(rules.source)}")
        out.append(f"entry = {_toml_str(rules.entry or '')}")
        out.append(f"link = {_toml_str(rules.link)}")
        if rules.title:
            out.append(f"title = {_toml_str(rules.title)}")
        else:
            out += _comment("title: the link's text (no title attribute on the links)")
        if rules.date:
            out.append(f"date = {_toml_str(rules.date)}")
        else:
            out += _comment("date: no dated element in the entries")
    else:
        out += _comment("no list page given: run suggest with --list LIST.html to fill this in")
        out.append('entry = "TODO-list-entry"  # matches nothing: every list page reports empty')

    out += ["", "[article]"]
    for name in ("title", "byline", "date", "source", "author", "editor", "body", "breadcrumb"):
        note = article.notes.get(name)
        if note is None:
            continue
        if note.selector and note.live:
            out += _comment(f"{name}: {note.note}")
            out.append(f"{name} = {_toml_str(note.selector)}")
        elif note.selector:
            out += _comment(f"{name}: {note.note}")
            out.append(f"# {name} = {_toml_str(note.selector)}")
        else:
            out += _comment(f"{name}: {note.note}")
    if article.rules.strip:
        out.append("strip = [")
        for css in article.rules.strip:
            out += _comment(article.strip_notes.get(css, ""), "    ")
            out.append(f"    {_toml_str(css)},")
        out.append("]")

    if record is not None:
        out += [
            "",
            "# The record this draft produces on the article sample (a crawl adds column,",
            "# crawled_at and updated, which depend on where and when it runs):",
        ]
        out += _comment(json.dumps(_shortened(record), ensure_ascii=False, indent=2))
    return "\n".join(out) + "\n"


def _shortened(record: dict[str, Any]) -> dict[str, Any]:
    body = record.get("body") or ""
    if len(body) > 300:
        body = f"{body[:180]} … {body[-80:]} ({len(body)} characters)"
    return {**record, "body": body}
