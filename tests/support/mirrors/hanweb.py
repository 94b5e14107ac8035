"""Hanweb JCMS mirror (a fgw.zj.gov.cn-like portal): list entries only via the dataproxy POST.

Column pages /col/col<columnid>/index.html are script shells (the static HTML has no
entries). The entries come from POST /module/web/jpage/dataproxy.jsp?startrecord=&endrecord=
&perpage= with form fields col, appid, webid, path, columnid, unitid, webname, … (portals.md
2.2); the handler checks them and answers the window as Hanweb does:
`<datastore><totalrecord>5</totalrecord><recordset><record><![CDATA[<li>…</li>]]></record>…`.
Articles /art/YYYY/M/D/art_<columnid>_<docid>.html in the template of
../shared/real_pages/zj-fgw_article_1.html (`p.con-title`, `div.small-title` with 发布日期 and
信息来源 inside <!--<$[…]>begin--> comments, `div.main-txt#zoom` between ContentStart/End
metas). Content invented.
"""

# ruff: noqa: E501

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from crawler.demo.server import Answer, Handler, Request
from tests.support.mirrors import Mirror, paragraphs_html, write

DATAPROXY = "/module/web/jpage/dataproxy.jsp"
WEBID = "2"
REQUIRED_FORM = (
    "col",
    "appid",
    "webid",
    "path",
    "columnid",
    "unitid",
    "webname",
    "sourceContentType",
    "permissiontype",
)
XML_TYPE = "text/xml; charset=UTF-8"


@dataclass(frozen=True)
class Article:
    path: str
    columnid: str
    title: str
    date: str
    source: str
    paragraphs: tuple[str, ...]
    attachment: str | None = None


ARTICLES = (
    Article(
        "art/2024/3/8/art_1621004_30400005.html",
        "1621004",
        "一季度全省固定资产投资平稳增长",
        "2024-03-08",
        "省发改委",
        ("一季度，全省固定资产投资同比增长，结构持续优化。", "其中民间投资增速回升。"),
    ),
    Article(
        "art/2024/2/20/art_1621004_30400004.html",
        "1621004",
        "重大项目建设推进会召开",
        "2024-02-20",
        "投资处",
        ("会议通报了重大项目建设进展情况。", "要求各地加快要素保障，推动项目早开工早投产。"),
        attachment="P020240220000001.pdf",
    ),
    Article(
        "art/2024/1/15/art_1621004_30400003.html",
        "1621004",
        "1-12月县域投资结构趋稳趋优",
        "2024-01-15",
        "德清县发改局",
        ("1-12月，全县固定资产投资完成年度计划。", "总体投资结构趋稳趋优。"),
    ),
    Article(
        "art/2023/12/28/art_1621004_30400002.html",
        "1621004",
        "年度投资运行分析会举行",
        "2023-12-28",
        "省发改委",
        ("会议分析了全年投资运行情况。", "部署了下一年度重点工作。"),
    ),
    Article(
        "art/2023/12/1/art_1621004_30400001.html",
        "1621004",
        "投资项目在线审批监管平台升级",
        "2023-12-01",
        "省发改委",
        ("平台完成升级，审批时限进一步压缩。", "企业办事更加便捷。"),
    ),
    Article(
        "art/2024/3/1/art_1621005_30500001.html",
        "1621005",
        "关于开展年度统计调查的通知",
        "2024-03-01",
        "办公室",
        ("各市、县（市、区）发展改革委：现就开展年度统计调查有关事项通知如下。", "请按时报送。"),
    ),
)
COLUMNS = {"1621004": ("投资运行", "4463631"), "1621005": ("通知公告", "4463632")}


