"""Profile assistant: draft a site profile from a sample article (and list) page.

`python -m crawler suggest PAGE [--list LIST]` runs the generic extractor on the sample, finds
the elements it used (headline, byline, body, ...) and writes CSS selectors for them. Every
selector is checked twice: it must match exactly its element on the page, and the draft
profile, run through `extract_article`, must reproduce the generic extractor's record. A
selector that would change the record is written commented out, with the reason.

Everything except `run` (the CLI wrapper) is pure: Selector + URL in, data or text out.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import combinations, product
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector
from parsel.csstranslator import HTMLTranslator

from crawler.extract import generic
from crawler.extract.article import ArticleFields, extract_article, extract_breadcrumb
from crawler.extract.lists import ListEntry, extract_list
from crawler.extract.text import SKIP_TAGS, inline_text, is_hidden, paragraphs
from crawler.normalize.body import clean_body
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import SHANGHAI, find_date, parse_cn_datetime
from crawler.normalize.titles import clean_title
from crawler.paging import next_page_url
from crawler.paging.scripts import parse_create_page_html, parse_page_count_var
from crawler.site.loading import parse_profile
from crawler.site.model import (
    ArticleSelectors,
    ListSelectors,
    Pagination,
    ProfileError,
    SiteProfile,
)
from crawler.site.selectors import SelectorSyntaxError, check_selector, is_xpath, select

# Record fields the draft must reproduce. The breadcrumb is not among them: the generic
# extractor never finds one, so a breadcrumb selector only adds to the record.
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
BYLINE_FIELDS = ("source", "author", "editor")
# What a CSS identifier may look like without escaping; anything else ('a:b', '1col', CJK)
# is skipped rather than escaped, since escaped selectors are hard to review.
_CSS_IDENT = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*\Z")
# Ids and classes with long digit runs or hex strings are generated per page or per article
# ('article_12345', 'ext-gen1234', 'c3f9a2b1e0'): a selector on them misses the next page.
_GENERATED_TOKEN = re.compile(r"\d{3,}|[0-9a-f]{8,}", re.IGNORECASE)
# An id made of a template name and a generated number: the stem is stable.
_NUMBERED_ID = re.compile(r"(?P<stem>[A-Za-z_][A-Za-z_-]*?[_-]?)\d{3,}\Z")
# Labels of a date line ('发布时间：'): an element showing one is a byline, not a source.
_DATE_LABEL = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]")
# A date never lies this far ahead: the comparison must not depend on today's date.
_FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=SHANGHAI)
# How far up from an element a context ancestor is looked for ('div.main > div.crumb').
_MAX_CONTEXT_DEPTH = 6
# Elements after the body searched for a date/editor line below it (the generic trailer band
# reads about 300 characters there).
_TRAILER_ELEMENTS = 60

# Breadcrumbs: a class/id naming the box, or a '当前位置：' label, and crumb separators.
_CRUMB_MARKER = re.compile(
    r"crumb|position|location|weizhi|dqwz|curpos|daohang|guide", re.IGNORECASE
)
_CRUMB_LABEL = re.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|所在位置|位置)\s*[:：]")
_CRUMB_SEPARATOR = re.compile(r"[>＞»›→]")
_CRUMB_MAX_CHARS = 150
_CRUMB_TAGS = frozenset(["div", "p", "span", "td", "nav", "ul", "ol", "section", "h2", "h3"])

# List pages: class/id words of page furniture whose links are navigation, never entries.
# Whole words of the marker ('top-nav', 'topNav', 'menu_list'), so 'topic' or 'canvas' pass.
_LIST_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|header|head|top|banner|crumb|breadcrumb|"
    r"position|location|friend|links?|copyright)(?=$|[\s_-])"
)
# Column index pages (index.html, index_2.shtml, default.htm, list.jsp): navigation targets.
_INDEX_PAGE = re.compile(r"(?:^|/)(?:index|default|list|main)(?:_\d+)?\.\w+$|/$|^$")
# A next-page link by its text, best first: '下一页'/'下页'/'后页' (brackets allowed), else
# its class/id ('a.next-page', an arrow image without text), else a lone arrow ('>', '›').
_NEXT_WORD = re.compile(r"[\[【<(（]?\s*(?:下一页|下页|后页)\s*[>›»]?\s*[\]】)）]?")
_NEXT_MARKER = re.compile(r"(?:^|[\s_-])next(?=$|[\s_-])")
_NEXT_ARROW = re.compile(r"[>›»＞]")
_MIN_LIST_ENTRIES = 2
_css_translator = HTMLTranslator()


# --- selectors for elements ------------------------------------------------------------------


def _matches_only(sel: Selector, css: str, el: etree._Element) -> bool:
    matches = select(sel, css)
    return len(matches) == 1 and matches[0].root is el


def _stable(token: str) -> bool:
    return bool(_CSS_IDENT.match(token)) and not _GENERATED_TOKEN.search(token)


def _tag(el: etree._Element) -> str | None:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.lower() if _CSS_IDENT.match(tag) else None


def _classes(el: etree._Element) -> list[str]:
    seen: list[str] = []
    for token in (el.get("class") or "").split():
        if _stable(token) and token not in seen:
            seen.append(token)
    return seen


def _own_selectors(el: etree._Element) -> list[str]:
    """Selectors built from the element alone: '#id', then tag + class chains."""
    tag = _tag(el)
    if tag is None:
        return []
    out = []
    el_id = (el.get("id") or "").strip()
    if el_id and _stable(el_id):
        out.append(f"#{el_id}")
    elif el_id:
        # 'ArticleContentBlockTitle_909025': the template's name with a per-page number.
        prefix = _NUMBERED_ID.match(el_id)
        if prefix and _CSS_IDENT.match(prefix["stem"]) and len(prefix["stem"]) >= 4:
            out.append(f'{tag}[id^="{prefix["stem"]}"]')
    classes = _classes(el)
    out.extend(f"{tag}.{c}" for c in classes)
    for size in range(2, min(len(classes), 3) + 1):
        out.extend(f"{tag}." + ".".join(chain) for chain in combinations(classes, size))
    return out


def _nth_step(el: etree._Element) -> str:
    tag = _tag(el) or "*"
    parent = el.getparent()
    same = [] if parent is None else [c for c in parent if c.tag == el.tag]
    if len(same) <= 1:
        return tag
    return f"{tag}:nth-of-type({same.index(el) + 1})"


def css_for(sel: Selector, el: etree._Element) -> str:
    """A selector that matches exactly `el` on the page, as readable and robust as possible.

    In order: the element's id or a class chain with its tag ('#zoom', 'div.detail-content');
    the same under a distinctive ancestor ('div.main > div.crumb', 'div.daty_con em.e2'); a
    structural path of tags and :nth-of-type below the nearest distinctive ancestor; and,
    when even that is ambiguous (broken markup), lxml's absolute XPath.
    """
    own = _own_selectors(el)
    for css in own:
        if _matches_only(sel, css, el):
            return css
    if not _contains(sel.root, el):
        # Outside the root element (a stray '</html>' puts the rest of the page in a second
        # top-level element): XPath reaches it wherever CSS is evaluated from the root only.
        for xpath in [*_simple_xpaths(el), *map(_document_xpath, own)]:
            if _matches_only(sel, xpath, el):
                return xpath
        return el.getroottree().getpath(el)
    tag = _tag(el)
    candidates = [*own, *([tag] if tag else [])]
    anchors: list[tuple[etree._Element, str]] = []
    for depth, ancestor in enumerate(el.iterancestors()):
        if depth >= _MAX_CONTEXT_DEPTH or ancestor.tag in ("body", "html"):
            break
        for anchor in _own_selectors(ancestor):
            if not _matches_only(sel, anchor, ancestor):
                continue
            anchors.append((ancestor, anchor))
            combinators = (" > ", " ") if depth == 0 else (" ",)
            for comb in combinators:
                for css in candidates:
                    if _matches_only(sel, anchor + comb + css, el):
                        return anchor + comb + css
    # Structural: tag steps (with :nth-of-type where siblings share the tag) from the nearest
    # distinctive ancestor, else from the document root.
    steps = [_nth_step(el)]
    node = el.getparent()
    anchor_of: dict[etree._Element, str] = {}
    for ancestor, anchor in anchors:
        anchor_of.setdefault(ancestor, anchor)  # the first is the preferred one
    while node is not None:
        if node in anchor_of:
            css = anchor_of[node] + " > " + " > ".join(reversed(steps))
            if _matches_only(sel, css, el):
                return css
        steps.append(_nth_step(node))
        node = node.getparent()
    css = " > ".join(reversed(steps))
    if "*" not in css and _matches_only(sel, css, el):
        return css
    return el.getroottree().getpath(el)


def _document_xpath(css: str) -> str:
    """CSS as an XPath over the whole document ('//div[...]'), for broken multi-root pages."""
    return "//" + _css_translator.css_to_xpath(css).removeprefix("descendant-or-self::")


def _simple_xpaths(el: etree._Element) -> list[str]:
    """'//div[@id='x']', '//div[@class='left-t']': the readable XPath forms of an element."""
    tag = _tag(el) or "*"
    out = []
    for attr in ("id", "class"):
        value = el.get(attr) or ""
        if value.strip() and "'" not in value and not _GENERATED_TOKEN.search(value):
            out.append(f"//{tag}[@{attr}='{value}']")
    return out


def xpath_for(sel: Selector, el: etree._Element) -> str:
    """css_for as XPath, so that a step such as /text() can follow it."""
    for xpath in _simple_xpaths(el):
        if _matches_only(sel, xpath, el):
            return xpath
    found = css_for(sel, el)
    return found if is_xpath(found) else _document_xpath(found)


def _checked(selector: str) -> str:
    check_selector(selector)  # a generated selector that does not compile is a bug here
    return selector


# --- comparing records -----------------------------------------------------------------------


def comparable(fields: ArticleFields, site_names: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record fields the pipelines derive from raw fields, for draft-vs-generic checks.

    Mirrors NormalizeTitle/Date/Byline and CleanBody (crawler/pipelines.py) with the same
    normalizers, so that raw differences the pipelines erase ('07:00  分' vs '07:00 分', a
    labelled '来源：X' vs 'X') do not count. The tests compare the real pipelines' output.
    """
    title = clean_title(fields.title, site_names)
    parsed = parse_cn_datetime(fields.published_raw, now=_FAR_FUTURE)
    byline: dict[str, str | None] = {name: getattr(fields, name) for name in BYLINE_FIELDS}
    for name in BYLINE_FIELDS:
        parts = split_byline(byline[name]) if byline[name] else {}
        if any(parts.values()):
            byline[name] = parts.get(name)
            for other, value in parts.items():
                if value and not byline.get(other):
                    byline[other] = value
    return {
        "title": None if title in site_names else title,
        "published_at": parsed.isoformat() if parsed else None,
        "source": clean_source(byline["source"]),
        "author": clean_person(byline["author"]),
        "editor": clean_person(byline["editor"]),
        "body": clean_body(fields.body) or None,
        "images": list(fields.images),
        "attachments": list(fields.attachments),
    }


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [name for name in COMPARED_FIELDS if a.get(name) != b.get(name)]


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- article pages ---------------------------------------------------------------------------


