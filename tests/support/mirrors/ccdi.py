"""中央纪委国家监委网站 (TRS WCM) mirror: site-search list, a TRS column, a three-page article.

Markup quoted from ../shared/real_pages/ccdi_article_*.html and ccdi_list_1.html:
`h2.tit`, `div.daty_con em.e1/em.e2`, `div.content` opening with a centered byline
paragraph; search results `ul.s_0603_list > li` (`b.title a`, `span.time`) paged by
`a.next-page` links to `search?page=N&…`. The 要闻 column page (markup assumed, see
crawler/profiles/ccdi.toml) is paged by `createPageHTML(2, 0, "index", "html")`, and one
article continues on t…_1.html and t…_2.html by `createPageHTML(3,0,"t20241230_399001","html")`.
All content is invented.
"""

# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from crawler.demo.server import Answer, Handler, Request
from tests.support.mirrors import Mirror, paragraphs_html, write

SEARCH_PATH = "/was5/web/search"
SEARCH_QUERY = "channelid=298814&amp;searchword=%E4%B8%AD%E5%A4%AE%E7%BA%AA%E5%A7%94%E5%9B%BD%E5%AE%B6%E7%9B%91%E5%A7%94%E5%85%AC%E5%BC%80%E9%80%9A%E6%8A%A5&amp;orderby=-DocRelTime&amp;perpage=10"
SOURCE = "中央纪委国家监委网站"


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    time: str  # as shown: 2025-04-24 17:00
    pages: tuple[tuple[str, ...], ...]  # paragraphs of each page
    author: str | None = None
    image_on_page: int | None = None  # a photo on this page (0-based)
    attachment_on_page: int | None = None


ARTICLES = (
    Article(
        "toutiaon/202504/t20250424_419135.html",
        "中央纪委国家监委公开通报五起违反中央八项规定精神典型问题",
        "2025-04-24 17:00",
        (
            (
                "“五一”假期将至，中央纪委国家监委对五起违反中央八项规定精神典型问题进行公开通报。",
                "通报指出，各级党组织要切实扛起主体责任，持续深化纠治“四风”。",
            ),
        ),
    ),
    Article(
        "pln/202409/t20240926_377777.html",
        "广安观潮 | 坚持节点监督的有效做法",
        "2024-09-26 06:00",
        (
            (
                "节点就是考点，越是节假日等重要节点，越要绷紧作风建设这根弦。",
                "要坚持风腐同查同治，不断铲除不正之风滋生的土壤。",
            ),
        ),
        author="李鹃",
    ),
    Article(
        "specialn/202412/t20241230_399001.html",
        "深度关注丨常态长效深化落实中央八项规定精神",
        "2024-12-30 06:47",
        (
            (
                "岁末年初，各地纪检监察机关紧盯关键节点，持续释放越往后执纪越严的强烈信号。",
                "某市纪委监委聚焦群众反映强烈的突出问题开展专项监督。",
            ),
            (
                "第二页：某县纪委监委把监督触角延伸到基层末梢，对发现的问题建立台账。",
                "通过一案一总结，推动形成长效机制。",
            ),
            ("第三页：纠治“四风”必须坚持常态长效，以钉钉子精神久久为功。",),
        ),
        author="陈昊",
        image_on_page=1,
        attachment_on_page=2,
    ),
    Article(
        "yaowenn/202502/t20250210_405001.html",
        "二十届中央纪委四次全会工作报告解读",
        "2025-02-10 07:30",
        (
            (
                "全会工作报告对新一年纪检监察工作作出全面部署。",
                "要以更高标准更实举措推进全面从严治党。",
            ),
        ),
    ),
    Article(
        "yaowenn/202502/t20250205_404002.html",
        "网言网语丨风清气正过佳节",
        "2025-02-05 15:15",
        (
            (
                "春节期间，网友围绕守好“廉关”、过好春节畅谈体会和建议。",
                "大家表示，要把廉洁自律的要求融入日常生活。",
            ),
        ),
    ),
    Article(
        "yaowenn/202501/t20250120_401003.html",
        "以严的基调强化正风肃纪",
        "2025-01-20 06:20",
        (("各级纪检监察机关坚持严的基调不动摇。", "对顶风违纪行为露头就打、从严查处。"),),
    ),
)
# Site-search pages (page number -> article paths) and the 要闻 column's TRS pages.
SEARCH_PAGES = {1: ARTICLES[:2], 2: ARTICLES[2:3]}
COLUMN_PAGES = {"yaowenn/index.html": ARTICLES[3:5], "yaowenn/index_1.html": ARTICLES[5:]}


def _page(title: str, main: str, script: str = "") -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f"<title>{title}——中央纪委国家监委网站</title>"
        '<meta name="SiteName" content="中央纪委国家监委网站"><meta name="ArticleTitle" content="">'
        '</head><body><header><div class="search"><form action="/was5/web/search">'
        '<input name="searchword"></form></div></header>'
        f'<div class="page_bg"><section class="fixed">{main}</section></div>'
        f"<footer><p>中央纪委国家监委网站 版权所有</p></footer>{script}</body></html>"
    )


