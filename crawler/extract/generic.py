"""Generic article heuristics for pages no profile covers (or where a profile's selector fails).

Each function takes lxml elements of a parsed page and returns raw values; normalization is
left to the pipelines. Rules are general (headline/`<title>` agreement, text density, the
header band between headline and body), never keyed to one site. The rules live by concern
in `titles`, `density`, `bands`, `credits` and `meta`; this module is their one front door.
"""

from __future__ import annotations

import json
import re

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.bands import header_band, headline_element, trailer_band
from crawler.extract.chrome import Chrome, class_tokens, page_chrome
from crawler.extract.credits import (
    closing_author,
    dateline_author,
    drop_title_lines,
    lead_byline,
    without_trailing_links,
)
from crawler.extract.dating import (
    PUBLISH_TIME_KEYS,
    cell_date,
    edition_date,
    script_date,
    script_values,
)
from crawler.extract.density import KNOWN_BODY_CONTAINERS, body_score, guess_body
from crawler.extract.media import is_chrome_image
from crawler.extract.meta import DATE_METAS, SOURCE_METAS, meta_content
from crawler.extract.outlets import (
    PLACEHOLDER_NAMES,
    guess_account_by_date,
    guess_source_by_date,
    outlet_beside_date,
    plausible_source,
)
from crawler.extract.scan import page_scan
from crawler.extract.text import BLOCK_TAGS, inline_text, is_hidden
from crawler.extract.titles import guess_title
from crawler.extract.vocabulary import (
    AUTHOR_TOKENS,
    DATE_LABEL,
    EDITOR_LINE,
    SOURCE_TOKENS,
)
from crawler.normalize.bylines import split_byline
from crawler.normalize.dates import find_date

__all__ = [
    "KNOWN_BODY_CONTAINERS",
    "Chrome",
    "body_score",
    "closing_author",
    "dateline_author",
    "drop_title_lines",
    "guess_account_by_date",
    "guess_author_box",
    "guess_body",
    "guess_byline",
    "guess_date",
    "guess_editor",
    "guess_source_box",
    "guess_source_by_date",
    "guess_source_jsonld",
    "guess_source_meta",
    "guess_source_script",
    "guess_title",
    "header_band",
    "headline_element",
    "is_chrome_image",
    "is_hidden",
    "lead_byline",
    "meta_content",
    "page_chrome",
    "plausible_source",
    "shows_empty_source",
    "trailer_band",
    "without_trailing_links",
]


def guess_date(
    root: HtmlElement,
    header: str,
    trailer: str,
    body_el: etree._Element | None = None,
    chrome: Chrome | None = None,
    *,
    title: str | None = None,
) -> tuple[str | None, str]:
    """The page's date: the header band, a labelled trailer line, a 信息公开 table cell, an
    e-paper's edition masthead, then the metas and the page's script data (`title`, the
    headline, tells the page's own data object from another article's).

    What the page shows beats the metas: a `PubDate`/`publishdate` meta is the time the CMS
    generated the page on many government templates (TRS WCM and Hanweb exports of gov.cn
    provincial portals, where it trails the visible 发布时间 by days or weeks).
    """
    found = find_date(header)
    if found:
        return found, "heuristic"
    # Below the body only a labelled date counts: related-article lists carry other dates.
    label = DATE_LABEL.search(trailer)
    if label:
        found = find_date(trailer[label.start() : label.start() + 60])
        if found:
            return found, "heuristic"
    chrome = chrome or page_chrome(root)
    found = cell_date(root, chrome, body_el) or edition_date(root, body_el, chrome)
    if found:
        return found, "heuristic"
    meta = meta_content(root, DATE_METAS)
    if meta:
        return meta[1], "meta"
    found = script_date(root, title)
    if found:
        return found, "meta"
    return None, "missing"


def guess_byline(header: str, trailer: str) -> dict[str, str | None]:
    """Labelled 来源/作者/编辑 of the header band; what it lacks, from the trailer band.

    The header and the line below the body split the byline on news templates: '2015-07-02
    来源：…' above, `<div class="ep-source">本文来源：中国证券报 作者：王小伟</div>` below
    (163.com); '作者：未知 责任编辑：X' below (gamersky.com, DedeCMS sites).
    """
    parts = split_byline(header)
    below = split_byline(trailer[:200])
    for name, value in parts.items():
        if value is None:
            parts[name] = below[name]
    for name, value in parts.items():
        if value is not None and value.strip() in PLACEHOLDER_NAMES:
            parts[name] = None
    return parts


# What a CMS prints in an empty 作者/来源 field: '作者：未知' (gamersky.com), '作者：佚名' (the
# DedeCMS default writer: many county and school sites), '来源：本站' is a real value.