@dataclass
class FieldNote:
    """What the assistant found for one profile field: a live selector, or why there is none."""

    selector: str | None = None  # None: no selector (see note)
    live: bool = False  # False with a selector: written commented out (it changes the record)
    note: str = ""


@dataclass
class ArticleDraft:
    url: str
    site_name: str
    rules: ArticleSelectors  # the live selectors, verified
    notes: dict[str, FieldNote]  # per profile field, for the comments
    strip_notes: dict[str, str]  # strip selector -> what it removes
    baseline: dict[str, Any]  # the generic extractor's record (comparable fields)
    produced: dict[str, Any]  # what the draft produces (equal to baseline on COMPARED_FIELDS)
    breadcrumb: list[str] = field(default_factory=list)
    column: tuple[str, str] | None = None  # (name, absolute URL) from the breadcrumb's links


def _draft_profile(url: str, name: str, rules: ArticleSelectors) -> SiteProfile:
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


class _Checker:
    """Runs the profile path with candidate rules and compares it with the generic record."""

    def __init__(self, sel: Selector, url: str, site_name: str):
        self.sel, self.url, self.site_name = sel, url, site_name
        self.generic = extract_article(sel, url, None)
        self.baseline = comparable(self.generic)

    def fields(self, rules: ArticleSelectors) -> ArticleFields:
        return extract_article(self.sel, self.url, _draft_profile(self.url, self.site_name, rules))

    def record(self, rules: ArticleSelectors) -> dict[str, Any]:
        profile = _draft_profile(self.url, self.site_name, rules)
        return comparable(extract_article(self.sel, self.url, profile), profile.title_suffixes())

    def diff(self, rules: ArticleSelectors) -> list[str]:
        return differences(self.baseline, self.record(rules))

    def reason(self, rules: ArticleSelectors) -> str:
        produced = self.record(rules)
        return "; ".join(
            f"{name} {_short(self.baseline[name])} -> {_short(produced[name])}"
            for name in differences(self.baseline, produced)
        )


