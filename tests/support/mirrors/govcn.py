"""中国政府网 mirror: two list templates, the TRS pager, four article templates.

Markup: the gazette page of ../shared/real_pages/govcn_article_1.html (meta
`firstpublishedtime` '2007-08-20-23:59:59', `div.gwy_gb`, `div.pages_content#UCAP-CONTENT`
whose first centered paragraph is the headline broken by <br>s, a stray `</html>` after the
header, crumbs `div.BreadcrumbNav > a`); lists `.news_box .list li:not(.line)` (要闻) and
`.infolist li` (部门政务) as RSSHub reads them; `div.TRS_UEDITOR` and the old
`div.pages-date`/`div.pages_content`/`div.editor` template as portals.md 3.3 describes them.
The list pager (createPageHTML, `index_1.htm`) is this mirror's assumption. Content invented.
"""

# ruff: noqa: E501

from __future__ import annotations

from pathlib import Path

from tests.support.mirrors import Mirror, paragraphs_html, write

HEAD = '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{title}_中国政府网</title><meta name="firstpublishedtime" content="{meta}"><meta name="lastmodifiedtime" content="{meta}"></head>'
HEADER = '<body><div class="header"><div class="header_logo"><a href="/">中国政府网</a></div></div>'
CRUMBS = '<div class="BreadcrumbNav"><a href="/">首页</a>&nbsp;&gt;&nbsp;<a href="/{col}/">{col_name}</a><div class="pages_print"><span class="font">字号：<span>默认</span><span>大</span></span><span class="printIco">打印</span></div></div>'
FOOTER = '<div class="footer"><p>主办单位：国务院办公厅 运行维护单位：中国政府网运行中心</p><p>版权所有：中国政府网</p></div></body></html>'

ARTICLES = {
    # 国务院公报: no headline element; the body's first paragraph is the headline + adoption note.
    "zhengce/content/202401/content_6901001.htm": {
        "layout": "gazette",
        "title_lines": ["全国人民代表大会常务委员会", "关于批准某项示范事项的决定"],
        "note": "（2024年1月5日第十四届全国人民代表大会常务委员会第七次会议通过）",
        "meta": "2024-01-08-10:30:00",
        "published_at": "2024-01-08T10:30:00+08:00",
        "paragraphs": [
            "第十四届全国人民代表大会常务委员会第七次会议审议了国务院提请的议案，决定批准该示范事项。"
        ],
    },
    "yaowen/liebiao/202402/content_6930002.htm": {
        "layout": "ueditor",
        "title": "国务院常务会议部署推进基层治理示范工作",
        "meta": "2024-02-20-19:05:12",
        "published_at": "2024-02-20T19:05:12+08:00",
        "paragraphs": [
            "国务院总理主持召开国务院常务会议，部署推进基层治理示范工作。",
            "会议指出，要把基层党建与基层治理结合起来，提升服务群众能力。",
        ],
    },
    "yaowen/liebiao/202402/content_6929003.htm": {
        "layout": "ucap",
        "title": "多部门联合开展节前安全生产检查",
        "meta": "2024-02-05-08:00:00",
        "published_at": "2024-02-05T08:00:00+08:00",
        "paragraphs": [
            "春节前夕，多部门联合开展安全生产检查。",
            "检查组深入企业一线，督促落实安全责任。",
        ],
    },
    "zhengce/zhengceku/202305/content_6850004.htm": {
        "layout": "zhengceku",
        "title": "关于做好示范工作的通知",
        "meta": "2023-05-10-15:30:00",
        "shown": "2023-05-10 15:30",
        "published_at": "2023-05-10T15:30:00+08:00",
        "source": "国务院办公厅",
        "editor": "王某某",
        "paragraphs": [
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "为做好示范工作，经国务院同意，现就有关事项通知如下。",
        ],
    },
}
LISTS = {
    "要闻": {
        "yaowen/index.htm": [
            "yaowen/liebiao/202402/content_6930002.htm",
            "yaowen/liebiao/202402/content_6929003.htm",
        ],
        "yaowen/index_1.htm": ["zhengce/content/202401/content_6901001.htm"],
    },
    "部门政务": {"lianbo/bumen/index.htm": ["zhengce/zhengceku/202305/content_6850004.htm"]},
}


def _article(path: str, a: dict) -> str:
    head = HEAD.format(title=a.get("title") or "".join(a["title_lines"]), meta=a["meta"])
    body = paragraphs_html(a["paragraphs"])
    if a["layout"] == "gazette":
        headline = "<br>\n".join(a["title_lines"])
        # The real page closes </html> right after the header, then carries on.
        return (
            f'{head}{HEADER}</html>\n<div class="content"><div class="gwy_gb">{CRUMBS.format(col="gongbao", col_name="国务院公报")}'
            '<div class="article oneColumn"><div class="pages_content" id="UCAP-CONTENT">'
            f'<p align="center"><font size="1" style="FONT-SIZE: 18pt"><strong>{headline}</strong></font><br>\n{a["note"]}</p>\n'
            f"{body}</div></div></div></div>{FOOTER}"
        )
    crumbs = CRUMBS.format(col="yaowen", col_name="要闻")
    if a["layout"] == "zhengceku":
        return (
            f"{head}{HEADER}{CRUMBS.format(col='zhengce', col_name='政策')}"
            f'<div class="article oneColumn pub_border"><h1>{a["title"]}</h1>'
            f'<div class="pages-date">{a["shown"]}<span class="font">来源：{a["source"]}</span></div>'
            f'<div class="pages_content">{body}</div><div class="editor">责任编辑：{a["editor"]}</div></div>{FOOTER}'
        )
    container = (
        f'<div id="UCAP-CONTENT"><div class="TRS_UEDITOR trs_paper_default">{body}</div></div>'
        if a["layout"] == "ueditor"
        else f'<div id="UCAP-CONTENT">{body}<div class="shuzi"><img src="/images/videobg.png"></div></div>'
    )
    return (
        f'{head}{HEADER}{crumbs}<div class="article oneColumn pub_border"><h1 id="ti">{a["title"]}</h1>'
        f'<div class="pages-date-none"></div>{container}</div>'
        f'<div class="share-title" style="display:none">{a["title"]}</div>{FOOTER}'
    )


def _list_page(column: str, path: str, index: int) -> str:
    pages = LISTS[column]
    items = "".join(
        f'<li><h4><a href="/{p}" target="_blank">{ARTICLES[p].get("title") or "".join(ARTICLES[p]["title_lines"])}</a></h4></li>'
        for p in pages[path]
    )
    if column == "要闻":
        box = f'<div class="news_box"><ul class="list">{items}<li class="line"></li></ul></div>'
    else:
        box = f'<div class="infolist"><ul>{items}</ul></div>'
    pager = f'<script>createPageHTML({len(pages)}, {index}, "index", "htm");</script>'
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{column}_中国政府网</title></head>{HEADER}{box}{pager}{FOOTER}'


def build(root: Path, base_url: str = "") -> Mirror:
    articles = {}
    for path, a in ARTICLES.items():
        write(root, path, _article(path, a))
        articles[path] = {
            "title": a.get("title") or "".join(a["title_lines"]),
            "published_at": a["published_at"],
            "source": a.get("source"),
            "editor": a.get("editor"),
            "body": "\n".join(a["paragraphs"]),
        }
    entries = {}
    for column, pages in LISTS.items():
        for index, path in enumerate(pages):
            write(root, path, _list_page(column, path, index))
            entries[path] = pages[path]
    return Mirror(
        root=root,
        articles=articles,
        list_pages={column: list(pages) for column, pages in LISTS.items()},
        list_entries=entries,
    )
