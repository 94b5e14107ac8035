"""The 'you are here' trail of a page no profile gives a breadcrumb selector for (pure).

Government and news portals print where an article sits above its headline, in two shapes:

- a labelled line: `<div class="dqwz">当前位置：<a href="/">首页</a> &gt; <a>要闻</a></div>`
  (ccdi.gov.cn `当前位置：首页 > 要闻`; TRS and Hanweb government sites `您的位置：首页 >
  新闻中心 > 时政`, `您现在的位置：`);
- a box named for it: `<div class="BreadcrumbNav"><a>首页</a>&nbsp;&gt;&nbsp;<a>要闻</a>`
  (www.gov.cn), `<div class="other_Location">` (gsc.org.cn, Hanweb sites), `<div
  class="position">` (zj.gov.cn, gansu.gov.cn), `<div class="crumbs">` (163.com), Bootstrap's
  `<ol class="breadcrumb"><li><a>首页</a></li><li>要闻</li></ol>` (xds.cn) with CSS-drawn
  separators.

A candidate is short (a trail, not a menu), visible, outside the body, links at least one
crumb and splits into two crumbs or more at the separators ('>', '＞', '>>', '»', '›', '→') or
into list items. WHY both a label or a name and the split: a menu bar (`<div class="nav">`)
has links but no label, name or separators; a '更多>>' link has a separator but one crumb.
"""

from __future__ import annotations

from lxml import etree

from crawler.extract.chrome import Chrome, class_tokens
from crawler.extract.scan import page_scan
from crawler.extract.text import inline_text, is_hidden
from crawler.extract.vocabulary import CRUMB_PREFIX, CRUMB_SEPARATORS, CRUMB_TOKENS

# A trail is a line: '当前位置：首页 > 新闻中心 > 时政 > 正文' (the headline may end it).
_MAX_CHARS = 150
# How far up from a '当前位置：' text node its box is looked for (`<span>当前位置：</span>`
# beside the links inside `<div>`, or `<td><span>…</span></td>` beside a cell of links).
_LABEL_LEVELS = 3
# (`//body/descendant::text()`: the nodes of `//body//text()`, without the node-set of every
# node that `//` builds first.)
_LABELS = etree.XPath(
    "//body/descendant::text()[contains(., '位置') and (contains(., ':') or contains(., '：'))]"
)


def split_crumbs(text: str) -> list[str]:
    """Crumbs of a trail's text: the label dropped, split at the separators."""
    text = CRUMB_PREFIX.sub("", " ".join(text.split()))
    return [c for c in (c.strip() for c in CRUMB_SEPARATORS.split(text)) if c]


def _item_crumbs(box: etree._Element) -> list[str]:
    """Crumbs drawn by CSS between list items (`<ol class="breadcrumb"><li>…`)."""
    items = list(box.iter("li"))
    texts = [" ".join(inline_text(li).split()) for li in items]
    return [t for t in texts if t] if len(items) >= 2 else []


def _trail(box: etree._Element, named: bool) -> list[str]:
    text = " ".join(inline_text(box).split())
    if not text or len(text) > _MAX_CHARS:
        return []
    if not any(a.get("href") for a in box.iter("a")):
        return []
    labelled = bool(CRUMB_PREFIX.match(text))
    if not (labelled or named):
        return []
    crumbs = split_crumbs(text)
    if len(crumbs) < 2 and named and not labelled:
        crumbs = _item_crumbs(box)
    return crumbs if len(crumbs) >= 2 else []


def _usable(el: etree._Element, body_el: etree._Element | None, chrome: Chrome | None) -> bool:
    if body_el is not None and (el is body_el or body_el in el.iterancestors()):
        return False
    if chrome is not None:
        return chrome.visible(el)
    return not any(is_hidden(a) for a in (el, *el.iterancestors()))  # type: ignore[arg-type]


def guess_breadcrumb(
    root: etree._Element, body_el: etree._Element | None = None, chrome: Chrome | None = None
) -> list[str]:
    """The crumbs of the page's first breadcrumb trail ('首页', '要闻'), else []."""
    found: list[tuple[int, etree._Element, list[str]]] = []
    for el in page_scan(root).crumbs:
        if CRUMB_TOKENS & class_tokens(el) and _usable(el, body_el, chrome):
            crumbs = _trail(el, named=True)
            if crumbs:
                found.append((_line(el), el, crumbs))
    # Label search only without a named trail: a text-node pass costs ~1 ms on a 400 KB page
    # (163.com), and a labelled trail sits in the named box where there is one.
    for node in [] if found else _LABELS(root):
        if not CRUMB_PREFIX.match(node.strip()):  # type: ignore[union-attr]
            continue
        el = node.getparent()  # type: ignore[union-attr]
        if el is not None and node.is_tail:  # type: ignore[union-attr]
            el = el.getparent()
        for _ in range(_LABEL_LEVELS):
            if el is None or not isinstance(el.tag, str) or el.tag in ("body", "html"):
                break
            if _usable(el, body_el, chrome):
                crumbs = _trail(el, named=False)
                if crumbs:
                    found.append((_line(el), el, crumbs))
                    break
            el = el.getparent()
    if not found:
        return []
    # The first trail of the page (they sit above the article); of nested boxes, the inner.
    found.sort(key=lambda item: item[0])
    first = found[0]
    for item in found[1:]:
        if first[1] in item[1].iterancestors():
            first = item
    return first[2]


def _line(el: etree._Element) -> int:
    return el.sourceline or 0