def guess_site_name(root: etree._Element, title: str | None, url: str) -> str:
    """The portal's name: the last part of <title> after the headline, else the host."""
    doc_title = " ".join(root.xpath("string(//title)").split())
    rest = doc_title
    if title and doc_title.startswith(title):
        rest = doc_title[len(title) :]
    parts = [p for p in re.split(r"\s*(?:_|\||｜|--|——|—|－|-\s|\s-)\s*", rest) if p.strip()]
    if parts and (rest != doc_title or len(parts) > 1):
        return parts[-1].strip()
    return urlsplit(url).hostname or "portal"


def _document(root: etree._Element) -> Iterator[etree._Element]:
    """Every element of the page, including those of a second top-level <html> that broken
    pages carry after the first (the parser keeps it as a sibling of the root)."""
    for top in (*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()):
        if isinstance(top.tag, str):
            yield from (el for el in top.iter() if isinstance(el.tag, str))


def _doc_index(root: etree._Element) -> dict[etree._Element, int]:
    return {el: i for i, el in enumerate(_document(root))}


def _contains(outer: etree._Element, inner: etree._Element | None) -> bool:
    return inner is not None and (outer is inner or outer in inner.iterancestors())


def _byline_region(
    root: etree._Element, title_el: etree._Element | None, body_el: etree._Element | None
) -> list[etree._Element]:
    """Visible elements where the generic extractor reads bylines: after the headline (or
    anywhere before the body without one) and a short way past the body, outside both."""
    order = _doc_index(root)
    start = order[title_el] if title_el is not None else -1
    stop = len(order)
    if body_el is not None:
        stop = max(order.get(e, 0) for e in body_el.iter()) + _TRAILER_ELEMENTS
    out = []
    for el, index in order.items():
        if el.tag in SKIP_TAGS or not start < index <= stop:
            continue
        if _contains(el, title_el) or (title_el is not None and _contains(title_el, el)):
            continue
        if body_el is not None and (_contains(el, body_el) or _contains(body_el, el)):
            continue
        if any(is_hidden(a) or a.tag in SKIP_TAGS for a in (el, *el.iterancestors())):
            continue
        out.append(el)
    return out


def _same_date(text: str, wanted: str | None) -> bool:
    """Whether a text holds the record's date (the same value once parsed)."""
    if not text or wanted is None:
        return False
    raw = find_date(text)
    parsed = parse_cn_datetime(raw, now=_FAR_FUTURE) if raw else None
    return parsed is not None and parsed.isoformat() == wanted


def _field_from_text(text: str, name: str) -> str | None:
    parts = split_byline(text)
    value = parts.get(name) if any(parts.values()) else text
    return clean_source(value) if name == "source" else clean_person(value)


def _dedicated(text: str, name: str, value: str) -> bool:
    """Whether an element's whole text is this one byline field ('来源：X', '责任编辑：Y')."""
    parts = split_byline(text)
    if any(v for k, v in parts.items() if k != name):
        return False
    if find_date(text) or _DATE_LABEL.search(text):
        return False
    return _field_from_text(text, name) == value and len(text) <= len(value) + 12


def _smallest(els: list[etree._Element]) -> etree._Element | None:
    """The innermost of the elements (one that contains none of the others)."""
    for el in els:
        if not any(other is not el and _contains(el, other) for other in els):
            return el
    return None


