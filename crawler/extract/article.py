"""Extraction: a parsed page (parsel Selector) plus its URL in, plain raw values out.

Profile selectors are tried first, field by field; generic heuristics fill what they miss.
Each field records how it was found ("profile", "heuristic", "meta", "url" or "missing") so that a
template change shows up in the crawl stats instead of as silently empty records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector

from crawler.extract import generic
from crawler.extract.bodyhead import split_header
from crawler.extract.credits import closing_source, edition_source
from crawler.extract.crumbs import guess_breadcrumb, split_crumbs
from crawler.extract.declared import declared_author
from crawler.extract.linkblocks import without_leading_links
from crawler.extract.media import is_attachment, is_chrome_image
from crawler.extract.reporters import closing_credit, lead_credit
from crawler.extract.text import inline_text, paragraphs, without
from crawler.extract.titles import guess_headline, split_subtitle
from crawler.extract.values import first_text, http_url, root_texts, texts
from crawler.normalize.body import clean_body
from crawler.normalize.bylines import split_byline, split_names
from crawler.normalize.dates import find_date, url_date
from crawler.paging.scripts import (
    article_page_urls,
)
from crawler.site.model import ArticleSelectors, SiteProfile
from crawler.site.selectors import select_roots

# A labelled date whose value is not a date ("发布时间：待定"): kept raw so that the record
# says what the page said, and the date pipeline counts it as unparseable.
_LABELLED_DATE_VALUE = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]\s*([^\s|｜:：]{1,20})")


@dataclass
class ArticleFields:
    title: str | None = None
    subtitle: str | None = None  # 引题/副题 printed with the headline
    published_raw: str | None = None
    source: str | None = None
    author: str | None = None  # display string: '张三、李四'
    authors: list[str] = field(default_factory=list)  # the names in `author`
    editor: str | None = None
    body: str | None = None  # paragraphs separated by "\n", not yet cleaned
    breadcrumb: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    attachments: list[dict[str, str]] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)  # field -> how it was found
    layout: str | None = None  # the profile layout whose marker matched, if any


# --- article pages ---------------------------------------------------------------------------


def extract_breadcrumb(sel: Selector, selector: str | None) -> list[str]:
    if not selector:
        return []
    matches = select_roots(sel, selector)
    if len(matches) == 1 and isinstance(matches[0], etree._Element):
        crumbs = split_crumbs(inline_text(matches[0]))
    else:
        crumbs = texts(sel, selector)
    return [c.strip() for c in crumbs if c.strip() and c.strip() not in (">", "＞")]


def _media(
    body_el: etree._Element, url: str, chrome: generic.Chrome | None = None
) -> tuple[list[str], list[dict[str, str]]]:
    images: list[str] = []
    for img in body_el.iter("img"):
        if is_chrome_image(img, chrome, body_el):
            continue
        # Lazy-loading templates keep the real address in data-src; TRS keeps it in oldsrc.
        src = img.get("data-src") or img.get("src") or img.get("oldsrc")
        absolute = http_url(url, src)
        if absolute and absolute not in images:
            images.append(absolute)
    attachments: list[dict[str, str]] = []
    seen: set[str] = set()
    for a in body_el.iter("a"):
        absolute = http_url(url, a.get("href"))
        if not absolute or absolute in seen:
            continue
        if is_attachment(absolute):
            seen.add(absolute)
            name = " ".join(inline_text(a).split()) or absolute.rsplit("/", 1)[-1]
            attachments.append({"url": absolute, "name": name})
    return images, attachments


def _profile_body(sel: Selector, rules: ArticleSelectors) -> etree._Element | None:
    if not rules.body:
        return None
    for root in select_roots(sel, rules.body):
        if isinstance(root, etree._Element):
            return root
    return None


def _date_in(line: str | None) -> str | None:
    if not line:
        return None
    found = find_date(line)
    if found:
        return found
    labelled = _LABELLED_DATE_VALUE.search(line)
    return labelled.group(1) if labelled else None


def choose_layout(sel: Selector, rules: ArticleSelectors) -> tuple[str | None, ArticleSelectors]:
    """The first layout whose marker matches, with its selectors; else (None, rules).

    One cheap test per template decides which selectors run (web-poet's layout switch), so
    each template's selectors stay exact instead of `a or b or c` chains that match the
    wrong template's element on a mixed page.
    """
    for layout in rules.layouts:
        if select_roots(sel, layout.when):
            return layout.name, layout.article
    return None, rules


def continuation_urls(sel: Selector, url: str, rules: ArticleSelectors) -> list[str]:
    """The further pages of a multi-page article, as seen from its first page."""
    if rules.continuation == "create_page_html":
        urls = article_page_urls("\n".join(sel.xpath("//script/text()").getall()), url)
    elif rules.continuation == "links" and rules.continuation_links:
        # A pager lists every page, this one included ('【1】【2】【3】'): keep the others.
        urls = [u for t in texts(sel, rules.continuation_links) if (u := http_url(url, t))]
    else:
        return []
    page = url.split("#", 1)[0]
    return list(dict.fromkeys(u for u in urls if u.split("#", 1)[0] != page))


def extract_article(sel: Selector, url: str, profile: SiteProfile | None = None) -> ArticleFields:
    """All raw fields of one article page. Never raises on missing markup."""
    rules = profile.article if profile else ArticleSelectors()
    out = ArticleFields()
    out.layout, rules = choose_layout(sel, rules)
    root = sel.root
    methods = out.methods

    def take(name: str, value: str | None, method: str) -> bool:
        if value:
            setattr(out, name, value)
            methods[name] = method
            return True
        return False

    # Page furniture and hidden boxes, once per page, for every heuristic below.
    chrome = generic.page_chrome(root)
    # Body first: the generic header band is defined relative to it.
    body_el = _profile_body(sel, rules)
    body_method = "profile"
    strip_nodes: list[etree._Element] = []
    # The profile container's paragraphs, read once: for the emptiness test and as the body
    # (a walk over the whole article: ~1.5 ms of a 4 ms ccdi.gov.cn page when read twice).
    profile_lines: list[str] | None = None
    if body_el is not None:
        for s in rules.strip:
            strip_nodes.extend(m for m in select_roots(sel, s) if isinstance(m, etree._Element))
        cleaned = without(body_el, strip_nodes)
        profile_lines = paragraphs(cleaned)
        if not any(p.strip() for p in profile_lines):
            # An empty profile container is a real answer (an empty article), unless the
            # page has text elsewhere that a changed template moved.
            alt = generic.guess_body(root, chrome)
            if alt is not None and alt is not body_el and generic.body_score(alt) > 200:
                body_el, body_method, cleaned = alt, "heuristic", alt
                profile_lines = None
    else:
        body_el = generic.guess_body(root, chrome)
        body_method = "heuristic"
        cleaned = body_el
    if cleaned is not None:
        lines = profile_lines if profile_lines is not None else paragraphs(cleaned)
        if body_method == "heuristic":
            lines = without_leading_links(generic.without_trailing_links(lines, cleaned), cleaned)
        text = "\n".join(lines)
        if text.strip():
            out.body, methods["body"] = text, body_method
        out.images, out.attachments = _media(cleaned, url, chrome)
    methods.setdefault("body", "missing")

    # Title: the profile's matches, read once for the element and for the text.
    title_roots = select_roots(sel, rules.title) if rules.title else []
    title_el = next((m for m in title_roots if isinstance(m, etree._Element)), None)
    # A credit printed in the headline box ('本刊记者 侯逸宁' under the headline): an author
    # candidate after the labelled byline fields.
    headline_author = None
    if not take("title", next(iter(root_texts(title_roots)), None), "profile"):
        found = guess_headline(root, body_el, chrome)
        title_el, headline_author = found.element, found.author
        take("title", found.title, found.how)
        out.subtitle = found.subtitle
    methods.setdefault("title", "missing")
    if methods["title"] != "profile":
        out.title, dash_subtitle = split_subtitle(out.title)
        out.subtitle = " ".join(t for t in (out.subtitle, dash_subtitle) if t) or None

    # Byline fields: the profile's dedicated selectors, then its byline line, then the
    # generic header band between headline and body.
    byline = first_text(sel, rules.byline)
    parts = split_byline(byline) if byline else {}
    band_start = title_el
    if band_start is None and methods["title"] != "profile":
        band_start = generic.headline_element(root, out.title, body_el, chrome)
    header = (
        generic.header_band(root, band_start, body_el, chrome=chrome)
        if profile is None or not byline
        else ""
    )
    trailer = generic.trailer_band(body_el, chrome=chrome) if profile is None or not byline else ""
    if out.body and body_method == "heuristic":
        # The densest block may be the whole article box: its byline line is the header.
        opening, rest = split_header(generic.drop_title_lines(out.body.split("\n"), out.title))
        if opening:
            out.body = "\n".join(rest)
            header = f"{header}  {opening}" if header.strip() else opening
    guessed = generic.guess_byline(header, trailer) if header or trailer else {}

    date_text = first_text(sel, rules.date)
    if not take("published_raw", _date_in(date_text) or date_text, "profile") and not take(
        "published_raw", _date_in(byline), "profile"
    ):
        raw, how = generic.guess_date(root, header, trailer, body_el, chrome, title=out.title)
        # No date on the page nor in its metas: the CMS's document address may carry one
        # (`/202307/t20230715_275589.html`: zgjjjc.ccdi.gov.cn magazine pages; see url_date).
        # Not where the page labels a date it does not give ('发布时间：待定'): that says the
        # date is unknown, and the address's date is only when the document was made.
        if not take("published_raw", raw, how) and not _LABELLED_DATE_VALUE.search(header):
            take("published_raw", url_date(url), "url")
    methods.setdefault("published_raw", "missing")

    for name in ("source", "author", "editor"):
        if take(name, first_text(sel, getattr(rules, name)), "profile"):
            continue
        if take(name, parts.get(name), "profile"):
            continue
        take(name, guessed.get(name), "heuristic")
    if not out.author:
        take("author", headline_author, "heuristic")
    if (
        out.source
        and methods.get("source") == "heuristic"
        and not generic.plausible_source(out.source)
    ):
        out.source = None
        del methods["source"]
    if not out.source:
        take("source", generic.guess_source_box(root, chrome), "heuristic")
    body_lines = out.body.split("\n") if out.body else []
    if not out.source:
        take("source", generic.guess_source_by_date(header, body_lines), "heuristic")
    # A labelled '来源：X' closing the text is what the page shows; the metas are not shown.
    closing = closing_source(body_lines)
    source_closes_body = (
        not out.source
        and generic.plausible_source(closing)
        and take("source", closing, "heuristic")
    )
    if not out.source:
        take("source", edition_source([header, *body_lines[-3:], trailer[:200]]), "heuristic")
    if not out.source and not generic.shows_empty_source(root, header, body_el):
        take("source", generic.guess_source_meta(root), "meta")
        if not out.source:
            take("source", generic.guess_source_jsonld(root), "meta")
    if not out.source:
        take("source", generic.guess_source_script(root, out.title), "meta")
    if out.body:
        # A body container, found by a profile or by the heuristics, may start with a copy of
        # the headline (gov.cn gazette pages) or with the byline ('中央纪委国家监委网站 李鹃'
        # opens ccdi's div.content), and name the author in its dateline or closing credit.
        lines = generic.drop_title_lines(out.body.split("\n"), out.title)
        lead_author, lines = generic.lead_byline(lines, out.source)
        if lead_author is None:
            lead_author, lines = lead_credit(lines, out.source)
            # A whole-line credit in the text ('顶端新闻·河南商报记者马俊峰/文') is surer than
            # a guess from the header band (a '联系记者' link there reads as a label).
            if lead_author and methods.get("author") == "heuristic":
                out.author = None
        out.body = "\n".join(lines)
        if not out.author and not take("author", lead_author, "heuristic"):
            cleaned_lines = clean_body(out.body).split("\n")  # without '图集', '(责编：…)'
            take(
                "author",
                generic.dateline_author(cleaned_lines)
                or generic.closing_author(cleaned_lines, out.source)
                or closing_credit(lines, out.source),
                "heuristic",
            )
    if not out.author:
        take("author", generic.guess_author_box(root, chrome, body_el), "heuristic")
    if not out.author and source_closes_body:
        take("author", generic.guess_account_by_date(header, out.source), "heuristic")
    if not out.editor and out.body:
        take(
            "editor",
            generic.guess_editor(out.body[-200:], trailer, out.body.split("\n")),
            "heuristic",
        )
    if not out.author:
        # The author meta or a JSON-LD Person, believed only where the page prints the name
        # (near the headline or at the body's edges) and not as its editor or source.
        edges = out.body.split("\n") if out.body else []
        shown = "\n".join([header, *edges[:3], *edges[-3:], trailer[:200]])
        take("author", declared_author(root, shown, out.editor, out.source), "meta")
    for name in ("source", "author", "editor"):
        methods.setdefault(name, "missing")

    out.breadcrumb = extract_breadcrumb(sel, rules.breadcrumb)
    methods["breadcrumb"] = "profile" if out.breadcrumb else "missing"
    if not rules.breadcrumb:
        out.breadcrumb = guess_breadcrumb(root, body_el, chrome)
        methods["breadcrumb"] = "heuristic" if out.breadcrumb else "missing"
    out.authors = split_names(out.author)
    return out
