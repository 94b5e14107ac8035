"""Lines of a body that are only links: related-link boxes at its start (pure).

A related-links box inside the body container renders as lines that are each the whole text
of a link (or of a block made of links). Above the article's first sentence they are other
pages' headlines, not text: sohu.com's 2005 articles open their text cell (`<td class=cj20
id=fontzoom>`) with a table of '理财：<a>…</a>' / '股票：<a>…</a>' rows; people.com.cn opens
some with a promo link ('<a>点击进入“文艺星青年”>></a>': the one-line case, which clean_body's
leading-promo rule drops).
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.extract.media import is_attachment
from crawler.extract.memo import PerElement
from crawler.extract.text import inline_text, paragraphs

# A block whose text is all links but for a label colon or a separator ('理财：<a>…</a>').
_UNLINKED_MAX = 2
# The run must be more than one line: a single linked first line may be a name or a
# document title the article is about ('<a>《关于…的通知》</a>' opening a 解读 page).
_MIN_LINK_LINES = 2
# A linked document title is the article's own too, wherever it links: a 政策解读 opens with
# the 通知 it reads (fzgg.gansu.gov.cn links its 《若干措施》 as a file; a CMS that publishes
# the document as a page links the same title to the page). A title in 《》, or one ending in
# a document's kind ('…的通知', '…实施方案', '…管理办法'); other pages' headlines are news.
_DOCUMENT_TITLE = re.compile(
    r"[《〈].+[》〉]|.{4,}(?:通知|意见|办法|规定|决定|方案|公告|通告|条例|细则|规划|纲要|决议|批复"
    r"|指引|指南|规则|措施|报告)"
)


def _compact(text: str) -> str:
    return "".join(text.split())


def link_texts(body_el: etree._Element) -> frozenset[str]:
    """Compacted texts that a body line has when the line is only a link or only links.

    A link broken over lines is one line per part: `<a><b>网易财经<br>会赚钱的客户端：</b></a>`
    (163.com's promo buttons closing money articles), `<a>标题前半<br>后半</a>` (qq.com,
    zgjjjc.ccdi.gov.cn related-article links). A block of several links counts too
    ('<p><a>沪指3周重挫</a> <a>券商大佬齐聚</a></p>', '<td>理财：<a>…</a></td>').
    """
    return _link_texts_of(body_el)


def _link_texts(body_el: etree._Element) -> frozenset[str]:
    # Each link's text once: the blocks below reuse it (the element keys keep their proxies).
    # C tag walks (`iter`) instead of ElementPath `find('.//…')`.
    texts = {a: _compact(inline_text(a)) for a in body_el.iter("a")}
    links = set(texts.values())
    links.update(
        _compact(line)
        for a in texts
        if next(a.iter("br"), None) is not None
        for line in paragraphs(a)
    )
    for block in body_el.iter("p", "li", "dd", "div", "td"):
        block_links = list(block.iter("a"))
        if not block_links:
            continue
        text = _compact(inline_text(block))
        linked = "".join(texts[a] for a in block_links)
        if text and len(linked) >= len(text) - _UNLINKED_MAX:
            links.add(text)
    links.discard("")
    return frozenset(links)


def without_leading_links(lines: list[str], body_el: etree._Element) -> list[str]:
    """`lines` without a run of link-only lines at the start, when more text follows.

    A body that is only or mostly links (a 信息公开 page listing its attachments) is left
    whole, and a link to a document is the article's own ('<a>关于…的通知.pdf</a>' above a
    政策解读's text): the run stops there.
    """
    links = link_texts(body_el)
    documents = {
        _compact(inline_text(a)) for a in body_el.iter("a") if is_attachment(a.get("href") or "")
    }
    start = 0
    while start < len(lines) and (line := _compact(lines[start])) in links:
        if line in documents or _DOCUMENT_TITLE.fullmatch(line):
            break
        start += 1
    if start < _MIN_LINK_LINES:
        return lines
    linked = sum(len(_compact(line)) for line in lines[:start])
    rest = sum(len(_compact(line)) for line in lines[start:])
    # What follows must be the article, not a closing credit under a list of links.
    return lines[start:] if rest > linked else lines


# The leading and the trailing pass ask for the link texts of the same body.
_link_texts_of: PerElement[frozenset[str]] = PerElement(_link_texts)