def _leading_nodes(el: etree._Element, count: int) -> list[etree._Element] | None:
    """Elements at the start of `el` that hold exactly its first `count` paragraphs, or None.

    None when those paragraphs are not whole elements (text before the first child, a line
    broken off inside a <p> by <br>): such lines cannot be stripped by a selector.
    """
    if count == 0:
        return []
    if (el.text or "").strip():
        return None
    out: list[etree._Element] = []
    remaining = count
    for child in el:
        if remaining == 0:
            break
        n = len(paragraphs(child)) if isinstance(child.tag, str) else 0
        if n and n <= remaining:
            out.append(child)
            remaining -= n
        elif n:
            inner = _leading_nodes(child, remaining)
            if inner is None:
                return None
            out.extend(inner)
            remaining = 0
        if (child.tail or "").strip() and remaining:
            return None
    return out if remaining == 0 else None


def _furniture_nodes(body_el: etree._Element, kept_body: str | None) -> list[etree._Element]:
    """Outermost elements inside the body whose whole text the body cleaner drops.

    Share bars ('分享到：微信 微博'), print/close links, 'more' links: clean_body removes their
    lines from every body anyway; naming them in `strip` keeps a template change (a share bar
    with new wording) from leaking into records.
    """
    kept = set((kept_body or "").split("\n"))
    found: list[etree._Element] = []
    for el in body_el.iterdescendants():
        if not isinstance(el.tag, str) or any(_contains(f, el) for f in found):
            continue
        lines = paragraphs(el)
        if lines and not clean_body("\n".join(lines)) and not kept & set(lines):
            found.append(el)
    return found


def _breadcrumb_element(
    root: etree._Element, body_el: etree._Element | None
) -> etree._Element | None:
    """The breadcrumb box: short, with links and crumb separators or a '当前位置' label."""
    best: tuple[int, etree._Element] | None = None
    for el in _document(root):
        if el.tag not in _CRUMB_TAGS or (body_el is not None and _contains(body_el, el)):
            continue
        if any(is_hidden(a) for a in (el, *el.iterancestors())):
            continue
        links = [a for a in el.iter("a") if a.get("href")]
        if not links or len(links) > 8:
            continue
        text = " ".join(inline_text(el).split())
        if not text or len(text) > _CRUMB_MAX_CHARS:
            continue
        labelled = bool(_CRUMB_LABEL.match(text))
        separated = bool(_CRUMB_SEPARATOR.search(text))
        if not (labelled or separated):
            continue
        marker = f"{el.get('class') or ''} {el.get('id') or ''}"
        score = 2 * bool(_CRUMB_MARKER.search(marker)) + 2 * labelled + separated
        if score < 2:  # separators alone: a '>>' more-link, a pager
            continue
        # The best score; on a tie the innermost box (the crumbs without their frame), else
        # the first one (breadcrumbs sit at the top of the page).
        if best is None or score > best[0] or (score == best[0] and _contains(best[1], el)):
            best = (score, el)
    return best[1] if best else None


def _column_from_crumbs(
    crumb_el: etree._Element, crumbs: list[str], title: str | None, url: str
) -> tuple[str, str] | None:
    """(name, URL) of the last crumb that links somewhere other than the home page."""
    links = [(" ".join(inline_text(a).split()), a.get("href") or "") for a in crumb_el.iter("a")]
    for text, href in reversed(links):
        absolute = urljoin(url, href.strip())
        if not text or text == title or urlsplit(absolute).scheme not in ("http", "https"):
            continue
        if urlsplit(absolute).path.strip("/") in ("", "index.html", "index.htm", "index.shtml"):
            continue
        if text in crumbs:
            return text, absolute
    return None


def suggest_article(sel: Selector, url: str) -> ArticleDraft:
    """Find the elements the generic extractor used and write verified selectors for them."""
    root = sel.root
    checker = _Checker(sel, url, "")
    generic_fields = checker.generic
    body_el = generic.guess_body(root)
    _, title_el, title_how = generic.guess_title(root, body_el)
    site_name = guess_site_name(root, generic_fields.title, url)
    checker.site_name = site_name
    if checker.diff(ArticleSelectors()):
        # The name would be cut from the headline as a site suffix: keep the host instead.
        site_name = checker.site_name = urlsplit(url).hostname or "portal"
    notes: dict[str, FieldNote] = {}
    strip_notes: dict[str, str] = {}
    rules = ArticleSelectors()

    if body_el is not None:
        rules = _suggest_body(
            sel, checker, rules=rules, notes=notes, strip_notes=strip_notes, body_el=body_el
        )
    else:
        notes["body"] = FieldNote(None, False, "the generic extractor found no body")

    # Title.
    if title_el is not None:
        title_css = _checked(css_for(sel, title_el))
        candidate = replace(rules, title=title_css)
        if not checker.diff(candidate):
            rules = candidate
            notes["title"] = FieldNote(title_css, True, _describe(title_el))
        else:
            notes["title"] = FieldNote(title_css, False, checker.reason(candidate))
    else:
        where = "<meta>" if title_how == "meta" else "<title>"
        notes["title"] = FieldNote(None, False, f"found only in {where}: no element to select")

    rules = _suggest_byline(
        sel, checker, rules=rules, notes=notes, title_el=title_el, body_el=body_el
    )

    # Breadcrumb: not part of the generic record, so it is only checked to leave the rest alone.
    draft_crumbs: list[str] = []
    column = None
    crumb_el = _breadcrumb_element(root, body_el)
    if crumb_el is not None:
        crumb_css = _checked(css_for(sel, crumb_el))
        crumbs = extract_breadcrumb(sel, crumb_css)
        candidate = replace(rules, breadcrumb=crumb_css)
        if len(crumbs) >= 2 and not checker.diff(candidate):
            rules = candidate
            draft_crumbs = crumbs
            notes["breadcrumb"] = FieldNote(crumb_css, True, " > ".join(crumbs))
            column = _column_from_crumbs(crumb_el, crumbs, generic_fields.title, url)
    notes.setdefault("breadcrumb", FieldNote(None, False, "no breadcrumb box found"))

    return ArticleDraft(
        url=url,
        site_name=site_name,
        rules=rules,
        notes=notes,
        strip_notes=strip_notes,
        baseline=checker.baseline,
        produced=checker.record(rules),
        breadcrumb=draft_crumbs,
        column=column,
    )


