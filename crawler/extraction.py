"""Extraction: a parsed page (parsel Selector) plus its URL in, plain raw values out.

Profile selectors are tried first, field by field; generic heuristics fill what they miss.
Each field records how it was found ("profile", "heuristic", "meta" or "missing") so that a
template change shows up in the crawl stats instead of as silently empty records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

from crawler import generic
from crawler.normalize import clean_body, find_date, split_byline
from crawler.pagination import parse_create_page_html, parse_page_count_var
from crawler.selectors import select
from crawler.sites import ArticleSelectors, ListSelectors, Pagination, SiteProfile
from crawler.text import inline_text, paragraphs, without

ATTACHMENT_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "wps",
        "et",
        "ppt",
        "pptx",
        "zip",
        "rar",
        "7z",
        "txt",
        "ofd",
        "csv",
    ]
)
# Breadcrumb separators seen on portals: '>', full-width '＞', '»', '›', '→'.
_CRUMB_SEPARATORS = re.compile(r"\s*[>＞»›→]\s*")
# A labelled date whose value is not a date ("发布时间：待定"): kept raw so that the record
# says what the page said, and the date pipeline counts it as unparseable.
_LABELLED_DATE_VALUE = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]\s*([^\s|｜:：]{1,20})")
_CRUMB_PREFIX = re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]\s*")


@dataclass
class ListEntry:
    url: str
    title: str | None = None
    date_raw: str | None = None


@dataclass
class ArticleFields:
    title: str | None = None
    published_raw: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: str | None = None  # paragraphs separated by "\n", not yet cleaned
    breadcrumb: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)  # field -> how it was found


def _texts(sel: Selector, selector: str) -> list[str]:
    """Text of each match: a text/attribute result as is, an element as its inline text."""
    out = []
    for match in select(sel, selector):
        root = match.root
        text = inline_text(root) if isinstance(root, etree._Element) else str(root)
        text = " ".join(text.split())
        if text:
            out.append(text)
    return out


def _first_text(sel: Selector, selector: str | None) -> str | None:
    if not selector:
        return None
    texts = _texts(sel, selector)
    return texts[0] if texts else None


def _http_url(base: str, href: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#", "data:")):
        return None
    url = urljoin(base, href)
    return url if urlsplit(url).scheme in ("http", "https") else None


# --- list pages ------------------------------------------------------------------------------


def extract_list(sel: Selector, url: str, rules: ListSelectors) -> list[ListEntry]:
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for entry in select(sel, rules.entry):
        link = _http_url(url, _first_text(entry, rules.link))
        if not link or link in seen:
            continue
        seen.add(link)
        date_text = _first_text(entry, rules.date)
        entries.append(
            ListEntry(
                url=link,
                title=_first_text(entry, rules.title) or _first_text(entry, "a"),
                date_raw=(find_date(date_text) or date_text) if date_text else None,
            )
        )
    return entries


def next_page_url(sel: Selector, url: str, rule: Pagination) -> str | None:
    """The URL of the list page after this one, or None on the last page."""
    if rule.strategy == "next_link" and rule.next:
        return _http_url(url, _first_text(sel, rule.next))
    if rule.strategy in ("create_page_html", "page_count_var"):
        scripts = "\n".join(sel.xpath("//script/text()").getall())
        call = (
            parse_create_page_html(scripts)
            if rule.strategy == "create_page_html"
            else parse_page_count_var(scripts, url)
        )
        return call.next_url(url) if call else None
    return None


# --- article pages ---------------------------------------------------------------------------


def extract_breadcrumb(sel: Selector, selector: str | None) -> list[str]:
    if not selector:
        return []
    matches = select(sel, selector)
    if len(matches) == 1 and isinstance(matches[0].root, etree._Element):
        text = _CRUMB_PREFIX.sub("", " ".join(inline_text(matches[0].root).split()))
        crumbs = _CRUMB_SEPARATORS.split(text)
    else:
        crumbs = _texts(sel, selector)
    return [c.strip() for c in crumbs if c.strip() and c.strip() not in (">", "＞")]


def _media(body_el: etree._Element, url: str) -> tuple[list[str], list[dict[str, str]]]:
    images: list[str] = []
    for img in body_el.iter("img"):
        # Lazy-loading templates keep the real address in data-src; TRS keeps it in oldsrc.
        src = img.get("data-src") or img.get("src") or img.get("oldsrc")
        absolute = _http_url(url, src)
        if absolute and absolute not in images:
            images.append(absolute)
    attachments: list[dict[str, str]] = []
    seen: set[str] = set()
    for a in body_el.iter("a"):
        absolute = _http_url(url, a.get("href"))
        if not absolute or absolute in seen:
            continue
        ext = urlsplit(absolute).path.rsplit(".", 1)[-1].lower()
        if ext in ATTACHMENT_EXTENSIONS:
            seen.add(absolute)
            name = " ".join(inline_text(a).split()) or absolute.rsplit("/", 1)[-1]
            attachments.append({"url": absolute, "name": name})
    return images, attachments


def _profile_body(sel: Selector, rules: ArticleSelectors) -> etree._Element | None:
    if not rules.body:
        return None
    for match in select(sel, rules.body):
        if isinstance(match.root, etree._Element):
            return match.root
    return None


def _date_in(line: str | None) -> str | None:
    if not line:
        return None
    found = find_date(line)
    if found:
        return found
    labelled = _LABELLED_DATE_VALUE.search(line)
    return labelled.group(1) if labelled else None


def extract_article(sel: Selector, url: str, profile: SiteProfile | None = None) -> ArticleFields:
    """All raw fields of one article page. Never raises on missing markup."""
    rules = profile.article if profile else ArticleSelectors()
    root = sel.root
    out = ArticleFields()
    methods = out.methods

    def take(name: str, value: str | None, method: str) -> bool:
        if value:
            setattr(out, name, value)
            methods[name] = method
            return True
        return False

    # Body first: the generic header band is defined relative to it.
    body_el = _profile_body(sel, rules)
    body_method = "profile"
    strip_nodes: list[etree._Element] = []
    if body_el is not None:
        for s in rules.strip:
            strip_nodes.extend(m.root for m in select(sel, s) if isinstance(m.root, etree._Element))
        cleaned = without(body_el, strip_nodes)
        if not any(p.strip() for p in paragraphs(cleaned)):
            # An empty profile container is a real answer (an empty article), unless the
            # page has text elsewhere that a changed template moved.
            alt = generic.guess_body(root)
            if alt is not None and alt is not body_el and generic.body_score(alt) > 200:
                body_el, body_method, cleaned = alt, "heuristic", alt
    else:
        body_el = generic.guess_body(root)
        body_method = "heuristic"
        cleaned = body_el
    if cleaned is not None:
        text = "\n".join(paragraphs(cleaned))
        if text.strip():
            out.body, methods["body"] = text, body_method
        out.images, out.attachments = _media(cleaned, url)
    methods.setdefault("body", "missing")

    # Title.
    title_el = None
    if rules.title:
        matches = [m.root for m in select(sel, rules.title) if isinstance(m.root, etree._Element)]
        title_el = matches[0] if matches else None
    if not take("title", _first_text(sel, rules.title), "profile"):
        title, title_el, how = generic.guess_title(root, body_el)
        take("title", title, how)
    methods.setdefault("title", "missing")

    # Byline fields: the profile's dedicated selectors, then its byline line, then the
    # generic header band between headline and body.
    byline = _first_text(sel, rules.byline)
    parts = split_byline(byline) if byline else {}
    header = generic.header_band(root, title_el, body_el) if profile is None or not byline else ""
    trailer = generic.trailer_band(body_el) if profile is None or not byline else ""
    guessed = generic.guess_byline(header, trailer) if header or trailer else {}

    date_text = _first_text(sel, rules.date)
    if not take("published_raw", _date_in(date_text) or date_text, "profile") and not take(
        "published_raw", _date_in(byline), "profile"
    ):
        raw, how = generic.guess_date(root, header, trailer)
        take("published_raw", raw, how)
    methods.setdefault("published_raw", "missing")

    for name in ("source", "author", "editor"):
        if take(name, _first_text(sel, getattr(rules, name)), "profile"):
            continue
        if take(name, parts.get(name), "profile"):
            continue
        take(name, guessed.get(name), "heuristic")
    if not out.source:
        take("source", generic.guess_source_meta(root), "meta")
    if out.body and methods["body"] == "heuristic":
        # A heuristic body container may start with a copy of the headline or with the byline
        # ('中央纪委国家监委网站 李鹃'), and name the author in its dateline or closing credit.
        lines = generic.drop_title_lines(out.body.split("\n"), out.title)
        lead_author, lines = generic.lead_byline(lines, out.source)
        out.body = "\n".join(lines)
        if not out.author and not take("author", lead_author, "heuristic"):
            cleaned_lines = clean_body(out.body).split("\n")  # without '图集', '(责编：…)'
            take(
                "author",
                generic.dateline_author(cleaned_lines)
                or generic.closing_author(cleaned_lines, out.source),
                "heuristic",
            )
    if not out.editor and out.body:
        take("editor", generic.guess_editor(out.body[-200:], trailer), "heuristic")
    for name in ("source", "author", "editor"):
        methods.setdefault(name, "missing")

    out.breadcrumb = extract_breadcrumb(sel, rules.breadcrumb)
    methods["breadcrumb"] = "profile" if out.breadcrumb else "missing"
    return out
