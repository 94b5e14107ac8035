"""人民网 family mirror: 人民网党建 (GB/394443/) and 中国共产党新闻网 (GB/87228/) on one host.

Lists are paged index.html, index2.html, … by the `div.page_n` pager links (the last page
links no higher number). Articles use the three templates of the people_cms family:
"text_title" exactly as ../shared/real_pages/people_article_3.html (`div.box01 div.fl` date
and source, `div#rwb_zw`, the `div.zdfy` pager of a two-page article, `div.edit`
'(责编：…)'), "rm_txt" and the older "text_c" as portals.md 3.2 describes them. One page is
served as GB2312 (the historical encoding). Content invented.
"""

# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.support.mirrors import Mirror, paragraphs_html, write, write_headers

GBK_TYPE = "text/html; charset=GB2312"


@dataclass(frozen=True)
class Article:
    path: str
    column: str
    layout: str
    title: str
    shown: str  # the date as printed
    published_at: str
    source: str
    editor: str
    pages: tuple[tuple[str, ...], ...]
    encoding: str = "utf-8"


ARTICLES = (
    Article(
        "n1/2024/0510/c117092-40725457.html",
        "394443",
        "rm_txt",
        "在新时代基层党建中争先出彩",
        "2024年05月10日06:58",
        "2024-05-10T06:58:00+08:00",
        "人民网－人民日报",
        "胡某某、杨某某",
        (
            (
                "各地坚持以党建引领基层治理，推动党的组织和工作全覆盖。",
                "一批基层党组织在服务群众中发挥了战斗堡垒作用。",
            ),
        ),
    ),
    Article(
        "n1/2019/0615/c117092-31153719.html",
        "394443",
        "text_title",
        "党支部标准化建设的几点经验",
        "2019年06月15日08:18",
        "2019-06-15T08:18:00+08:00",
        "人民网-党建频道",
        "汤某某、丁某某",
        (
            (
                "标准化建设是提升党支部组织力的重要抓手。",
                "某市从组织设置、组织生活等方面明确了标准。",
            ),
            ("第二页：标准化不是简单的“一刀切”。", "要因地制宜，把标准落到实处。"),
        ),
    ),
    Article(
        "n1/2015/0302/c87228-26620001.html",
        "24小时",
        "text_c",
        "从严治党要落实到每个支部",
        "2015年03月02日08:12",
        "2015-03-02T08:12:00+08:00",
        "人民网－中国共产党新闻网",
        "王某",
        (("从严治党，关键在于抓好每一个支部。", "支部要把从严要求体现在日常教育管理之中。"),),
    ),
    Article(
        "n1/2024/0508/c87228-40724001.html",
        "24小时",
        "rm_txt",
        "学习教育走深走实",
        "2024年05月08日17:20",
        "2024-05-08T17:20:00+08:00",
        "人民网",
        "李某",
        (("各级党组织把学习教育同推动中心工作结合起来。", "引导党员干部学思想、强党性。"),),
        encoding="gb18030",
    ),
    Article(
        "n1/2024/0501/c87228-40720002.html",
        "24小时",
        "text_title",
        "劳动节里的党员先锋岗",
        "2024年05月01日09:00",
        "2024-05-01T09:00:00+08:00",
        "人民网-中国共产党新闻网",
        "赵某",
        (("节日期间，党员先锋岗坚守一线。", "他们以实际行动诠释了共产党员的责任担当。"),),
    ),
)
LISTS = {
    "394443": {"GB/394443/index.html": ARTICLES[:1], "GB/394443/index2.html": ARTICLES[1:2]},
    "24小时": {
        "GB/87228/index.html": ARTICLES[2:3],
        "GB/87228/index2.html": ARTICLES[3:4],
        "GB/87228/index3.html": ARTICLES[4:],
    },
}


def _page_path(article: Article, index: int) -> str:
    return article.path if index == 0 else article.path.replace(".html", f"-{index + 1}.html")