def _suggest_body(
    sel: Selector,
    checker: _Checker,
    *,
    rules: ArticleSelectors,
    notes: dict[str, FieldNote],
    strip_notes: dict[str, str],
    body_el: etree._Element,
) -> ArticleSelectors:
    """The body container, with strip selectors for what the generic body leaves out."""
    body_css = _checked(css_for(sel, body_el))
    candidates = [replace(rules, body=body_css)]
    # Lines the generic extractor cut from the top of its body (a headline copy, a byline):
    # if the profile path keeps them, strip their elements.
    raw_lines = paragraphs(body_el)
    got_lines = (checker.generic.body or "").split("\n")
    cut = len(raw_lines) - len(got_lines)
    leading = None
    if checker.generic.body and cut > 0 and raw_lines[cut:] == got_lines:
        leading = _leading_nodes(body_el, cut)
    lead_css = [_checked(css_for(sel, n)) for n in leading or []]
    if lead_css:
        candidates.append(replace(rules, body=body_css, strip=tuple(lead_css)))
    chosen = next((c for c in candidates if not checker.diff(c)), None)
    if chosen is None:
        notes["body"] = FieldNote(
            body_css,
            False,
            f"{_describe(body_el)}; not enabled: {checker.reason(candidates[-1])}",
        )
        return rules
    notes["body"] = FieldNote(body_css, True, _describe(body_el))
    for css, node in zip(chosen.strip, leading or [], strict=False):
        strip_notes[css] = (
            f"{_short(inline_text(node))}: the generic extractor drops this line at the top "
            "of the body (a copy of the headline or a byline); position-based, check it on "
            "other articles"
        )
    rules = chosen
    for node in _furniture_nodes(body_el, checker.baseline["body"]):
        css = _checked(css_for(sel, node))
        if ":nth-of-type" in css or is_xpath(css):
            # A position names other text on the next article: only named boxes.
            continue
        trial = replace(rules, strip=(*rules.strip, css))
        if not checker.diff(trial):
            rules = trial
            strip_notes[css] = f"{_short(inline_text(node))}: page furniture"
    return rules


def _suggest_byline(
    sel: Selector,
    checker: _Checker,
    *,
    rules: ArticleSelectors,
    notes: dict[str, FieldNote],
    title_el: etree._Element | None,
    body_el: etree._Element | None,
) -> ArticleSelectors:
    """byline (the date line), and date/source/author/editor where they have own elements."""
    baseline = checker.baseline
    region = _byline_region(sel.root, title_el, body_el)
    in_region = set(region)
    date_el = _smallest(
        [el for el in region if _same_date(inline_text(el), baseline["published_at"])]
    )
    anchor = date_el
    # Each option: alternatives (selector, description), best first.
    options: dict[str, list[tuple[str, str]]] = {}
    byline_el = None
    if anchor is None:
        # No date (or one that does not parse, '发布时间：待定'): the byline is the line that
        # shows the source/author the generic extractor read between headline and body.
        anchor = _smallest(
            [
                el
                for el in region
                if any(
                    baseline[n]
                    and split_byline(inline_text(el)).get(n)
                    and _field_from_text(inline_text(el), n) == baseline[n]
                    for n in BYLINE_FIELDS
                )
            ]
        )
    if anchor is not None:
        chain = [anchor, *(a for a in anchor.iterancestors() if a in in_region)]
        # The byline: the smallest box around the date that holds every byline field the
        # largest box around it shows (those the generic extractor read from that line).
        widest = inline_text(chain[-1])
        shown = [
            n for n in BYLINE_FIELDS if baseline[n] and _field_from_text(widest, n) == baseline[n]
        ]
        byline_el = next(
            el
            for el in chain
            if all(_field_from_text(inline_text(el), n) == baseline[n] for n in shown)
        )
        options["byline"] = [(_checked(css_for(sel, byline_el)), _describe(byline_el))]
        own_text = [t for t in byline_el.xpath("./text()") if t.strip()]
        if own_text and _same_date(own_text[0], baseline["published_at"]):
            # Only the box's own text: widget links inside it ('来源：求是网<a>参与互动</a>')
            # would otherwise run into the last value.
            options["byline"].append(
                (
                    _checked(xpath_for(sel, byline_el) + "/text()"),
                    (
                        f"the own text of {_describe(byline_el, with_text=False)}: "
                        f"{_short(' '.join(own_text[0].split()), 60)}"
                    ),
                )
            )
        if date_el is not None and date_el is not byline_el and len(inline_text(date_el)) <= 40:
            options["date"] = [(_checked(css_for(sel, date_el)), _describe(date_el))]
    for name in BYLINE_FIELDS:
        value = baseline[name]
        if not value:
            continue
        own = [el for el in region if _dedicated(" ".join(inline_text(el).split()), name, value)]
        el = _smallest(own)
        if el is not None and el is not byline_el:
            options[name] = [(_checked(css_for(sel, el)), _describe(el))]

    chosen = _largest_reproducing(checker, rules, options)
    rules = replace(rules, **{n: p[0] for n, p in chosen.items()})
    for name, alternatives in options.items():
        if name in chosen:
            notes[name] = FieldNote(chosen[name][0], True, chosen[name][1])
        else:
            css, description = alternatives[0]
            reason = checker.reason(replace(rules, **{name: css}))
            notes[name] = FieldNote(css, False, f"{description}; not enabled: {reason}")
    _explain_missing(notes, checker, rules)
    return rules


