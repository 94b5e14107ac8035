"""HTML of the demo portal's pages: articles, column lists with their pagers, the home page."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from crawler.demo import content as c

DEFAULT_CONTENT_TYPE = "text/html; charset=utf-8"
GBK_CONTENT_TYPE = "text/html; charset=GBK"
# The one 组工信息 article stored as UTF-8 is served with the charset its <meta> (wrongly) claims.
WRONG_CHARSET_CONTENT_TYPE = "text/html; charset=gb2312"
CONTENT_TYPES_BY_SUFFIX = {
    ".html": DEFAULT_CONTENT_TYPE,
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

# Demo lists are spread over exactly three pages; benchmark lists use the portal's real size.
DEMO_LIST_PAGES = 3
SYNTHETIC_PAGE_SIZE = 20
SYNTHETIC_FIRST_ID = 10001
SYNTHETIC_SEED = 20200513
NEWEST_FIRST_ID = 90001  # ids of the "published since the last crawl" articles
LIST_TITLE_MAX = 24  # longer list titles are cut with "…" (the title attribute stays full)
RELATED_COUNT = 3
PAGED_COLUMNS = ("jcdj", "djyw", "zgxx")
CST = timezone(timedelta(hours=8))

NAV = (
    '<div class="nav"><a href="/index.html">党建首页</a> <a href="/jcdj/index.html">基层党建</a> '
    '<a href="/djyw/index.html">党建要闻</a> <a href="/zgxx/index.html">组工信息</a> '
    '<a href="/tzgg/index.html">通知公告</a></div>'
)
HEADER = (
    f'<div class="header"><div class="logo">{c.SITE_NAME}</div>'
    f'<div class="today">{c.TODAY_LINE}</div></div>'
)
FOOTER = '<div class="footer">' + "".join(f"<p>{line}</p>" for line in c.FOOTER_LINES) + "</div>"
SHARE_BAR = (
    '<div class="detail-share"><a href="javascript:void(0)">分享到微信</a> | '
    '<a href="javascript:window.print()">【打印】</a> | '
    '<a href="javascript:window.close()">【关闭】</a></div>'
)
META_UTF8 = '<meta charset="utf-8">'
META_GB2312 = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
INDENTS = {"ideographic": "\u3000\u3000", "nbsp": "&nbsp;&nbsp;&nbsp;&nbsp;", "none": ""}


# ------------------------------------------------------------------------------ expectations
def expected_paragraph(text: str) -> str:
    """One exported paragraph: sub-head marker and the sample's `???` dropped, spaces collapsed."""
    text = text.removeprefix("## ").replace("???", "")
    return " ".join(text.split())


def expected_body(article: c.DemoArticle) -> str:
    """Paragraphs in page order (text + attachment lines), no empty or image-only ones."""
    lines = [expected_paragraph(p) for p in article.paragraphs]
    lines += [expected_paragraph(a.label + a.name) for a in article.attachments]
    return "\n".join(line for line in lines if line)


def image_paths(article: c.DemoArticle) -> list[str]:
    """CMS image URLs `images//YYYY/M/D/<ms epoch>.jpg`, uploaded on the day of publication."""
    day = date.fromisoformat(article.date)
    morning = datetime(day.year, day.month, day.day, 8, tzinfo=CST)
    base_ms = int(morning.timestamp() * 1000)
    # Uploads start somewhere in the working day (08:00-16:00 CST, so the folder date is the
    # CST date) and follow each other by a few dozen seconds, in page order.
    first = base_ms + article.doc_id * 7919 * 1009 % (8 * 3600 * 1000)
    paths = []
    for index in range(len(article.images)):
        stamp = first + index * (30_000 + article.doc_id % 9973)
        paths.append(f"images//{day.year}/{day.month}/{day.day}/{stamp}.jpg")
    return paths


def expected_record(article: c.DemoArticle) -> dict[str, Any]:
    column = c.COLUMN_BY_SLUG[article.column]
    byline = article.byline
    return {
        "column": column.name,
        "breadcrumb": ["党建首页", column.name],
        "title": article.display_title,
        "published_at": byline.published_timestamp,
        "published_precision": byline.published_precision,
        "published_date": byline.published_date,
        "published_raw": byline.published_raw,
        "source": byline.source,
        "author": byline.author,
        "editor": byline.editor,
        "body": expected_body(article),
        "images": image_paths(article),
        "attachments": [{"url": a.path, "name": a.name} for a in article.attachments],
    }