# A 来源 label that ends its block with nothing after it: `<p>日期：2025-02-26 11:54 来源：</p>`
# (gansu.gov.cn's 集约化 provincial platform: fzgg/jyt.gansu.gov.cn), `来源: | 发布时间: …` (VSB
# school and hospital sites: sxmu.edu.cn). The page shows that it names no source; the
# ContentSource meta of such pages holds the CMS user's office ('产业处'), which is not shown.
# A label followed by a script is not empty: TRS templates write the value with
# `来源：<script>document.write(src)</script>`.
_SOURCE_LABEL = re.compile(r"(?:稿件来源|信息来源|文章来源|来源)\s*[:：]")
_SOURCE_LABEL_AT_END = re.compile(r"(?:稿件来源|信息来源|文章来源|来源)\s*[:：]\s*$")
# Compiled once, not per call; `/descendant::text()[…]` is `//text()[…]` without the
# intermediate node-set of every node (see `density._DENSITY_CANDIDATES`).
_SOURCE_TEXTS = etree.XPath("/descendant::text()[contains(., '来源')]")


def shows_empty_source(root: HtmlElement, header: str, body: etree._Element | None) -> bool:
    """The header band prints a 来源 label without a value, and no script may fill it."""
    if split_byline(header)["source"] is not None or not _SOURCE_LABEL.search(header):
        return False
    for node in _SOURCE_TEXTS(root):
        if not _SOURCE_LABEL_AT_END.search(node):
            continue
        parent = node.getparent()
        if parent is None or (
            body is not None and (parent is body or body in parent.iterancestors())
        ):
            continue
        if _script_after(node, parent):
            return False
    return True


def _script_after(node: etree._ElementUnicodeResult, parent: etree._Element) -> bool:
    """A <script> after the text node `node` in the block it is rendered in."""
    if node.is_tail:
        after, block = list(parent.itersiblings()), parent.getparent()
    else:
        after, block = list(parent), parent
    while block is not None and block.tag not in BLOCK_TAGS:
        after.extend(block.itersiblings())
        block = block.getparent()
    return any(el.tag == "script" or el.find(".//script") is not None for el in after)


def guess_source_meta(root: HtmlElement) -> str | None:
    meta = meta_content(root, SOURCE_METAS)
    return meta[1] if meta and plausible_source(meta[1]) else None


# Below the body only a credit right after it is the article's: further down sit related lists
# and other boxes with their own credits (the '出品：… 策划：… 编辑：…' box of a 163.com column
# under its list of past columns; a 专题's editor box on sina.com.cn). The article's own credit
# sits within the first ~130 characters on 163, qq, sohu, ifeng, guancha and thepaper pages.
_TRAILER_EDITOR_CHARS = 200
# A WeChat credit block, one field a line with '|' for a colon: '编辑|张三', '责编丨李四' above
# '校对|…', '来源|…' and the account's reply menu (WeChat posts reprinted on thepaper.cn 澎湃号
# and 163.com 网易号 pages, sohu.com 搜狐号 pages). Only a whole line among the body's last lines
# counts: the same words inside prose are left alone.
_PIPE_EDITOR_RE = re.compile(
    r"(?:责任编辑|值班编辑|责编|编辑)\s*[|｜丨]\s*(?P<name>[^\s|｜丨:：]{2,20})"
)
_PIPE_CREDIT_LINES = 12


def guess_editor(
    body_tail: str, trailer: str, closing_lines: list[str] | None = None
) -> str | None:
    for text in (body_tail, trailer[:_TRAILER_EDITOR_CHARS]):
        m = EDITOR_LINE.search(text)
        if m:
            return m.group(0)
    for line in (closing_lines or [])[-_PIPE_CREDIT_LINES:]:
        m = _PIPE_EDITOR_RE.fullmatch(" ".join(line.split()))
        if m:
            return m["name"]
    return None


# The 来源 printed without a label in a box named for it: `<span class="source">新京报</span>`
# (sina.com.cn, huanqiu.com), `<a class="source" href=…>北京日报</a>` (sina.com.cn),
# `<a id="ne_article_source">新京报</a>` (163.com), `<span id="source_baidu">` (people.com.cn).
# (Found by the page's one class/id scan: `scan.SOURCE_WORDS`.)
_SOURCE_MAX_CHARS = 30


def guess_source_box(root: HtmlElement, chrome: Chrome) -> str | None:
    boxes = page_scan(root).sources
    # The innermost box: `<div class="date-source"><span class="date">…</span><a
    # class="source">参考消息</a></div>` (sina.com.cn), `<div class="article-source"><span
    # class="source">` (baijiahao.baidu.com, thepaper.cn) name the outer box too.
    outer = {a for el in boxes for a in el.iterancestors()}
    for el in boxes:
        if el in outer:
            continue
        # A link is furniture by its tag: judge the box it sits in.
        box = el.getparent() if el.tag == "a" else el
        if not class_tokens(el) & SOURCE_TOKENS or box is None or chrome.title_furniture(box):
            continue
        text = " ".join(inline_text(el).split())
        if not _SOURCE_LABEL.search(text):
            dated = bool(_BOX_DATE.search(text))
            text = _BOX_DATE.sub(" ", text)
            text = " ".join(text.split()).strip(_BOX_SEPARATORS)
            if dated and not outlet_beside_date(text):
                continue
        if 2 <= len(text) <= _SOURCE_MAX_CHARS and plausible_source(text):
            return text
    return None


