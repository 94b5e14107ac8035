"""共产党员网 (12371.cn) mirror: a list whose entries live in an inline script array.

As RSSHub and CN_12371Parser read the real site (portals.md 3.1; no real page was available):
`<script language="javascript">… item=[{'title':…,'brief':'YYYY-MM-DD HH:mm:ss','link_add':
'https://www.12371.cn/…/ARTI….shtml'}];` with absolute links, articles `h1.big_title`,
`i.time` ('发布时间：2019年11月01日 10:07 来源：X 编辑：Y'), `div.word`. One article is
image-only (a `body_too_short` reject, as the real site has them). Content invented.
"""

# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

from tests.support.mirrors import Mirror, paragraphs_html, write

ARTICLES = {
    "2019/11/01/ARTI1572574048107450.shtml": (
        "党员教育培训工作扎实推进",
        "2019-11-01 10:07:00",
        "2019年11月01日 10:07",
        "共产党员网",
        "王晓",
        [
            "各地组织部门认真落实党员教育培训工作规划。",
            "通过线上线下相结合的方式，党员教育覆盖面持续扩大。",
        ],
    ),
    "2019/10/31/ARTI1572489600000001.shtml": (
        "基层党组织“三会一课”的规范做法",
        "2019-10-31 18:30:00",
        "2019年10月31日 18:30",
        "人民日报",
        "李明",
        ["“三会一课”是党的组织生活的基本制度。", "基层党组织要严格落实，不断提高组织生活质量。"],
    ),
    "2019/10/30/ARTI1572400000000002.shtml": (
        "发展党员工作细则问答('应知应会'版)",
        "2019-10-30 09:00:00",
        "2019年10月30日 09:00",
        "共产党员网",
        "王晓",
        ["问：入党积极分子的培养考察期一般为多长时间？", "答：一般为一年以上。"],
    ),
    # Image-only: the body box holds one picture and no text.
    "2019/10/29/ARTI1572300000000003.shtml": (
        "图解：党支部工作条例",
        "2019-10-29 08:00:00",
        "2019年10月29日 08:00",
        "共产党员网",
        "王晓",
        [],
    ),
}
IMAGE_ONLY = "2019/10/29/ARTI1572300000000003.shtml"


def _article(title: str, shown: str, source: str, editor: str, paragraphs: list[str]) -> str:
    body = paragraphs_html(paragraphs) or '<p align="center"><img src="/img/tujie.jpg"></p>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_共产党员网</title></head><body>'
        '<div class="header"><a href="/">共产党员网</a></div><div class="dyw1023_content">'
        f'<h1 class="big_title">{title}</h1>'
        f'<div class="big_line"><i class="time">发布时间：{shown}&nbsp;&nbsp;来源：{source}&nbsp;&nbsp;编辑：{editor}</i></div>'
        f'<div class="word">{body}</div></div><div class="footer">版权所有：共产党员网</div></body></html>'
    )


def _js(text: str) -> str:
    """A single-quoted JavaScript string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _list(base_url: str) -> str:
    # The entries as the site's script writes them: single quotes, absolute links.
    items = ",".join(
        f"{{'title':{_js(title)},'brief':{_js(brief)},'link_add':{_js(base_url + path)},'img':''}}"
        for path, (title, brief, *_rest) in ARTICLES.items()
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>最新发布_共产党员网</title></head><body>'
        '<div class="header"><a href="/">共产党员网</a></div>'
        '<div class="dyw981_text"><ul class="showMoreNChildren" id="showMoreNChildren"></ul></div>'
        f'<script language="javascript">var pagesize = 20; var item=[{items}];\n'
        "showMoreNChildren(item, pagesize);</script></body></html>"
    )


def build(root: Path, base_url: str) -> Mirror:
    articles = {}
    for path, (title, brief, shown, source, editor, paragraphs) in ARTICLES.items():
        write(root, path, _article(title, shown, source, editor, paragraphs))
        if path == IMAGE_ONLY:
            continue
        articles[path] = {
            "title": title,
            "published_at": brief[:16].replace(" ", "T") + ":00+08:00",
            "source": source,
            "editor": editor,
            "body": "\n".join(paragraphs),
        }
    write(root, "zxfb/index.html", _list(base_url))
    return Mirror(
        root=root,
        articles=articles,
        list_pages={"最新发布": ["zxfb/"]},
        list_entries={"zxfb/": list(ARTICLES)},
        rejects={IMAGE_ONLY: "body_too_short"},
    )
