"""The headline: headings, 'title' boxes and <title> prefixes, scored by agreement (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.bands import header_band
from crawler.extract.chrome import Chrome, class_tokens, page_chrome
from crawler.extract.documents import is_front_page
from crawler.extract.headline import box_lines, heading_decks, read_headline
from crawler.extract.meta import TITLE_METAS, meta_content
from crawler.extract.reporters import credit_names
from crawler.extract.scan import page_scan
from crawler.extract.text import SKIP_TAGS, first_in_document, inline_text
from crawler.extract.vocabulary import BYLINE_HINT

# Headline boxes: headings and elements whose class/id says title, in any case ('Title'), or
# heading/headline: `<div class="Heading">` (qianlong.com's template, with no <h1> and an
# empty <title>), `<div class="panel-heading">` (Bootstrap news templates: xds.cn,
# gsc.org.cn), `<h1 class="headline">` (schema.org-styled news pages). Scoring decides.
# (`scan.TITLE_WORDS`: the page's class/id values are scanned once for every field.)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# What may follow a headline inside <title>: a space or a separator character.
_SEP_CHARS = " _|｜-—－"
# '<headline>-<site>' without spaces: only a short, digit-free suffix.
_BARE_HYPHEN_SUFFIX = re.compile(r"-([^\s\d\-_|｜]{2,10})$")
_TITLE_SEPARATORS = re.compile(r"(?:\s*(?:_|\||｜|--|——|－|-\s|\s-)\s*)+")


def _longest_common_substring(a: str, b: str) -> int:
    """Length of the longest common substring of `a` and `b`.

    Binary search on the length (a common substring of length k has common substrings of
    every shorter length), each step a few C-level substring searches: O(n·log n) searches
    instead of the O(n·m) Python loop of the dynamic programme.
    """
    if not a or not b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    low, high = 0, len(a)
    while low < high:
        size = (low + high + 1) // 2
        if any(a[i : i + size] in b for i in range(len(a) - size + 1)):
            low = size
        else:
            high = size - 1
    return low


_MOVED_PARAGRAPHS_MAX = 3
_MOVED_LINE_MAX = 80


def _heading_parts(el: etree._Element) -> list[etree._Element]:
    """The elements that really hold a heading's text: itself, or the <p>s moved out of it.

    WHY: `<h2 class="tit"><p><span>引题</span><br>主标题</p></h2>` is invalid HTML; the parser
    closes any h1–h6 at a <p> and leaves `<h2></h2><p>…</p>`, so the text is in the next sibling;
    `<h2 class="tit"><p>引题</p><p>主标题</p></h2>` (ccdi.gov.cn 头条 pages; TRS editors that
    wrap each headline line in a <p>) leaves two. A run of short <p>s up to the next other
    element (the byline box) is taken; a long or labelled one ends it (body text, '来源：').
    """
    if el.tag not in _HEADINGS or inline_text(el):
        return [el]
    parts: list[etree._Element] = []
    gap, nxt = el.tail, el.getnext()
    while (
        nxt is not None
        and nxt.tag == "p"
        and not (gap or "").strip()
        and len(parts) < _MOVED_PARAGRAPHS_MAX
    ):
        text = inline_text(nxt)
        if parts and (not 2 <= len(text) <= _MOVED_LINE_MAX or BYLINE_HINT.search(text)):
            break
        parts.append(nxt)
        gap, nxt = nxt.tail, nxt.getnext()
    return parts or [el]


_XPATH_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Text nodes of the body that may start <title>. `//body/descendant::text()` is the set of
# `//body//text()` (same nodes, same order) without the intermediate node-set of every node
# that libxml2 builds for `//`: ~10% faster on a 400 KB page. Compiled once.
# The string value of an element (`string(//title)` of the page's first <title>).
_STRING = etree.XPath("string(.)", smart_strings=False)
_PREFIX_TEXTS = etree.XPath(
    "//body/descendant::text()[string-length(normalize-space()) >= 4"
    " and starts-with($t, normalize-space())]"
)


def _title_prefix_elements(root: HtmlElement, doc_title: str) -> list[etree._Element]:
    """Visible elements whose whole text starts <title> and ends at a separator there.

    WHY: a headline without a heading tag or a 'title' class (a table cell, a styled span:
    `<span class="STYLE8">中华人民共和国监察法</span>` under `<title>中华人民共和国监察法-纪检`)
    is still recognisable as the part of <title> before the site/column suffix. Site names
    sit at the end of <title>, so a prefix match never picks a logo.
    """
    found: list[etree._Element] = []
    # lxml refuses XPath string variables with control characters (a damaged <title>).
    doc_title = _XPATH_UNSAFE.sub("", doc_title)
    # The XPath filter prunes in C; the check below is the exact one.
    for node in _PREFIX_TEXTS(root, t=doc_title):
        text = " ".join(node.split())
        if len(text) < 4 or not doc_title.startswith(text):
            continue
        el = node.getparent()
        if el is not None and node.is_tail:
            el = el.getparent()
        if el is None or el.tag in SKIP_TAGS or el in found:
            continue
        whole = " ".join(inline_text(el).split())
        rest = doc_title[len(whole) :]
        if len(whole) >= 4 and doc_title.startswith(whole) and (not rest or rest[0] in _SEP_CHARS):
            found.append(el)
    return found


def _below(el: etree._Element, body: etree._Element) -> bool:
    """`el` starts on a later source line than the body (and is not inside it)."""
    line, body_line = el.sourceline, body.sourceline
    return (
        line is not None
        and body_line is not None
        and line > body_line
        and (body not in el.iterancestors())
    )


def _byline_follows(
    root: HtmlElement, el: etree._Element, body: etree._Element | None, chrome: Chrome
) -> bool:
    """True when a labelled date/source line follows the element closely.

    WHY: the headline sits right above its '来源：… 发布时间：…' line on every CMS family;
    a sidebar heading is followed by a list, not by a labelled byline.
    """
    if body is not None and (el is body or body in el.iterancestors()):
        return False
    # The band runs to the body: from an element below it, it would read whatever follows
    # (a sidebar's '发布时间：' list lines).
    if body is not None and _below(el, body):
        return False
    return bool(BYLINE_HINT.search(header_band(root, el, body, limit=120, chrome=chrome)))


# 'tit' abbreviates 'title' in Chinese templates: `<div class="tit">` (zgjjjc.ccdi.gov.cn),
# `<h2 class="tit">` (ccdi.gov.cn), `<div class="intal_tit">` (stcn.com), `<div class="bar-tit">`
# box headings (qq.com). Only as a whole token: 'entity', 'petition' contain it too.
_TITLE_SUBSTRINGS = ("title", "eading", "eadline")


def _named_headline(el: etree._Element) -> bool:
    if el.tag in _HEADINGS:
        return True
    marker = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(w in marker for w in _TITLE_SUBSTRINGS) or "tit" in class_tokens(el)


# A heading whose whole text is one link to a site's or channel's front page is a logo or a
# box heading, never a headline: `<h1><a href="/">山西省人民政府网站</a></h1>` (shanxi.gov.cn),
# `<h2 class="title"><a href="http://money.163.com/">财经头条</a></h2>` (163.com), `<h2><a
# href="http://bbs.cjn.cn/">论坛热帖</a></h2>` (cjn.cn). The site name it holds is what
# <title> ends with, so agreement alone would let it win where <title> names only the site.
def _front_page_link(el: etree._Element, text: str) -> bool:
    return any(
        is_front_page(a.get("href") or "")
        and " ".join(inline_text(a).split()) == " ".join(text.split())
        for a in el.iter("a")
    )


def guess_title(
    root: HtmlElement, body: etree._Element | None = None, chrome: Chrome | None = None
) -> tuple[str | None, etree._Element | None, str]:
    """Headline text, its element, and how it was found ('heuristic' or 'meta')."""
    found = guess_headline(root, body, chrome)
    return found.title, found.element, found.how


@dataclass(frozen=True)
class FoundHeadline:
    """The page's headline, what its box prints with it, its element and how it was found."""

    title: str | None
    subtitle: str | None = None
    author: str | None = None
    element: etree._Element | None = None
    how: str = "missing"  # 'heuristic', 'meta' or 'missing'