def _largest_reproducing(
    checker: _Checker, rules: ArticleSelectors, options: dict[str, list[tuple[str, str]]]
) -> dict[str, tuple[str, str]]:
    """The largest set of options (one alternative each) with which the record stays the same.

    Options interact (a byline selector turns off the generic header band that a missing
    source selector relied on), so sets are tried whole, largest first, in the order the
    options were found (the byline line first). There are at most five options.
    """
    names = list(options)
    for size in range(len(names), 0, -1):
        for combo in combinations(names, size):
            for picks in product(*(options[n] for n in combo)):
                trial = replace(rules, **{n: p[0] for n, p in zip(combo, picks, strict=True)})
                if not checker.diff(trial):
                    return dict(zip(combo, picks, strict=True))
    return {}


def _explain_missing(
    notes: dict[str, FieldNote], checker: _Checker, rules: ArticleSelectors
) -> None:
    """Notes for the byline fields that got no selector: where the value comes from instead."""
    baseline = checker.baseline
    how = checker.generic.methods
    if "byline" not in notes:
        if how.get("published_raw") == "meta":
            notes["byline"] = FieldNote(note="the date is only in a <meta> tag: no selector")
        elif not baseline["published_at"]:
            notes["byline"] = FieldNote(note="the generic extractor found no date")
        else:
            notes["byline"] = FieldNote(note="no element outside the body holds the date")
    # How the draft itself finds each field: 'profile' from the byline selector.
    draft_how = checker.fields(rules).methods
    body = baseline["body"] or ""
    for name in BYLINE_FIELDS:
        if name in notes:
            continue
        value = baseline[name]
        if not value:
            notes[name] = FieldNote(note="not found by the generic extractor")
        elif draft_how.get(name) == "meta":
            notes[name] = FieldNote(note="only in a <meta> tag: no selector")
        elif draft_how.get(name) == "profile":
            notes[name] = FieldNote(note="no element of its own: read from the byline")
        elif value in body or rules.byline:
            notes[name] = FieldNote(
                note="read from the body text (dateline, lead or closing credit): "
                "no element holds it alone"
            )
        else:
            notes[name] = FieldNote(
                note="read from the text between headline and body: no element holds it alone"
            )


def _describe(el: etree._Element, *, with_text: bool = True) -> str:
    """'<div class="detail-info"> "2020年5月13日 00:00 来源：…"': for the draft's comments."""
    attrs = " ".join(f'{k}="{v}"' for k, v in el.attrib.items() if k in ("id", "class"))
    tag = el.tag if isinstance(el.tag, str) else "?"
    opening = f"<{tag}{' ' + attrs if attrs else ''}>"
    return f"{opening} {_short(' '.join(inline_text(el).split()), 60)}" if with_text else opening


# --- list pages ------------------------------------------------------------------------------


@dataclass
class ListDraft:
    url: str
    rules: ListSelectors
    pagination: Pagination
    entries: list[ListEntry]
    pagination_note: str
    next_url: str | None
    notes: dict[str, str] = field(default_factory=dict)
    breadcrumb: list[str] = field(default_factory=list)


def _same_site(url: str, page_url: str) -> bool:
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    page_host = (urlsplit(page_url).hostname or "").removeprefix("www.")
    return bool(host) and (host == page_host or host.endswith("." + page_host))


def _entry_link(el: etree._Element, page_url: str) -> tuple[etree._Element, str] | None:
    """The one article link of a list entry: its first link to an article-like page."""
    for a in el.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        absolute = urljoin(page_url, href)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not _same_site(absolute, page_url):
            continue
        if absolute.split("#")[0] == page_url or _INDEX_PAGE.search(parts.path):
            continue
        return a, absolute
    return None


def _marker(el: etree._Element) -> str:
    """class and id as lower-case words: 'topNav list_box' -> 'top nav list_box'."""
    text = f"{el.get('class') or ''} {el.get('id') or ''}"
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower().strip()