def _article_page(article: Article, index: int) -> str:
    paragraphs = paragraphs_html(list(article.pages[index]))
    if index == 0 and article.author:
        # '中央纪委国家监委网站&nbsp;李鹃': the byline is the body's first, centered paragraph.
        paragraphs = (
            '<p style="text-align: center;"><span style="font-family: 楷体, SimKai;">'
            f"{SOURCE}&nbsp;{article.author}</span></p>" + paragraphs
        )
    if article.image_on_page == index:
        paragraphs += '<p style="text-align: center;"><img src="./W020241230000001.jpg" oldsrc="W020241230000001.jpg"></p>'
    if article.attachment_on_page == index:
        paragraphs += '<p>附件：<a href="./P020241230000002.pdf">典型问题清单.pdf</a></p>'
    main = (
        f'<div class="main_bwzp fixed"><div class="container"><h2 class="tit">\n  {article.title}\n</h2>'
        '<div class="daty"><div class="daty_con">'
        f'<em class="e e1">来源：{SOURCE}</em>'
        f'<em class="e e2">发布时间：\n        \n            {article.time}\n        </em>'
        '<em class="e e3"><div class="share_box"><span class="share">分享</span></div></em>'
        f'</div></div><div class="content">{paragraphs}</div></div></div>'
    )
    script = ""
    if len(article.pages) > 1:
        stem, ext = article.path.rsplit("/", 1)[-1].rsplit(".", 1)
        script = f'<script>createPageHTML({len(article.pages)},{index},"{stem}","{ext}");</script>'
    return _page(article.title, main, script)


def _page_path(article: Article, index: int) -> str:
    if index == 0:
        return article.path
    base, ext = article.path.rsplit(".", 1)
    return f"{base}_{index}.{ext}"


def _list_items(articles: tuple[Article, ...], hrefs: list[str]) -> str:
    return "".join(
        f'<li><em class="emtitle"><b class="title"><a href="{href}" target="_blank">\n'
        f'  {a.title}\n</a></b></em><span class="time"> \n {a.time} \n</span>'
        '<em class="emabstr"><i class="abstract"> </i></em></li>'
        for a, href in zip(articles, hrefs, strict=True)
    )


def _search_page(page: int, base_url: str) -> str:
    # Search results link absolute addresses ('http://www.ccdi.gov.cn/toutiaon/…').
    items = _list_items(SEARCH_PAGES[page], [base_url + a.path for a in SEARCH_PAGES[page]])
    nxt = (
        f'<a class="next-page" href="search?page={page + 1}&amp;{SEARCH_QUERY}" target="_self">&nbsp;</a>'
        if page + 1 in SEARCH_PAGES
        else ""
    )
    main = (
        f'<div class="center_box0"><h2 class="tith2">搜索结果</h2><ul class="s_0603_list">'
        f"{items}</ul>"
        f'<div class="page">{page}/ {len(SEARCH_PAGES)} {nxt}</div></div>'
    )
    return _page("搜索结果", main)


def _column_page(path: str, index: int) -> str:
    # TRS column lists link relatively: './202502/t20250210_405001.html'.
    articles = COLUMN_PAGES[path]
    hrefs = ["./" + a.path.split("/", 1)[1] for a in articles]
    main = (
        f'<div class="list_box"><ul class="s_0603_list">{_list_items(articles, hrefs)}</ul></div>'
    )

    script = f'<script>createPageHTML({len(COLUMN_PAGES)}, {index}, "index", "html");</script>'
    return _page("要闻", main, script)


def build(root: Path, base_url: str = "") -> Mirror:
    articles = {}
    for article in ARTICLES:
        for index in range(len(article.pages)):
            write(root, _page_path(article, index), _article_page(article, index))
        folder = article.path.rsplit("/", 1)[0]
        images = [f"{folder}/W020241230000001.jpg"] if article.image_on_page is not None else []
        attachments = (
            [{"url": f"{folder}/P020241230000002.pdf", "name": "典型问题清单.pdf"}]
            if article.attachment_on_page is not None
            else []
        )
        body = [p for page in article.pages for p in page]
        if article.attachment_on_page is not None:
            body.append("附件：典型问题清单.pdf")
        articles[article.path] = {
            "title": article.title,
            "published_at": article.time.replace(" ", "T") + ":00+08:00",
            "source": SOURCE,
            "author": article.author,
            "body": "\n".join(body),
            "images": images,
            "attachments": attachments,
        }
    for page in SEARCH_PAGES:
        write(root, f"was5/web/_search/{page}.html", _search_page(page, base_url))
    for index, path in enumerate(COLUMN_PAGES):
        write(root, path, _column_page(path, index))
    search = [f"was5/web/search?page={p}" for p in SEARCH_PAGES]
    entries = {
        f"was5/web/search?page={p}": [a.path for a in arts] for p, arts in SEARCH_PAGES.items()
    }
    entries.update({path: [a.path for a in arts] for path, arts in COLUMN_PAGES.items()})
    return Mirror(
        root=root,
        articles=articles,
        list_pages={"公开通报": search, "要闻": list(COLUMN_PAGES)},
        list_entries=entries,
    )


def handlers(root: Path) -> dict[str, Handler]:
    """TRS WAS search: /was5/web/search?page=N&… answers the saved result page N."""

    def search(request: Request) -> Answer:
        page = parse_qs(request.query).get("page", ["1"])[0]
        target = root / "was5" / "web" / "_search" / f"{page}.html"
        if request.method != "GET" or not target.is_file():
            return Answer(404, b"<html><body>404</body></html>")
        return Answer(200, target.read_bytes())

    return {SEARCH_PATH: search}
