"""A mirror of a column whose list is markup in an HTML comment (jyt.gansu.gov.cn-like).

The list pages are those of jyt.gansu.gov.cn's 信息公开 columns
(../shared/corpus/gansu-jyt_list_1.html): the list element `ul.jytxxgklist` holds nothing but
a comment with the server's rendering (`<li><a href=… title=…>…</a><b>2025-11-17</b></li>`)
and the container-id-first pager call `createPageHTML('page_div',2, 1,'zwgklist','shtml',5)`;
a browser's script shows them. Two list pages (zwgklist.shtml, zwgklist_2.shtml), five
articles in a plain template. Content invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tests.support.mirrors import Mirror, paragraphs_html, write

COLUMN = "文件通知"
LIST_DIR = "jyt/c110634"


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    date: str
    paragraphs: tuple[str, ...]


ARTICLES = (
    Article(
        f"{LIST_DIR}/202511/174240943.shtml",
        "关于开展智慧教育平台专项研究课题结项工作的通知",
        "2025-11-17",
        ("各市州教育局：现就课题结项工作通知如下。", "请于十二月底前报送材料。"),
    ),
    Article(
        f"{LIST_DIR}/202511/174235671.shtml",
        "关于做好银龄讲学计划实施工作的通知",
        "2025-11-05",
        ("为做好银龄讲学计划实施工作，现将有关事项通知如下。", "各地要加强组织领导。"),
    ),
    Article(
        f"{LIST_DIR}/202510/174227399.shtml",
        "关于组织开展省级教材建设研究基地申报工作的通知",
        "2025-10-20",
        ("为加强教材建设研究，决定开展基地申报工作。", "申报材料一式三份。"),
    ),
    Article(
        f"{LIST_DIR}/202510/174227388.shtml",
        "关于开展语言文字专项研究课题申报工作的通知",
        "2025-10-20",
        ("现开展二〇二五年语言文字专项研究课题申报。", "请按要求填写申报书。"),
    ),
    Article(
        f"{LIST_DIR}/202509/174221809.shtml",
        "关于报考少数民族高层次骨干人才计划有关事宜的通知",
        "2025-09-30",
        ("现将报考少数民族高层次骨干人才计划有关事宜通知如下。", "考生须按时报名。"),
    ),
)
PAGES = (
    (f"{LIST_DIR}/zwgklist.shtml", ARTICLES[:3]),
    (f"{LIST_DIR}/zwgklist_2.shtml", ARTICLES[3:]),
)


def _entry(article: Article) -> str:
    return (
        '\n    <li>\n        <a target="_blank" href="/'
        f'{article.path}" title="{article.title}">\n            {article.title}\n'
        f"        </a>\n        <b>{article.date}</b>\n    </li>\n"
    )


def _list(number: int, listed: tuple[Article, ...]) -> str:
    entries = "".join(_entry(a) for a in listed)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>文件通知 - 教育厅</title>"
        "<meta name='ColumnName' content='文件通知'></head><body>"
        "<div class='sideMenu'><h3>信息公开</h3><ul><li><a href='/jyt/c110630/list.shtml'>年报</a>"
        "</li></ul></div><div class='scroll_main1'><div class='zfxxgk_zdgktit'>"
        "<a style='cursor: default;'>文件通知</a></div><div class='zfxxgk_zdgkc'>"
        f"<input id='page' type='hidden' value='{number}'>"
        "<input id='pageSize' type='hidden' value='3'>\n<ul class='jytxxgklist'>\n<!--\n"
        f"{entries}\n<div id='page_div'></div>\n<script>createPageHTML('page_div',{len(PAGES)}, "
        f"{number},'zwgklist','shtml',{len(ARTICLES)});</script>\n-->\n</ul></div></div>"
        "</body></html>"
    )


def _article(article: Article) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{article.title}</title>"
        f"</head><body><div class='main'><h1>{article.title}</h1>"
        f"<div class='info'>发布时间：{article.date} 来源：甘肃省教育厅</div>"
        f"<div class='content'>{paragraphs_html(list(article.paragraphs))}</div></div>"
        "</body></html>"
    )


def build(root: Path, base_url: str = "") -> Mirror:
    for article in ARTICLES:
        write(root, article.path, _article(article))
    for number, (path, listed) in enumerate(PAGES, start=1):
        write(root, path, _list(number, listed))
    return Mirror(
        root=root,
        articles={
            a.path: {"column": COLUMN, "title": a.title, "published_at": f"{a.date}T00:00:00+08:00"}
            for a in ARTICLES
        },
        list_pages={COLUMN: [path for path, _ in PAGES]},
        list_entries={path: [a.path for a in listed] for path, listed in PAGES},
    )