# The date inside a box named for both: `<div class="date-source">2019年11月25日 18:57
# 参考消息</div>` (sina.com.cn, where the outlet is a plain span), `<div class="article-source">
# <span>2024-07-12 10:00</span> <span>某某网</span></div>` (baijiahao.baidu.com, thepaper.cn);
# the outlet is what is left beside it. (A labelled value keeps its label and date: the
# normalizer cuts the 来源 part out.)
_BOX_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_BOX_SEPARATORS = " |｜·•/"


# The author printed without a label in a box named for it: `<span class="con1_author">康斯坦丁
# </span>` (163.com column pages), `<p class="author-name">IT之家</p>` (baijiahao.baidu.com),
# `<span class="author">` (guancha.cn, huanqiu.com), `<div class="article-author">` (qq.com).
# (Found by the page's one class/id scan: `scan.AUTHOR_WORDS`.)
_AUTHOR_MAX_CHARS = 20
# A follow button printed in the author card: '中国广州发布 关注' (thepaper.cn 澎湃号 cards),
# '+关注' (toutiao.com, baijiahao.baidu.com).
_FOLLOW_BUTTON = re.compile(r"\s*[+＋]?\s*(?:已关注|关注|订阅)$")


def guess_author_box(
    root: HtmlElement, chrome: Chrome, body: etree._Element | None = None
) -> str | None:
    """The text of the first author-named box above the body (below it sit the editor's and
    the comment boxes: `<div class="show_author">责任编辑：X</div>` on sina.com.cn)."""
    for el in page_scan(root).authors:
        box = el.getparent() if el.tag == "a" else el
        if not class_tokens(el) & AUTHOR_TOKENS or box is None or chrome.title_furniture(box):
            continue
        if body is not None and not _above(el, body):
            continue
        text = _FOLLOW_BUTTON.sub("", " ".join(inline_text(el).split()))
        # A labelled box: `<div class="gs_bot_author">作者：未知</div>` (gamersky.com, where the
        # placeholder then gives no author); its label is read, an editor's box is still
        # refused. One site seen so far: the shapes `<li class="author">作者：…` of blog themes
        # are expected, not observed on a named site.
        labelled = split_byline(text)
        if labelled["author"] and not labelled["editor"]:
            text = labelled["author"].strip()
        if 2 <= len(text) <= _AUTHOR_MAX_CHARS and not re.search(r"编辑|[:：]", text):
            return None if text in PLACEHOLDER_NAMES else text
    return None


def _above(el: etree._Element, body: etree._Element) -> bool:
    """`el` comes before `body` in the page and is not inside it."""
    if body in el.iterancestors() or el is body:
        return False
    line, body_line = el.sourceline, body.sourceline
    if line is not None and body_line is not None and line != body_line:
        return line < body_line
    return el in body.xpath("preceding::*")


# Compiled once (it was compiled per call), without `//`'s node-set of every node.
_JSONLD_TEXTS = etree.XPath("/descendant::script[@type='application/ld+json']/text()")


def guess_source_jsonld(root: HtmlElement) -> str | None:
    """`<script type="application/ld+json">{"publisher": {"name": "澎湃新闻"}}` (thepaper.cn,
    bbc.com, toutiao.com): the publisher's (else the author organisation's) name."""
    for script in _JSONLD_TEXTS(root):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if not isinstance(item, dict):
                continue
            for key in ("publisher", "sourceOrganization"):
                value = item.get(key)
                name = value.get("name") if isinstance(value, dict) else value
                # The same checks as every 来源: '访问量：199' or a sentence is no outlet.
                if isinstance(name, str) and name.strip() and plausible_source(name):
                    return name.strip()
    return None


# The outlet field of a page's script data, for pages that render their byline by script:
# `window.DATA = {"media": "扬眼", "media_id": …}` (new.qq.com 企鹅号 articles and the regional
# qq.com sites on the same template), `"mediaName"` of content-platform pages (sohu.com
# 号 articles). Only next to the article's publish-time field: the same key names a channel
# in site maps (`var siteConf = {"media":"网易传媒", …}` on 163.com). Not a bare `source`
# key: scripts use it for other things (`source="personal"`).
_SCRIPT_SOURCE_KEYS = frozenset({"media", "medianame", "media_name"})


def guess_source_script(root: HtmlElement, title: str | None = None) -> str | None:
    values = script_values(root, _SCRIPT_SOURCE_KEYS, near=PUBLISH_TIME_KEYS, title=title)
    if len(values) != 1:
        return None
    (value,) = values
    return value if plausible_source(value) and not value.isdigit() else None