def _in_furniture(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("nav", "header", "footer") or _LIST_FURNITURE.search(_marker(node)):
            return True
    return False


def _shape(el: etree._Element) -> tuple[str, tuple[str, ...]]:
    return (el.tag if isinstance(el.tag, str) else "", tuple(sorted(_classes(el))))


def _entry_groups(root: etree._Element, url: str) -> Iterator[list[etree._Element]]:
    """Groups of same-shaped siblings (tag and classes) that each hold an article link."""
    for parent in _document(root):
        if parent.tag in SKIP_TAGS or _in_furniture(parent):
            continue
        by_shape: dict[tuple[str, tuple[str, ...]], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in SKIP_TAGS and child.tag != "a":
                by_shape.setdefault(_shape(child), []).append(child)
        for members in by_shape.values():
            linked = [m for m in members if _entry_link(m, url)]
            if len(linked) >= _MIN_LIST_ENTRIES:
                yield linked


def _group_score(group: list[etree._Element], url: str) -> float:
    """More entries, longer link texts (headlines, not '更多'), distinct links, one per entry."""
    links = [_entry_link(m, url) for m in group]
    urls = {link[1] for link in links if link}
    text = sum(len(inline_text(link[0])) for link in links if link) / max(len(group), 1)
    per_entry = sum(
        len({urljoin(url, a.get("href") or "") for a in m.iter("a") if a.get("href")})
        for m in group
    ) / len(group)
    return len(urls) * min(text, 30) / max(per_entry, 1.0)


def _relative_css(entry: etree._Element, el: etree._Element, others: list[etree._Element]) -> str:
    """A selector, relative to an entry, whose first match is `el` in this entry and whose
    first match in every other entry is the corresponding element (same tag and classes)."""
    tag = _tag(el) or "*"
    options = [*(f"{tag}.{c}" for c in _classes(el)), tag]
    for css in options:
        if _first_match(entry, css) is el and all(
            (m := _first_match(o, css)) is not None and _shape(m) == _shape(el) for o in others
        ):
            return css
    return options[0]


def _first_match(el: etree._Element, css: str) -> etree._Element | None:
    matches = [m.root for m in Selector(root=el).css(css) if isinstance(m.root, etree._Element)]
    return matches[0] if matches else None


def suggest_list(sel: Selector, url: str) -> ListDraft | None:
    """Entry, link, title and date selectors and the pagination strategy of a list page."""
    root = sel.root
    groups = list(_entry_groups(root, url))
    if not groups:
        return None
    group = max(groups, key=lambda g: _group_score(g, url))
    parent = group[0].getparent()
    assert parent is not None  # a group is made of siblings
    notes: dict[str, str] = {}
    parent_css = css_for(sel, parent)
    shape_tag = _tag(group[0]) or "*"
    shared = [c for c in _classes(group[0]) if all(c in _classes(m) for m in group)]
    entry_css = f"{parent_css} > {shape_tag}" + "".join(f".{c}" for c in shared[:1])
    if [m.root for m in select(sel, entry_css)] != group:
        # Other children of the same tag hold no article link (separators, ads): harmless
        # (extract_list skips entries without a link), but say so.
        notes["entry"] = "also matches siblings without an article link (skipped when crawling)"
    first = group[0]
    link_el, _ = _entry_link(first, url) or (None, "")
    assert link_el is not None
    link_rel = _relative_css(first, link_el, [m for m in group if m is not first])
    link_css = f"{link_rel}::attr(href)"
    links = [_entry_link(m, url) for m in group]
    title_css: str | None = None
    if all(link and (link[0].get("title") or "").strip() for link in links):
        title_css = f"{link_rel}::attr(title)"
    elif link_rel != "a":
        title_css = link_rel
    date_css = _date_selector(group, links)
    rules = ListSelectors(
        entry=_checked(entry_css),
        link=_checked(link_css),
        title=_checked(title_css) if title_css else None,
        date=_checked(date_css) if date_css else None,
    )
    entries = extract_list(sel, url, rules)
    if len(entries) != len({link[1] for link in links if link}):
        notes["link"] = (
            f"the selectors read {len(entries)} entries of the {len(group)} found: check them"
        )
    pagination, pagination_note = _pagination(sel, url)
    crumb_el = _breadcrumb_element(root, None)
    crumbs = extract_breadcrumb(sel, css_for(sel, crumb_el)) if crumb_el is not None else []
    return ListDraft(
        url=url,
        rules=rules,
        pagination=pagination,
        entries=entries,
        pagination_note=pagination_note,
        next_url=next_page_url(sel, url, pagination),
        notes=notes,
        breadcrumb=crumbs,
    )


def _date_selector(
    group: list[etree._Element], links: list[tuple[etree._Element, str] | None]
) -> str | None:
    """A selector for the entry's date: a child element whose text holds a date, else the
    entry's own text ('<li><a>…</a> 2020-05-13</li>')."""
    for member, link in zip(group, links, strict=True):
        for el in member.iterdescendants():
            if not isinstance(el.tag, str) or (link and _contains(link[0], el)):
                continue
            if el.tag in SKIP_TAGS or not find_date(inline_text(el)):
                continue
            if any(find_date(inline_text(c)) for c in el if isinstance(c.tag, str)):
                continue  # a wrapper: the innermost dated element is the date
            css = _relative_css(member, el, [m for m in group if m is not member])
            hits = sum(
                1
                for m in group
                if (d := _first_match(m, css)) is not None and find_date(inline_text(d))
            )
            if hits * 2 >= len(group):
                return css
        own = " ".join(t for t in member.xpath("./text()") if t.strip())
        if find_date(own):
            return "./text()"
    return None


def _next_link(sel: Selector) -> tuple[etree._Element, str] | None:
    """The page's next-page link and how it was recognized, by the ranks of _NEXT_WORD."""
    found: dict[int, tuple[etree._Element, str]] = {}
    for a in _document(sel.root):
        href = (a.get("href") or "").strip()
        if a.tag != "a" or not href or href.startswith(("javascript:", "#")):
            continue
        text = " ".join(inline_text(a).split())
        if _NEXT_WORD.fullmatch(text):
            found.setdefault(0, (a, f"text {text!r}"))
        elif not text and _NEXT_MARKER.search(_marker(a)):
            found.setdefault(1, (a, f"class/id {_marker(a)!r}"))
        elif _NEXT_ARROW.fullmatch(text):
            found.setdefault(2, (a, f"text {text!r}"))
    return found[min(found)] if found else None


def _pagination(sel: Selector, url: str) -> tuple[Pagination, str]:
    """The pager: a next link, a createPageHTML call, a countPage variable, or none.

    A next link in the markup comes first: it is followed as it is, while the script pagers
    are read as data and their URLs computed.
    """
    link = _next_link(sel)
    if link:
        a, how = link
        css = _checked(css_for(sel, a) + "::attr(href)")
        return Pagination(strategy="next_link", next=css), f"a next-page link by its {how}"
    scripts = "\n".join(sel.xpath("//script/text()").getall())
    call = parse_create_page_html(scripts)
    if call:
        return (
            Pagination(strategy="create_page_html"),
            f"a TRS createPageHTML call: {call.count} pages, this is page {call.current + 1}",
        )
    count = parse_page_count_var(scripts, url)
    if count:
        return (
            Pagination(strategy="page_count_var"),
            f"a 'var countPage = {count.count}' script: this is page {count.current + 1}",
        )
    return Pagination(), (
        "no pager recognized on this page (a single page, the last page, or a pager built by "
        "a script the assistant cannot read: give the column's first page, check in a browser)"
    )


# --- the draft as TOML -----------------------------------------------------------------------


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


def render_profile(
    site_id: str,
    article: ArticleDraft,
    listing: ListDraft | None = None,
    record: dict[str, Any] | None = None,
) -> str:
    """The draft profile as commented TOML (loadable by crawler.sites.parse_profile)."""
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
        f"name = {_toml_str(article.site_name)}  # from <title>: correct it if needed",
        f"base_url = {_toml_str(base_url)}",
        f"allowed_domains = [{_toml_str(host)}]",
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
    else:
        out += _comment("no list page given (suggest ARTICLE --list LIST): pager unknown")
        out.append('strategy = "none"')

    out += ["", "[[columns]]"]
    if listing:
        name = listing.breadcrumb[-1] if listing.breadcrumb else "TODO"
        col_url = listing.url.removeprefix(base_url)
        out += _comment("the list sample; add one [[columns]] table per column")
    elif article.column:
        name, column_url = article.column
        col_url = column_url.removeprefix(base_url)
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
        for key, note in listing.notes.items():
            out += _comment(f"{key}: {note}")
        out.append(f"entry = {_toml_str(rules.entry)}")
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
        out += ["", "# The record this draft produces on the article sample:"]
        out += _comment(json.dumps(_shortened(record), ensure_ascii=False, indent=2))
    return "\n".join(out) + "\n"


def _shortened(record: dict[str, Any]) -> dict[str, Any]:
    body = record.get("body") or ""
    if len(body) > 300:
        body = f"{body[:180]} … {body[-80:]} ({len(body)} characters)"
    return {**record, "body": body}


# --- CLI -------------------------------------------------------------------------------------


def load_page(target: str, url: str | None) -> Any:
    """An HtmlResponse of a saved file or a fetched URL, decoded as a crawl would decode it."""
    from scrapy.http import HtmlResponse  # noqa: PLC0415 (Scrapy only for the CLI)

    from crawler.assistant.offline import fix_encoding  # noqa: PLC0415

    path = Path(target)
    if "://" not in target:
        body = path.read_bytes()
        page_url = url or f"http://localhost/{path.name}"
        if not url:
            print(
                f"warning: {target}: no --url given; links resolve against {page_url}",
                file=sys.stderr,
            )
        return fix_encoding(HtmlResponse(page_url, body=body))
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    agent = settings.get("USER_AGENT", "").replace("{contact}", settings.get("BOT_CONTACT", ""))
    request = urllib.request.Request(target, headers={"User-Agent": agent})
    with urllib.request.urlopen(request, timeout=30) as reply:
        body = reply.read()
        content_type = reply.headers.get("Content-Type", "text/html")
        final = reply.geturl()
    return fix_encoding(
        HtmlResponse(url or final, body=body, headers={"Content-Type": content_type})
    )


def _records(response: Any, profile: SiteProfile) -> tuple[dict[str, Any], dict[str, Any]]:
    """The generic and the draft record of one page, through the project's pipelines."""
    from scrapy.spiderloader import get_spider_loader  # noqa: PLC0415
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    from crawler.assistant.offline import offline_spider, process_page  # noqa: PLC0415

    # The article spider by name (crawler/ never imports spiders/), told to use the given
    # profile, or none, for every page instead of matching the domain.
    spidercls = get_spider_loader(get_project_settings()).load("article")
    out = []
    for chosen in (None, profile):
        # A spider (and pipelines) per record: the same URL twice is a duplicate to one.
        spider, pipelines = offline_spider(spidercls, urls=response.url)
        spider.profile = chosen
        spider.profile_for = lambda _url, chosen=chosen: chosen
        record, reason = process_page(spider, response, pipelines)
        out.append(record if record is not None else {"rejected": reason})
    return out[0], out[1]


def run(args: Any) -> int:
    """`python -m crawler suggest`: print the draft profile and the record it produces."""
    try:
        response = load_page(args.target, args.url)
        list_response = load_page(args.list, args.list_url) if args.list else None
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    article = suggest_article(response.selector, response.url)
    listing = None
    if list_response is not None:
        listing = suggest_list(list_response.selector, list_response.url)
        if listing is None:
            print(f"warning: {args.list}: no list of article links found", file=sys.stderr)
    site_id = args.id or site_id_for(response.url)
    text = render_profile(site_id, article, listing)
    try:
        profile = parse_profile(tomllib.loads(text), Path(f"{site_id}.toml"))
    except (tomllib.TOMLDecodeError, ProfileError, SelectorSyntaxError) as exc:
        print(f"error: the draft does not load ({exc}):\n{text}", file=sys.stderr)
        return 1
    generic_record, draft_record = _records(response, profile)
    text = render_profile(site_id, article, listing, draft_record)
    differ = [n for n in COMPARED_FIELDS if generic_record.get(n) != draft_record.get(n)]
    if "rejected" in generic_record:
        # Nothing to reproduce: the sample is not an article (a list or home page?).
        check = f"# Check: the generic extractor rejects this page ({generic_record['rejected']})."
        differ = differ or ["rejected"]
    elif differ:
        check = "# Check: DIFFERS from the generic extractor's record in " + ", ".join(differ)
    else:
        check = "# Check: same as the generic extractor's record in " + ", ".join(COMPARED_FIELDS)
    sys.stdout.write(text + check + "\n")
    return 0 if not differ else 1