# ------------------------------------------------------------------------------ rendering
def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraph(text: str, indent: str) -> str:
    if text.startswith("## "):
        return f"<p>{indent}<strong>{_esc(text[3:])}</strong></p>"
    return f"<p>{indent}{_esc(text)}</p>"


def _image_paragraph(src: str, alt: str) -> str:
    return f'<p style="text-align:center"><img src="/{src}" alt="{_attr(alt)}"></p>'


def _zoom_inner(article: c.DemoArticle) -> str:
    """The children of `div#zoom`, including the article's deliberate template quirks."""
    if article.reject == "body_too_short":
        return "<p>&nbsp;</p>"
    indent = INDENTS[article.indent]
    blocks = [_paragraph(p, indent) for p in article.paragraphs]
    if article.quirk == "malformed":
        # Old editor output: a <p> left open, a <span> opened in one <p> and closed in the next.
        blocks[0] = blocks[0].removesuffix("</p>")
        blocks[1] = f'<p>{indent}<span style="font-family:仿宋_GB2312;font-size:16pt">' + (
            _esc(article.paragraphs[1]) + "</p>"
        )
        blocks[2] = blocks[2].removesuffix("</p>") + "</span></p>"
        blocks[-1] = blocks[-1].removesuffix("</p>")
    images = [
        _image_paragraph(src, alt)
        for src, alt in zip(image_paths(article), article.images, strict=True)
    ]
    blocks[article.image_at : article.image_at] = images
    blocks += [
        f'<p>{indent}{_esc(a.label)}<a href="/{a.path}">{_esc(a.name)}</a></p>'
        for a in article.attachments
    ]
    if article.quirk == "seed":
        blocks.append("<p>| |</p>")  # what is left of the share links in the sample
    elif article.quirk == "footer_in_body":
        blocks += [f"<p>{c.FOOTER_LINES[0]}</p>", f"<p>{c.FOOTER_LINES[2]}</p>"]
    elif article.quirk == "print_close":
        blocks.append("<p>【打印】【关闭】</p>")
    return "\n".join(blocks)


def _head(meta: str, title: str, keywords: str) -> str:
    return (
        f"<!DOCTYPE html>\n<html><head>{meta}\n<title>{_esc(title)}</title>\n"
        f'<meta name="keywords" content="{_attr(keywords)}"></head>\n<body>\n{HEADER}\n{NAV}\n'
    )


def render_article(article: c.DemoArticle, related: list[c.DemoArticle]) -> str:
    column = c.COLUMN_BY_SLUG[article.column]
    meta = META_GB2312 if column.encoding == "gbk" else META_UTF8
    missing_title = article.reject == "missing_title"
    title = c.SITE_NAME if missing_title else f"{article.display_title}_{c.SITE_NAME}"
    keywords = article.keywords or f"{c.SITE_NAME},{column.name}"
    h1 = ""
    if not missing_title:
        h1 = '<h1 class="detail-title">' + "<br>".join(map(_esc, article.title.split("\n")))
        h1 += "</h1>\n"
    # The malformed template closes one <div> too many right after the body container.
    stray = "</div>" if article.quirk == "malformed" else ""
    related_items = "".join(
        f'<li><a href="/{r.path}">{_esc(r.display_title)}</a><span>{r.date}</span></li>'
        for r in related
    )
    return (
        _head(meta, title, keywords)
        + '<div class="main">\n'
        + f'<div class="crumb"><a href="/index.html">党建首页</a> &gt; '
        f'<a href="/{column.slug}/index.html">{column.name}</a></div>\n'
        + '<div class="detail">\n'
        + h1
        + f'<div class="detail-info">{article.byline.html}</div>\n'
        + f'<div class="detail-content" id="zoom">\n{_zoom_inner(article)}\n</div>{stray}\n'
        + f"{SHARE_BAR}\n</div>\n"
        + f'<div class="related"><h3>相关文章</h3><ul>{related_items}</ul></div>\n'
        + f"</div>\n{FOOTER}\n</body></html>\n"
    )


