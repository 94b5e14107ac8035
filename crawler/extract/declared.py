"""The author a page declares for machines: `<meta name="author">`, JSON-LD `author` (pure).

These are the last resort for the author, and are believed only when the page also prints
the name: on Chinese portals the author meta is most often the site ('网易' on 163.com,
'证券时报网' on stcn.com, 'chinanews'), a CMS user id ('104363' on people.com.cn), a template
placeholder ('name, email@gmail.com' on guancha.cn), or the web editor who uploaded the page
('马娟' on www.gov.cn 国务院公报 pages, where no author is shown). A name that the page prints
as its 责任编辑 is the editor, not the author, whatever the meta says.
"""

from __future__ import annotations

import json
import re
from typing import Any

from lxml.html import HtmlElement

from crawler.extract.meta import meta_content
from crawler.normalize.bylines import clean_person, clean_source, split_names

AUTHOR_METAS = ("author", "Author", "article:author", "dc.creator", "DC.creator")
# One person's name: 2-4 Han characters (a '·' inside a transliterated name), or Latin words
# ('Demi Xia').
_PERSON = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,5}|[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*){0,2}"
)
# Organisation endings: a site, a paper, an office is not a person ('网易新闻', '人民日报社').
_ORG_END = re.compile(
    r"(?:网|报|社|刊|台|》|新闻|频道|杂志|网络|中心|公司|集团|局|委|部|办|厅|处)$"
)
_MAX_NAMES = 5


def _person_names(value: str | None) -> str | None:
    """`value` when it reads as one to five person names, else None."""
    text = clean_person(value)
    if not text or len(text) > 40:
        return None
    names = split_names(text)
    if not 1 <= len(names) <= _MAX_NAMES:
        return None
    for name in names:
        if not _PERSON.fullmatch(name) or _ORG_END.search(name):
            return None
    return text


# A label right before the printed name that is not the writer's: the web editor who uploaded
# the page may be printed as its proof-reader, photographer, reviewer or poster ('编辑 刘某
# 校对 李某' closing 163.com reposts, '校对|黄某' in thepaper.cn WeChat credit blocks; '审核：',
# '发布人：', '录入：' are the same kind of credit, not seen on a named site here).
_EDITOR_LABEL = re.compile(
    r"(?:责任编辑|值班编辑|责编|编辑|审核|审校|审签|签发|初审|复审|终审|校对|录入|发布人|发布者|"
    r"上传|供稿|供图|摄影|摄像|图片|视频|制图|设计|监制|统筹|策划|出品|通讯员|信息员|联系人)"
    r"\s*[:：/／|｜]?\s*$"
)


_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _printed(name: str, shown: str) -> bool:
    """`name` appears in `shown` as a whole word (not inside a longer Han run), and never as
    the value of an editor's or another non-writer's label ('责任编辑：马娟', '审核：马娟')."""
    found = False
    start = shown.find(name)
    while start >= 0:
        end = start + len(name)
        before, after = shown[start - 1 : start], shown[end : end + 1]
        if not _WORD_CHAR.fullmatch(before or " ") and not _WORD_CHAR.fullmatch(after or " "):
            if _EDITOR_LABEL.search(shown[max(0, start - 8) : start]):
                return False
            found = True
        start = shown.find(name, start + 1)
    return found


def _jsonld_people(root: HtmlElement) -> list[str]:
    """The names of JSON-LD `author` entries of @type Person, in page order."""
    out: list[str] = []
    # iter() over the page's scripts, not an XPath: it is walked on every page without an
    # author, and most pages have no JSON-LD at all.
    for el in root.iter("script"):
        if el.get("type") != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        items: list[Any] = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                continue
            authors = item.get("author")
            for author in authors if isinstance(authors, list) else [authors]:
                if isinstance(author, dict) and author.get("@type") == "Person":
                    name = author.get("name")
                    if isinstance(name, str) and name.strip():
                        out.append(name.strip())
    return out


def declared_author(
    root: HtmlElement, shown: str, editor: str | None, source: str | None
) -> str | None:
    """The author of `<meta name="author">` (else a JSON-LD Person author) that the page also
    prints in `shown` (its header band and the body's edge lines), and that is neither the
    page's editor nor its source."""
    meta = meta_content(root, AUTHOR_METAS)
    candidates = ([meta[1]] if meta else []) + _jsonld_people(root)
    not_authors = {clean_person(editor), clean_source(source)} - {None}
    for candidate in candidates:
        name = _person_names(candidate)
        if name and name not in not_authors and all(_printed(n, shown) for n in split_names(name)):
            return name
    return None