def _article(a: Article) -> str:
    body = paragraphs_html(list(a.paragraphs))
    if a.attachment:
        body += f'<p>附件：<a href="./{a.attachment}">项目清单.pdf</a></p>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{a.title}</title>'
        f'<meta name="ArticleTitle" content="{a.title}"><meta name="PubDate" content="{a.date} 09:53">'
        f'<meta name="ContentSource" content="{a.source}"></head><body>'
        '<div class="nav"><a href="/">首页</a></div><div class="con">'
        f'<p class="con-title"> <!--<$[标题]>begin-->{a.title}<!--<$[标题]>end--></p>'
        f'<div class="small-title clearfix"><span>发布日期：{a.date}</span><span>浏览次数： </span>'
        f"<span>信息来源：<!--<$[信息来源]>begin-->{a.source}<!--<$[信息来源]>end--></span></div>"
        '<div class="main-txt" id="zoom"><!--<$[信息内容]>begin--><meta name="ContentStart">'
        f'{body}<meta name="ContentEnd"><!--<$[信息内容]>end--></div>'
        '<div class="main-word">【打印】【关闭】</div></div></body></html>'
    )


def _record(a: Article) -> str:
    return (
        f"<li><a href='/{a.path}' title='{a.title}' target='_blank'>{a.title}</a>"
        f"<span>{a.date}</span></li>"
    )


def _column_shell(columnid: str) -> str:
    name, unitid = COLUMNS[columnid]
    # What the real column page holds: a jpage shell, no entries in the static HTML.
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head><body>'
        f'<div id="{unitid}"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="{DATAPROXY}'
        f'?page=1&webid={WEBID}&path=/&columnid={columnid}&unitid={unitid}&permissiontype=0"></a>]]>'
        "</nextgroup><recordset></recordset></datastore></script>"
        '<script language="javascript" src="/module/web/jpage/jpage.js"></script></div></body></html>'
    )


def build(root: Path, base_url: str = "") -> Mirror:
    articles = {}
    for a in ARTICLES:
        write(root, a.path, _article(a))
        body = list(a.paragraphs)
        attachments = []
        if a.attachment:
            body.append("附件：项目清单.pdf")
            attachments = [
                {
                    "url": f"{a.path.rsplit('/', 1)[0]}/{a.attachment}",
                    "name": "项目清单.pdf",
                }
            ]
        articles[a.path] = {
            "column": COLUMNS[a.columnid][0],
            "title": a.title,
            "published_at": f"{a.date}T00:00:00+08:00",
            "source": a.source,
            "body": "\n".join(body),
            "attachments": attachments,
        }
    records = {cid: [_record(a) for a in ARTICLES if a.columnid == cid] for cid in COLUMNS}
    write(root, "_dataproxy/records.json", json.dumps(records, ensure_ascii=False))
    for cid in COLUMNS:
        write(root, f"col/col{cid}/index.html", _column_shell(cid))
    return Mirror(
        root=root,
        articles=articles,
        list_pages={name: [f"col/col{cid}/index.html"] for cid, (name, _) in COLUMNS.items()},
        list_entries={cid: [a.path for a in ARTICLES if a.columnid == cid] for cid in COLUMNS},
    )


def dataproxy_answer(records: list[str], start: int, end: int) -> bytes:
    window = records[start - 1 : end]
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>'
        f'<nextgroup><![CDATA[<a href="{DATAPROXY}?page=1"></a>]]></nextgroup>'
        f"<recordset>{''.join(f'<record><![CDATA[{r}]]></record>' for r in window)}</recordset>"
        f"<totalrecord>{len(records)}</totalrecord><totalpage>1</totalpage></datastore>"
    )
    return xml.encode("utf-8")


def handlers(root: Path) -> dict[str, Handler]:
    """dataproxy.jsp: POST only, form fields as the jpage script sends them, else 400."""

    def dataproxy(request: Request) -> Answer:
        if request.method != "POST":
            return Answer(405, b"POST only")
        form = {k: v[0] for k, v in parse_qs(request.body.decode("utf-8")).items()}
        query = {k: v[0] for k, v in parse_qs(request.query).items()}
        if any(not form.get(k) for k in REQUIRED_FORM) or form["webid"] != WEBID:
            return Answer(400, b"missing form fields")
        records = json.loads((root / "_dataproxy" / "records.json").read_text(encoding="utf-8"))
        start, end = int(query["startrecord"]), int(query["endrecord"])
        return Answer(
            200, dataproxy_answer(records.get(form["columnid"], []), start, end), XML_TYPE
        )

    return {DATAPROXY: dataproxy}