def _zdfy(article: Article) -> str:
    links = "".join(
        f'<a href="/{_page_path(article, i)}">【{i + 1}】</a>' for i in range(len(article.pages))
    )
    return f'<div class="zdfy clearfix">{links}</div>' if len(article.pages) > 1 else ""


def _article(article: Article, index: int) -> str:
    body = paragraphs_html(list(article.pages[index])) + _zdfy(article)
    date_source = (
        f'{article.shown}&nbsp;&nbsp;来源：<a href="/" target="_blank">{article.source}</a>'
    )
    edit = f'<div class="edit clearfix">(责编：{article.editor})</div>'
    if article.layout == "text_title":
        main = (
            f'<div class="clearfix w1000_320 text_title"><h3 class="pre"></h3><h1>{article.title}</h1>'
            f'<h4 class="sub"></h4><p class="author"></p><div class="box01"><div class="fl">{date_source}</div>'
            '<div class="fr"><div class="fx">分享到：</div></div></div></div>'
            '<div class="clearfix w1000_320 text_con"><div class="fl text_con_left">'
            f'<div class="box_con" id="rwb_zw">{body}{edit}</div></div></div>'
        )
    elif article.layout == "rm_txt":
        main = (
            f'<div class="layout rm_txt cf"><div class="col col-1 fl"><h3 class="pre"></h3><h1>{article.title}</h1>'
            '<h4 class="sub"></h4><div class="author cf"></div>'
            f'<div class="channel cf"><div class="col-1-1 fl">{article.shown} | 来源：<a href="/">{article.source}</a></div>'
            '<div class="col-1-2 fr">分享到</div></div>'
            f'<div class="rm_txt_con cf" id="rm_txt_zw">{body}</div>{edit}</div></div>'
        )
    else:
        main = (
            f'<div class="text_c"><h1>{article.title}</h1><p class="sou">{date_source}</p>'
            f'<div class="show_text">{body}</div>{edit}</div>'
        )
    charset = "GB2312" if article.encoding != "utf-8" else "utf-8"
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset={charset}">'
        f"<title>{article.title}--党建--人民网</title></head><body>"
        '<div class="header"><a href="http://www.people.com.cn/">人民网</a></div>'
        f'{main}<div class="footer">人民网版权所有，未经书面授权禁止使用</div></body></html>'
    )


def _list(column: str, path: str) -> str:
    pages = list(LISTS[column])
    items = "".join(
        f'<li><a href="/{a.path}" target="_blank">{a.title}</a></li>' for a in LISTS[column][path]
    )
    box = (
        f'<div class="p2j_con02 clearfix w1000"><div class="fl"><ul>{items}</ul></div></div>'
        if column == "394443"
        else f'<div class="p2j_list"><ul>{items}</ul></div>'
    )
    number = pages.index(path)
    pager = "".join(
        f'<a href="{p.rsplit("/", 1)[1]}">{i + 1}</a>' for i, p in enumerate(pages[: number + 2])
    )
    if number + 1 < len(pages):
        pager += f'<a href="{pages[number + 1].rsplit("/", 1)[1]}">下一页</a>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{column}--人民网</title></head><body>'
        f'{box}<div class="page_n clearfix">{pager}</div></body></html>'
    )


def build(root: Path, base_url: str = "") -> Mirror:
    articles = {}
    types = {}
    for article in ARTICLES:
        for index in range(len(article.pages)):
            path = _page_path(article, index)
            write(root, path, _article(article, index), article.encoding)
            if article.encoding != "utf-8":
                types[path] = GBK_TYPE
        articles[article.path] = {
            "column": article.column,
            "title": article.title,
            "published_at": article.published_at,
            "source": article.source,
            "editor": article.editor,
            "body": "\n".join(p for page in article.pages for p in page),
        }
    write_headers(root, types)
    entries = {}
    for column, pages in LISTS.items():
        for path, listed in pages.items():
            write(root, path, _list(column, path))
            entries[path] = [a.path for a in listed]
    return Mirror(
        root=root,
        articles=articles,
        list_pages={column: list(pages) for column, pages in LISTS.items()},
        list_entries=entries,
    )