def guess_headline(
    root: HtmlElement, body: etree._Element | None = None, chrome: Chrome | None = None
) -> FoundHeadline:
    """The headline (with its 引题/副题 and a credit printed in its box) of a page.

    Candidates are headings, 'title'-classed boxes and elements whose text is the part of
    <title> before its suffix. Each scores by tag, agreement with <title>/meta title, a
    labelled byline right below it, and minus a copy inside the body (titles repeated there).
    """
    chrome = chrome or page_chrome(root)
    title_el = first_in_document(root, "title")
    doc_title = " ".join(str(_STRING(title_el)).split()) if title_el is not None else ""
    meta = meta_content(root, TITLE_METAS)
    references = [t.replace(" ", "")[:120] for t in (doc_title, meta[1] if meta else "") if t]
    weights = {"h1": 3.0, "h2": 2.0, "h3": 1.0, "h4": 1.0, "h5": 1.0, "h6": 1.0}
    prefixed = _title_prefix_elements(root, doc_title) if doc_title else []
    best: tuple[float, str, list[etree._Element]] | None = None
    seen: set[etree._Element] = set()
    bylined: set[etree._Element] = set()
    for candidate in [*page_scan(root).titles, *prefixed]:
        if candidate not in prefixed and not _named_headline(candidate):
            continue
        parts = _heading_parts(candidate)
        el = parts[0]
        if el in seen or el.tag in ("a", "title", "meta"):
            continue
        # Never below the text: headings after it head other boxes (`<h2>推荐阅读</h2>`,
        # `<h2>相关新闻</h2>` on people.com.cn; `<h3>相关阅读</h3>` on cjn.cn; the `<h3>` of
        # other stories on 163.com), and may hold the site name that <title> ends with
        # (`<h5>中国地理学会</h5>` under `<title>新闻动态--中国地理学会官网`: gsc.org.cn).
        # Tested before the furniture verdict (both only filter): two source line numbers
        # against a walk up the box's ancestors, and most 'title'-named boxes of a news page
        # head the related lists below the text (163.com, sina.com.cn).
        if body is not None and _below(el, body):
            continue
        if chrome.title_furniture(el, body):
            continue
        seen.add(el)
        text = " ".join(inline_text(part) for part in parts)
        if not 4 <= len(text) <= 160 or _front_page_link(el, text):
            continue
        compact = text.replace(" ", "")
        # O(n·m): the substring test answers the usual case, and inputs stay short.
        coverage = max(
            (
                1.0 if compact in r else _longest_common_substring(compact, r) / len(compact)
                for r in references
            ),
            default=0.0,
        )
        score = weights.get(el.tag, 1.5) + 4 * coverage
        if candidate in prefixed and len(compact) < len(doc_title.replace(" ", "")):
            score += 2.0  # a proper prefix: <title> = this text + a suffix
        if body is not None and (el is body or body in el.iterancestors()):
            score -= 1.5
        # The byline look-ahead walks the page: only where it can change the winner.
        last = parts[-1]
        if (best is None or score + 1.5 > best[0]) and _byline_follows(root, last, body, chrome):
            score += 1.5
            bylined.add(el)
        if best is None or score > best[0]:
            best = (score, text, parts)
    # Without <title> or a meta title nothing can agree: a headline box is then enough
    # (`<div class="Heading">` under an empty <title> on qianlong.com's and other 2000s
    # newspaper-site templates; `<title></title>` left empty by TRS exports).
    # A heading with a labelled byline right below it is the headline even where <title>
    # names only the column: `<h5>…</h5><div class="ly">发布时间：2019-05-18 来源：…</div>`
    # under `<title>新闻动态--…</title>` (gsc.org.cn); `<h2>` commentary headlines under
    # `<title>评论——中央纪委国家监委网站</title>` (ccdi.gov.cn, where h2's weight carries it).
    meta_title = meta[1] if meta else None
    if best is not None and (
        best[0] >= (3.0 if references else 1.5)
        or (best[2][0] in bylined and best[2][0].tag in _HEADINGS)
    ):
        return _read_box(best[2], meta_title, body)
    if meta_title and "<" not in meta_title:
        return FoundHeadline(meta_title, how="meta")
    # After the meta title: a box that disagrees with the CMS's own title field is no surer.
    if best is not None and _sits_on_body(root, best[1], best[2][-1], body, chrome):
        return _read_box(best[2], meta_title, body)
    if doc_title:
        title, author = _without_glued_credit(_title_without_suffix(doc_title))
        return FoundHeadline(title, author=author, how="heuristic")
    return FoundHeadline(None)


