"""Generic article heuristics for pages no profile covers (or where a profile's selector fails).

Each function takes lxml elements of a parsed page and returns raw values; normalization is
left to the pipelines. Rules are general (headline/`<title>` agreement, text density, the
header band between headline and body), never keyed to one site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree
from lxml.html import HtmlElement

from crawler.extract.text import SKIP_TAGS, inline_text, is_hidden, paragraphs
from crawler.normalize.bylines import clean_source, split_byline
from crawler.normalize.dates import find_date

# Containers used by the CMS families of Chinese official sites (portals.md 2, 3). They are
# tried before text density because density alone sometimes prefers a long related-links box.
KNOWN_BODY_CONTAINERS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[@id='zoom']",
    "//*[@id='vsb_content']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' wp_articlecontent ')]",
    "//*[@id='rwb_zw']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' rm_txt_con ')]",
    "//*[@id='p-detail']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' left_zw ')]",
    "//*[@id='detailContent']",
)
# Class/id words of page furniture: such boxes never hold the article body or headline.
_FURNITURE_WORDS = (
    r"nav|menu|footer|foot|banner|sidebar|side|related|xgwz|share|comment|breadcrumb|"
    r"crumb|position|location|copyright|links|friend|recommend|hot|rank|list|tool"
)
_FURNITURE = re.compile(rf"{_FURNITURE_WORDS}|header", re.IGNORECASE)
_TITLE_FURNITURE = re.compile(_FURNITURE_WORDS, re.IGNORECASE)
# Headline boxes: headings and elements whose class/id says title, in any case ('Title').
_TITLE_CANDIDATES = (
    "//h1 | //h2 | //h3 | //*[contains(translate(@class, 'TITLE', 'title'), 'title')"
    " or contains(translate(@id, 'TITLE', 'title'), 'title')]"
)
# What may follow a headline inside <title>: a space or a separator character.
_SEP_CHARS = " _|｜-—－"
# A labelled byline field: what sits right below a headline.
_BYLINE_HINT = re.compile(r"(?:来源|出处|作者|记者|发布|日期|时间)\s*于?\s*[:：]")
# '<headline>-<site>' without spaces: only a short, digit-free suffix.
_BARE_HYPHEN_SUFFIX = re.compile(r"-([^\s\d\-_|｜]{2,10})$")
_DATE_LABEL = re.compile(r"(?:发布|发稿|更新)?(?:日期|时间)\s*[:：]")
# Editor credits: '责任编辑：X', '【编辑:X】', and the slash form of photo/edit credit lines
# ('摄影/张艳 编辑/苏芳').
_EDITOR_LINE = re.compile(r"(?:责任编辑|责编|编辑)\s*[:：/／]\s*[^\s)）】\]]{1,20}")
_TITLE_SEPARATORS = re.compile(r"(?:\s*(?:_|\||｜|--|——|－|-\s|\s-)\s*)+")
_DATE_METAS = (
    "PubDate",
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "og:release_date",
    "datePublished",
    "dc.date",
)
_SOURCE_METAS = ("ContentSource", "contentSource", "source", "og:article:source")
_TITLE_METAS = ("og:title", "ArticleTitle", "title")
_MIN_BODY_CHARS = 60


def meta_content(root: HtmlElement, names: Iterable[str]) -> tuple[str, str] | None:
    """First non-blank <meta name|property=...> among `names`, as (name, content)."""
    for name in names:
        for value in root.xpath(
            "//meta[@name=$n or @property=$n or @itemprop=$n]/@content", n=name
        ):
            if value.strip():
                return name, value.strip()
    return None


def _furniture(el: etree._Element) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("nav", "footer", "header", "a"):
            return True
        marker = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marker.strip() and _FURNITURE.search(marker):
            return True
        if is_hidden(node):
            return True
    return False


def _longest_common_substring(a: str, b: str) -> int:
    if not a or not b:
        return 0
    best = 0
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0] * (len(b) + 1)
        for j, bj in enumerate(b, 1):
            if ch == bj:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _title_furniture(el: etree._Element) -> bool:
    """_furniture for headline candidates: a box called 'header' may hold the headline.

    WHY: news templates put the headline in the article's own header block
    (`<div class="header"> … <div class="h-title">…</div>`), which the page-furniture words
    would otherwise reject together with the site header.
    """
    for node in (el, *el.iterancestors()):
        if node.tag in ("nav", "footer", "a") or is_hidden(node):
            return True
        marker = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marker.strip() and _TITLE_FURNITURE.search(marker):
            return True
    return False


def _moved_heading_content(el: etree._Element) -> etree._Element:
    """The element that really holds an empty heading's text.

    WHY: `<h2 class="tit"><p><span>引题</span><br>主标题</p></h2>` is invalid HTML; the parser
    closes the h2 at the <p> and leaves `<h2></h2><p>…</p>`, so the text is in the next sibling.
    """
    if el.tag in ("h1", "h2", "h3") and not inline_text(el):
        nxt = el.getnext()
        if nxt is not None and nxt.tag == "p" and not (el.tail or "").strip():
            return nxt
    return el


_XPATH_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    for node in root.xpath(
        "//body//text()[string-length(normalize-space()) >= 4"
        " and starts-with($t, normalize-space())]",
        t=doc_title,
    ):
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


def _byline_follows(root: HtmlElement, el: etree._Element, body: etree._Element | None) -> bool:
    """True when a labelled date/source line follows the element closely.

    WHY: the headline sits right above its '来源：… 发布时间：…' line on every CMS family;
    a sidebar heading is followed by a list, not by a labelled byline.
    """
    if body is not None and (el is body or body in el.iterancestors()):
        return False
    return bool(_BYLINE_HINT.search(header_band(root, el, body, limit=120)))


def guess_title(
    root: HtmlElement, body: etree._Element | None = None
) -> tuple[str | None, etree._Element | None, str]:
    """Headline text, its element, and how it was found ('heuristic' or 'meta').

    Candidates are headings, 'title'-classed boxes and elements whose text is the part of
    <title> before its suffix. Each scores by tag, agreement with <title>/meta title, a
    labelled byline right below it, and minus a copy inside the body (titles repeated there).
    """
    doc_title = " ".join(root.xpath("string(//title)").split())
    meta = meta_content(root, _TITLE_METAS)
    references = [t.replace(" ", "")[:120] for t in (doc_title, meta[1] if meta else "") if t]
    weights = {"h1": 3.0, "h2": 2.0, "h3": 1.0}
    prefixed = _title_prefix_elements(root, doc_title) if doc_title else []
    best: tuple[float, str, etree._Element] | None = None
    seen: set[etree._Element] = set()
    for candidate in [*root.xpath(_TITLE_CANDIDATES), *prefixed]:
        el = _moved_heading_content(candidate)
        if el in seen or el.tag in ("a", "title", "meta") or _title_furniture(el):
            continue
        seen.add(el)
        text = inline_text(el)
        if not 4 <= len(text) <= 160:
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
        if (best is None or score + 1.5 > best[0]) and _byline_follows(root, el, body):
            score += 1.5
        if best is None or score > best[0]:
            best = (score, text, el)
    if best is not None and best[0] >= 3.0:
        return best[1], best[2], "heuristic"
    if meta and "<" not in meta[1]:
        return meta[1], None, "meta"
    if doc_title:
        return _title_without_suffix(doc_title), None, "heuristic"
    return None, None, "missing"


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


def body_score(el: etree._Element) -> int:
    return sum(len(p) for p in paragraphs(el) if len(p) >= 10)


def guess_body(root: HtmlElement) -> etree._Element | None:
    """The element that holds the article text: a known CMS container, else text density."""
    for xpath in KNOWN_BODY_CONTAINERS:
        for el in root.xpath(xpath):
            if not is_hidden(el) and body_score(el) >= _MIN_BODY_CHARS:
                return el
    scores: dict[etree._Element, float] = {}
    for p in root.iter("p", "div", "td", "span", "font"):
        if p.tag in SKIP_TAGS or _furniture(p):
            continue
        own = (p.text or "") + "".join(child.tail or "" for child in p)
        text_len = len("".join(own.split()))
        if p.tag == "p":
            text_len = len("".join(inline_text(p).split()))
            link_len = sum(len("".join(inline_text(a).split())) for a in p.iter("a"))
            text_len -= link_len
        if text_len < 10:
            continue
        parent = p.getparent() if p.tag in ("p", "span", "font") else p
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + text_len
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + text_len / 2
    if not scores:
        return None
    best = max(scores, key=lambda el: scores[el])
    # A few dozen characters is a byline or a caption, not an article: an empty article page
    # must come out without a body (and be rejected), not with its date line as the body.
    return best if scores[best] >= _MIN_BODY_CHARS else None


def _following_text(el: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """(text, element it is rendered in) for every text node after `el`, in document order.

    Lazy, unlike the XPath following::text() axis, which builds the list of every text node
    to the end of the page: the bands stop after a few hundred characters. A tail is rendered
    in the parent of its element: '来源: | 发布时间: 2018-05-17' may be the tail of a
    `<script>` (VSB templates print the header right after a click-counter script).
    """
    node: etree._Element | None = el
    while node is not None:
        if node.tail:
            yield node.tail, node.getparent()
        nxt = node.getnext()
        while nxt is None:
            node = node.getparent()
            if node is None:
                return
            if node.tail:
                yield node.tail, node.getparent()
            nxt = node.getnext()
        yield from _subtree_text(nxt)
        node = nxt


def _subtree_text(el: etree._Element) -> Iterator[tuple[str, etree._Element | None]]:
    """(text, element it is rendered in) inside `el`, in document order (tails after children).

    Script/style and hidden subtrees are not entered: none of their text is visible.
    """
    if not isinstance(el.tag, str):  # a comment's .text is not page text
        return
    if el.tag in SKIP_TAGS or is_hidden(el):
        return
    if el.text:
        yield el.text, el
    for child in el:
        yield from _subtree_text(child)
        if child.tail:
            yield child.tail, el


def _visible_text_run(
    nodes: Iterable[tuple[str, etree._Element | None]],
    stop: etree._Element | None,
    limit: int,
) -> str:
    """Visible text of `nodes` up to `stop` (an element) or about `limit` characters.

    Text nodes are joined by one space after a label colon ('来源：' + '<a>求是网</a>') and by
    two spaces otherwise. WHY: a boundary between elements ends a byline value, and
    split_byline ends values at two spaces; joining everything with one space glued widget
    text to the value ('来源：求是网<a>参与互动</a>', '<span>来源: 长江网</span>
    <span>调整字体</span>').
    """
    out: list[str] = []
    size = 0
    visible: dict[etree._Element, bool] = {}
    for node, el in nodes:
        text = " ".join(node.split())
        if not text or el is None:
            continue
        if stop is not None and (el is stop or stop in el.iterancestors()):
            break
        if el not in visible:
            visible[el] = not any(
                a.tag in SKIP_TAGS or is_hidden(a) for a in (el, *el.iterancestors())
            )
        if not visible[el]:
            continue
        if out:
            out.append(" " if out[-1].endswith((":", "：")) else "  ")
        out.append(text)
        size += len(text)
        if size > limit:
            break
    return "".join(out)


def header_band(
    root: HtmlElement,
    title_el: etree._Element | None,
    body_el: etree._Element | None,
    limit: int = 400,
) -> str:
    """Visible text between the headline and the body: where bylines live."""
    if title_el is None:
        return ""
    return _visible_text_run(_following_text(title_el), body_el, limit)


def trailer_band(body_el: etree._Element | None, limit: int = 300) -> str:
    """Visible text right after the body: some templates print the date line below it."""
    if body_el is None:
        return ""
    return _visible_text_run(_following_text(body_el), None, limit)


def guess_date(root: HtmlElement, header: str, trailer: str) -> tuple[str | None, str]:
    found = find_date(header)
    if found:
        return found, "heuristic"
    # Below the body only a labelled date counts: related-article lists carry other dates.
    label = _DATE_LABEL.search(trailer)
    if label:
        found = find_date(trailer[label.start() : label.start() + 60])
        if found:
            return found, "heuristic"
    meta = meta_content(root, _DATE_METAS)
    if meta:
        return meta[1], "meta"
    return None, "missing"


def guess_byline(header: str, trailer: str) -> dict[str, str | None]:
    parts = split_byline(header)
    if not any(parts.values()):
        parts = split_byline(trailer[:200])
    return parts


def guess_source_meta(root: HtmlElement) -> str | None:
    meta = meta_content(root, _SOURCE_METAS)
    return meta[1] if meta else None


def guess_editor(body_tail: str, trailer: str) -> str | None:
    for text in (body_tail, trailer):
        m = _EDITOR_LINE.search(text)
        if m:
            return m.group(0)
    return None


# --- body text: headline copies and bylines printed inside the body ---------------------------

_NAME = r"[\u4e00-\u9fff·]{2,4}"
# 1-3 person names separated by blanks or '、': '李鹃', '曹溢 陆丽环'.
_NAMES_RE = re.compile(rf"{_NAME}(?:[\s、，,]+{_NAME}){{0,2}}")
# A labelled byline paragraph: '作者：张三', '文/李四', '本报记者 王五'.
_LABELLED_BYLINE_RE = re.compile(
    r"(?:(?:本报|本网|本刊|本台)?记者|作者|撰文|文)\s*[:：/／]\s*(?P<names>.+)"
    r"|(?:本报|本网|本刊|本台)?记者\s+(?P<spaced>.+)"
)
# A reporter credited inside the dateline of the first paragraph: '新华社巴黎12月9日电
# （记者唐霁）', '长江网10月4日讯（记者陈智 整合）'. The bracket must close the dateline (电/讯)
# or open the paragraph: '（记者会现场）' elsewhere is prose.
_DATELINE_AUTHOR_RE = re.compile(
    rf"(?:^|[电讯])\s*[（(]\s*(?:本报|本网|本台|本站|新华社)?记者\s*(?P<names>{_NAME}(?:[、，,]{_NAME})*)(?=[\s）)、，,])"
)
# A compiler credit closing the body: '（中央纪委国家监委网站 斯凌整理）'; the role word
# follows the name without a blank.
_CREDIT_ROLE = r"整理|编辑整理|撰稿|执笔|报道|编写"
# A bare name in brackets at the very end of the body: '…在巴西举行。（张巨峰）' is the
# newspaper convention for the reporter. Organisations are written the same way
# ('（德清县发改局）', '（新华社）', '（央视新闻）'), so names ending in an organisation word
# or starting with an attribution word ('（据新华社）', '（本报讯）') are refused.
_END_NAME_RE = re.compile(rf"[（(]\s*(?P<name>{_NAME})\s*[)）]$")
_ORG_ENDINGS = tuple("社网报刊志闻讯局委部办院会厅处台站所室组队科馆校司团")
_ATTRIBUTION_STARTS = tuple("据本转摘来见详")
_NOT_NAMES = frozenset({"待续", "未完待续", "全文完", "图文", "完结", "续完"})
# An adoption/issuance note printed under a law or resolution headline:
# '（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）'.
_ADOPTION_NOTE_RE = re.compile(
    r"[（(]\s*[0-9一二三四五六七八九〇零○]{4}年.{1,80}?(?:通过|批准|公布|发布|印发|修正|修订)"
    r"[^()（）]{0,40}[)）]"
)


def _compact(text: str) -> str:
    return "".join(text.split())


def drop_title_lines(lines: list[str], title: str | None) -> list[str]:
    """The body without leading lines that repeat the headline, and an adoption note after them.

    WHY: gazette and law pages print the headline again as the first centered line(s) of the
    body, sometimes broken over several <br> lines; CMS templates repeat it as a bold first
    paragraph ('中华人民共和国监察法' inside #vsb_content). It is the title, not body text.
    """
    target = _compact(title or "")
    if len(target) < 4:
        return lines
    joined = ""
    for index, line in enumerate(lines[:6]):
        joined += _compact(line)
        if joined == target:
            rest = lines[index + 1 :]
            if rest and _ADOPTION_NOTE_RE.fullmatch(_compact(rest[0])):
                rest = rest[1:]
            return rest if rest else lines
        if not target.startswith(joined):
            break
    return lines


def _is_source(text: str, source: str | None) -> bool:
    source = clean_source(source) if source else None
    return bool(source) and _compact(text) == _compact(source or "")


def lead_byline(lines: list[str], source: str | None) -> tuple[str | None, list[str]]:
    """(author, remaining lines) when the first line is a byline, else (None, lines).

    WHY: some templates print the byline as the first (centered) paragraph of the body:
    '中央纪委国家监委网站 李鹃' = the known source followed by 1-3 person names, or a
    labelled '作者：张三' / '文/李四'. It names the author and is not body text.
    """
    if not lines:
        return None, lines
    first = " ".join(lines[0].split())
    if len(first) > 40:
        return None, lines
    labelled = _LABELLED_BYLINE_RE.fullmatch(first)
    if labelled:
        names = (labelled["names"] or labelled["spaced"]).strip()
        if _NAMES_RE.fullmatch(names):
            return names, lines[1:]
    head, _, names = first.partition(" ")
    if names and _is_source(head, source) and _NAMES_RE.fullmatch(names):
        return names, lines[1:]
    return None, lines


def dateline_author(lines: list[str]) -> str | None:
    """The reporter named in the dateline at the start of the body ('（记者唐霁）')."""
    if not lines:
        return None
    match = _DATELINE_AUTHOR_RE.search(lines[0][:80])
    return match["names"] if match else None


def closing_author(lines: list[str], source: str | None) -> str | None:
    """An author credited at the end of the body, or None.

    '(作者：方敏北京大学经济学院教授)' (a labelled line), '（中央纪委国家监委网站 斯凌整理）'
    (source + name + role), '…举行。（张巨峰）' (a bare bracketed name closing the text).
    """
    if not lines:
        return None
    last = " ".join(lines[-1].split())
    inner = last[1:-1].strip() if last[:1] in "(（" and last[-1:] in ")）" else None
    if inner is not None:
        labelled = _LABELLED_BYLINE_RE.fullmatch(inner)
        if labelled and (labelled["names"] or "").strip():
            return labelled["names"].strip()
        head, _, rest = inner.rpartition(" ")
        if head and _is_source(head, source):
            credit = re.fullmatch(rf"(?P<name>{_NAME}?)(?:{_CREDIT_ROLE})?", rest)
            if credit and len(credit["name"]) >= 2:
                return credit["name"]
    end = _END_NAME_RE.search(last)
    if end:
        name = end["name"]
        if not (
            name in _NOT_NAMES
            or name.endswith(_ORG_ENDINGS)
            or name.startswith(_ATTRIBUTION_STARTS)
        ):
            return name
    return None