@dataclass(frozen=True)
class Entry:
    """One list entry: an article, or a broken link the crawler must reject."""

    path: str
    title: str
    date: str
    sort_id: int
    article: c.DemoArticle | None = None


def page_file(column: c.Column, index: int) -> str:
    """0-based page index -> file name; 党建要闻 numbers its pages from 1 (index_2 = page 2)."""
    if index == 0:
        return "index.html"
    return f"index_{index + 1}.html" if column.paging == "next_link" else f"index_{index}.html"


def _pager(column: c.Column, index: int, count: int) -> str:
    if column.paging == "next_link":
        prev = (
            '<span class="prev disabled">上一页</span>'
            if index == 0
            else f'<a class="prev" href="{page_file(column, index - 1)}">上一页</a>'
        )
        following = (
            '<span class="next disabled">下一页</span>'
            if index == count - 1
            else f'<a class="next" href="{page_file(column, index + 1)}">下一页</a>'
        )
        return f'<div class="page">{prev} <span class="cur">{index + 1}</span> {following}</div>'
    if column.paging == "page_count_var":
        return (
            f'<div class="page"><script>var currentPage = {index};//所在页从0开始\n'
            f"var countPage = {count}//共多少页\n"
            "for (var i = 0; i < countPage; i++) { document.write("
            '"<a href=\\"index" + (i == 0 ? "" : "_" + i) + ".html\\">" + (i + 1) + "</a> "); }'
            "</script></div>"
        )
    return (
        '<div class="page"><script type="text/javascript">'
        f'createPageHTML({count}, {index}, "index", "html");</script></div>'
    )


def _list_title(title: str) -> str:
    return title if len(title) <= LIST_TITLE_MAX else title[: LIST_TITLE_MAX - 1] + "…"


def render_list(column: c.Column, entries: list[Entry], index: int, count: int) -> str:
    meta = META_GB2312 if column.encoding == "gbk" else META_UTF8
    head = _head(meta, f"{column.name}_{c.SITE_NAME}", f"{c.SITE_NAME},{column.name}")
    crumb = (
        '<div class="crumb"><a href="/index.html">党建首页</a> &gt; '
        f"<span>{column.name}</span></div>"
    )
    if column.paging == "none":
        # 通知公告: the list template changed and now renders no entries at all.
        listing = '<div class="list-box"></div>\n<p class="empty">暂无内容</p>'
        pager = _pager(c.COLUMN_BY_SLUG["jcdj"], 0, 1)
    else:
        items = []
        for entry in entries:
            shown = f"[{entry.date}]" if column.slug == "zgxx" else entry.date
            href = "./" + entry.path.split("/", 1)[1]
            items.append(
                f'  <li><a href="{href}" target="_blank" title="{_attr(entry.title)}">'
                f'{_esc(_list_title(entry.title))}</a><span class="date">{shown}</span></li>'
            )
        listing = '<div class="list-box"><ul class="list">\n' + "\n".join(items) + "\n</ul></div>"
        pager = _pager(column, index, count)
    return (
        head
        + f'<div class="main">\n{crumb}\n{listing}\n{pager}\n</div>\n{FOOTER}\n</body></html>\n'
    )


def render_home(latest: list[c.DemoArticle]) -> str:
    items = "\n".join(
        f'  <li><a href="/{a.path}">{_esc(a.display_title)}</a><span>{a.date}</span></li>'
        for a in latest
    )
    columns = " ".join(f'<a href="/{col.slug}/index.html">{col.name}</a>' for col in c.COLUMNS)
    return (
        _head(META_UTF8, f"{c.SITE_NAME}_党建首页", f"{c.SITE_NAME},基层党建,组织工作")
        + '<div class="main home">\n'
        + f'<div class="home-columns"><h2>栏目导航</h2>{columns}</div>\n'
        + f'<div class="home-news"><h2>最新动态</h2><ul>\n{items}\n</ul></div>\n'
        + f"</div>\n{FOOTER}\n</body></html>\n"
    )