def _read_box(
    parts: list[etree._Element], meta_title: str | None, body: etree._Element | None
) -> FoundHeadline:
    """The winning box read line by line (`headline.read_headline`), with sibling decks.

    No decks for a headline inside the body container: the headings after it there are the
    text's own section heads (`<h1>…</h1><h3>一、总体要求</h3><p>…`).
    """
    element = parts[-1]
    read = read_headline(box_lines(parts), meta_title)
    if read is None:
        return FoundHeadline(None)
    title, author = read.title, read.author
    if author is None:
        title, author = _without_glued_credit(title)
    inside_body = body is not None and (element is body or body in element.iterancestors())
    kicker, deck = (None, None) if len(parts) > 1 or inside_body else heading_decks(element)
    # Whitespace collapsed here: the record's normalizer cleans the title, not the subtitle.
    subtitle = " ".join(" ".join(t.split()) for t in (kicker, read.subtitle, deck) if t) or None
    return FoundHeadline(title, subtitle, author, element, "heuristic")


# A headline box with nothing visible between it and the body is the headline even where
# <title> names only the site or column (so that nothing agrees with it): `<td
# class=bt_title>…</td></tr><tr><td><div class=bt_content>` under `<title>北医新闻网_(新闻)`
# (bjmu.edu.cn on Hanweb's 2005 大汉版通), `<h1 class="entry-h1">…</h1></header><div
# class="entry-content">` (WordPress news themes: cjddsb.com). A short text there is a column
# label ('正文', '通知公告'); a labelled one is the byline line.
_ON_BODY_MIN_CHARS = 6


def _sits_on_body(
    root: HtmlElement,
    text: str,
    el: etree._Element,
    body: etree._Element | None,
    chrome: Chrome,
) -> bool:
    if body is None or len(text.replace(" ", "")) < _ON_BODY_MIN_CHARS:
        return False
    if BYLINE_HINT.search(text):  # the '来源：… 发布时间：…' line itself sits on the body
        return False
    if el is body or body in el.iterancestors() or _below(el, body):
        return False
    return not header_band(root, el, body, limit=20, chrome=chrome).strip()


def _title_without_suffix(doc_title: str) -> str:
    """<title> without its trailing column/site parts.

    WHY: '<headline>_<column>_<site>' is cut at the LAST separator, repeatedly, while the cut
    part is shorter than what stays: a headline may itself contain separators
    ('深度关注 | 紧盯节点', '1-10月'), a site suffix is short. A bare '-' counts only for
    a short suffix without digits ('中华人民共和国监察法-纪检'), so '1-10月…' stays whole.
    """
    title = doc_title
    while True:
        seps = list(_TITLE_SEPARATORS.finditer(title))
        if seps and seps[-1].end() == len(title):  # 'headline__' ends with a separator
            title = title[: seps[-1].start()]
            continue
        head, tail = title, ""
        if seps:
            head, tail = title[: seps[-1].start()], title[seps[-1].end() :]
        else:
            bare = _BARE_HYPHEN_SUFFIX.search(title)
            if bare:
                head, tail = title[: bare.start()], bare.group(1)
        if not tail or len(tail) >= len(head) or len(head) < 4:
            return title
        title = head


# An author line glued to the end of the headline box: `<div class="title">耕地保护不容有失<p>本刊
# 记者 侯逸宁</p></div>` (zgjjjc.ccdi.gov.cn magazine pages, people.com.cn 人民日报 pages
# print '本报记者 张三' under the headline in the same box).
_GLUED_BYLINE = re.compile(
    r"\s*(?P<byline>(?:本刊|本报|本网|本台)?(?:特约)?记者\s*[\u4e00-\u9fff·]{2,4}"
    r"(?:[\s、][\u4e00-\u9fff·]{2,4}){0,3})$"
)


def without_glued_byline(title: str) -> tuple[str, str | None]:
    """(headline, byline) when the headline text ends with a reporter credit."""
    match = _GLUED_BYLINE.search(title)
    if match and match.start() >= 4:
        return title[: match.start()].rstrip(), match["byline"]
    return title, None


# A 副题 after the main headline, opened by a dash: '从月报数据看纠治“四风”形与势 ——解读2023年
# 全国查处违反中央八项规定精神问题月报数据' (zgjjjc.ccdi.gov.cn, people.com.cn 人民日报 pages,
# qstheory.cn). Only a spaced or line-initial dash: '李简——新外科运动' is one headline.
_SUBTITLE = re.compile(r"\s+(?:——|--|—)\s*(?P<subtitle>\S.{3,})$")


def _without_glued_credit(title: str) -> tuple[str, str | None]:
    """(headline, author names) of a headline text that ends with a reporter credit."""
    title, byline = without_glued_byline(title)
    return title, (credit_names(byline) or byline) if byline else None


def split_subtitle(title: str | None) -> tuple[str | None, str | None]:
    """(headline, 副题) of a headline that carries its subtitle after a spaced dash."""
    if not title:
        return title, None
    match = _SUBTITLE.search(title)
    if match and match.start() >= 4:
        return title[: match.start()], match["subtitle"]
    return title, None
