"""Render the demo portal (hand-written content plus optional synthetic articles) into a folder.

`build_site(out_dir)` writes the HTML/asset files, `_headers.json` (path -> Content-Type for every
file not served as `text/html; charset=utf-8`) and `expected.json` (what a correct crawl exports
and rejects), and returns the expected dict. Command line:
`python -m crawler.demo.build OUT_DIR [--synthetic N]`.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import math
import random
import shutil
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
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


# ------------------------------------------------------------------------------ tiny binaries
def _jpeg_1x1() -> bytes:
    """A valid 1x1 grey baseline JPEG, assembled by hand (no imaging library in the venv)."""
    quant = b"\xff\xdb\x00\x43\x00" + b"\x01" * 64
    frame = b"\xff\xc0\x00\x0b\x08\x00\x01\x00\x01\x01\x01\x11\x00"
    # One Huffman code ("0", length 1) per table: DC category 0, AC end-of-block.
    counts = b"\x01" + b"\x00" * 15
    dht = b"\xff\xc4\x00\x14\x00" + counts + b"\x00" + b"\xff\xc4\x00\x14\x10" + counts + b"\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x3f"  # bits "00", padded with 1s
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + jfif + quant + frame + dht + scan + b"\xff\xd9"


JPEG_BYTES = _jpeg_1x1()


def _pdf(label: str) -> bytes:
    """A one-page PDF 1.4 with correct xref offsets; `label` must be ASCII."""
    text = f"BT /F1 12 Tf 20 50 Td ({label}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _docx(text: str) -> bytes:
    """A minimal but valid .docx (three OOXML parts) with fixed timestamps, so builds repeat."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p></w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 1, 1, 0, 0, 0)), xml)
    return buffer.getvalue()


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


def _expected_record(article: c.DemoArticle) -> dict[str, Any]:
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


def _render_article(article: c.DemoArticle, related: list[c.DemoArticle]) -> str:
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
class _Entry:
    """One list entry: an article, or a broken link the crawler must reject."""

    path: str
    title: str
    date: str
    sort_id: int
    article: c.DemoArticle | None = None


def _page_file(column: c.Column, index: int) -> str:
    """0-based page index -> file name; 党建要闻 numbers its pages from 1 (index_2 = page 2)."""
    if index == 0:
        return "index.html"
    return f"index_{index + 1}.html" if column.paging == "next_link" else f"index_{index}.html"


def _pager(column: c.Column, index: int, count: int) -> str:
    if column.paging == "next_link":
        prev = (
            '<span class="prev disabled">上一页</span>'
            if index == 0
            else f'<a class="prev" href="{_page_file(column, index - 1)}">上一页</a>'
        )
        following = (
            '<span class="next disabled">下一页</span>'
            if index == count - 1
            else f'<a class="next" href="{_page_file(column, index + 1)}">下一页</a>'
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


def _render_list(column: c.Column, entries: list[_Entry], index: int, count: int) -> str:
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


def _render_home(latest: list[c.DemoArticle]) -> str:
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


# ------------------------------------------------------------------------------ synthetic articles
def _synthetic_byline(rng: random.Random, day: date, org: str, district: str) -> c.Byline:
    iso = day.isoformat()
    source = rng.choice((f"{district}委组织部", org, *c.SOURCES_SYNTH))
    hhmm = f"{rng.randint(8, 18):02d}:{rng.choice((0, 10, 15, 20, 30, 40, 45, 50)):02d}"
    style = rng.randrange(5)
    if style == 0:
        return c.byline_cn(iso, "00:00", source)
    if style == 1:
        author = rng.choice(c.AUTHORS_SYNTH) if rng.random() < 0.4 else None
        return c.byline_pub(iso, hhmm, source, author=author)
    if style == 2:
        return c.byline_pub(iso, None, source, label="发布日期")
    if style == 3:
        author, editor = rng.sample(c.AUTHORS_SYNTH, 2)
        return c.Byline(
            f"[{iso}] 来源：{source} 作者：{author} 责任编辑：{editor}",
            iso,
            iso,
            source,
            author,
            editor,
        )
    return c.byline_cn(iso, hhmm, source)


def _synthetic_paragraphs(rng: random.Random, ctx: dict[str, str]) -> tuple[str, ...]:
    """3-8 paragraphs of 400-1500 characters in all, assembled from the phrase lists."""

    def fill(template: str) -> str:
        numbers = {
            "n1": str(rng.randint(30, 500)),
            "n2": str(rng.randint(5, 60)),
            "n3": str(rng.randint(3, 20)),
        }
        return template.format(**ctx, **numbers)

    target = rng.randint(420, 1300)
    # Roughly one middle paragraph per 220 characters, as in real reports.
    middle_count = max(1, min(6, round(target / 220) + rng.randint(-1, 1)))
    opening, closing = fill(rng.choice(c.OPENINGS)), fill(rng.choice(c.CLOSINGS))
    middle: list[list[str]] = [[] for _ in range(middle_count)]
    pool = rng.sample(c.MEASURES, len(c.MEASURES))
    total = len(opening) + len(closing)
    turn = 0
    while pool and (total < target or turn < middle_count):
        sentence = fill(pool.pop())
        middle[turn % middle_count].append(sentence)
        total += len(sentence)
        turn += 1
    middle[-1].append(fill(rng.choice(c.RESULTS)))
    paragraphs = [opening]
    headed = middle_count <= 3 and rng.random() < 0.3
    for number, sentences in enumerate(middle):
        if headed:
            paragraphs.append(f"## {'一二三'[number]}、{rng.choice(c.SUBHEADS)}")
        paragraphs.append("".join(sentences))
    paragraphs.append(closing)
    return tuple(paragraphs)


def make_synthetic_articles(
    count: int,
    *,
    first_id: int = SYNTHETIC_FIRST_ID,
    seed: int = SYNTHETIC_SEED,
    first: date = date(2018, 1, 1),
    last: date = date(2023, 12, 31),
) -> list[c.DemoArticle]:
    """`count` deterministic generated articles, round-robin over the three paged columns."""
    rng = random.Random(seed)
    span = (last - first).days
    districts = list(c.PLACES)
    articles = []
    for number in range(count):
        column = PAGED_COLUMNS[number % len(PAGED_COLUMNS)]
        day = first + timedelta(days=rng.randint(0, span))
        district = rng.choice(districts)
        place = rng.choice(c.PLACES[district])
        org = place + ("党工委" if place.endswith("街道") else "党委")
        unit = "镇" if place.endswith("镇") else "街道" if place.endswith("街道") else "区"
        headline, topic = rng.choice(c.THEMES)
        ctx = {"district": district, "place": place, "org": org, "topic": topic, "unit": unit}
        ctx |= {"month": str(day.month), "day": str(day.day)}
        images: tuple[str, ...] = ()
        if rng.random() < 0.15:
            images = (f"{place}开展{topic}",)
        articles.append(
            c.DemoArticle(
                first_id + number,
                column,
                day.isoformat(),
                f"{district}{place}：{headline}",
                _synthetic_byline(rng, day, org, district),
                _synthetic_paragraphs(rng, ctx),
                images=images,
                indent=rng.choice(("ideographic", "ideographic", "nbsp")),
                keywords=f"{topic.strip('“”')},{place}",
            )
        )
    return articles


# ------------------------------------------------------------------------------ the build
class _Site:
    """Collects files (relative path -> bytes) and their non-default Content-Types."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.types: dict[str, str] = {}

    def add(self, path: str, data: bytes, content_type: str | None = None) -> None:
        path = "/".join(part for part in path.split("/") if part)  # images//... on disk
        if path in self.files and self.files[path] != data:
            raise ValueError(f"two different files at {path}")
        self.files[path] = data
        content_type = content_type or CONTENT_TYPES_BY_SUFFIX[Path(path).suffix]
        if content_type != DEFAULT_CONTENT_TYPE:
            self.types[path] = content_type

    def add_html(self, path: str, page: str, encoding: str) -> None:
        if encoding == "gbk":
            # Strict: every character of the GBK column must exist in GBK (no U+00A0 etc.).
            self.add(path, page.encode("gbk"), GBK_CONTENT_TYPE)
        else:
            self.add(path, page.encode("utf-8"))


def _prepare(out_dir: Path) -> None:
    """Empty `out_dir`, refusing to wipe a non-empty folder that is not a previous build."""
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "expected.json").is_file():
            raise FileExistsError(f"{out_dir} is not empty and is not a demo site build")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)


def build_site(
    out_dir: Path, *, synthetic_articles: int = 0, newest_articles: int = 0
) -> dict[str, Any]:
    """Render the portal into `out_dir` and return the expected crawl result (also written).

    `newest_articles` adds generated articles dated after every other one, so they land at the
    top of their columns' first list pages: the portal as it looks after new publications
    (used by the incremental-crawl tests and benchmark).
    """
    out_dir = Path(out_dir)
    articles = list(c.ARTICLES) + _synthetic(synthetic_articles)
    if newest_articles:
        articles += _synthetic(
            newest_articles,
            first_id=NEWEST_FIRST_ID,
            seed=SYNTHETIC_SEED + 1,
            first=date(2024, 1, 1),
            last=date(2024, 12, 31),
        )
    site = _Site()
    expected: dict[str, Any] = {
        "site": c.SITE_ID,
        "site_name": c.SITE_NAME,
        "synthetic_articles": synthetic_articles,
        "newest_articles": newest_articles,
        "columns": {col.name: f"{col.slug}/index.html" for col in c.COLUMNS},
        "list_pages": {},
        "empty_list_pages": [],
        "list_entries": {},
        "articles": {},
        "rejects": {},
    }

    for column in c.COLUMNS:
        entries = [
            _Entry(a.path, a.display_title, a.date, a.doc_id, a)
            for a in articles
            if a.column == column.slug
        ]
        entries += [
            _Entry(b.path, b.title, b.date, 0) for b in c.BROKEN_LINKS if b.column == column.slug
        ]
        entries.sort(key=lambda e: (e.date, e.sort_id), reverse=True)  # newest first
        if synthetic_articles:
            page_size = SYNTHETIC_PAGE_SIZE
        else:
            page_size = max(1, math.ceil(len(entries) / DEMO_LIST_PAGES))
        page_count = max(1, math.ceil(len(entries) / page_size))
        pages = [entries[i * page_size : (i + 1) * page_size] for i in range(page_count)]
        list_paths = [f"{column.slug}/{_page_file(column, i)}" for i in range(page_count)]
        for index, (path, page) in enumerate(zip(list_paths, pages, strict=True)):
            site.add_html(path, _render_list(column, page, index, page_count), column.encoding)
        # list_pages / list_entries hold the pages with entries; a page without any is listed
        # only in empty_list_pages, so the two lists together count every list page once.
        if entries:
            expected["list_pages"][column.slug] = list_paths
            for path, page in zip(list_paths, pages, strict=True):
                expected["list_entries"][path] = [e.path for e in page]
        else:
            expected["empty_list_pages"].append(list_paths[0])

        listed = [e.article for e in entries if e.article is not None]
        good = [a for a in listed if a.reject is None]
        for article in listed:
            _add_article(site, expected, article, _related(article, good))

    for broken in c.BROKEN_LINKS:
        expected["rejects"][broken.path] = broken.reason
        if broken.reason == "not_html":
            site.add(broken.path, _pdf(Path(broken.path).stem))

    exportable = [a for a in articles if a.reject is None]
    latest = sorted(exportable, key=lambda a: (a.date, a.doc_id), reverse=True)[:8]
    site.add_html("index.html", _render_home(latest), "utf-8")
    site.add("robots.txt", b"User-agent: *\nAllow: /\n")

    _prepare(out_dir)
    for path, data in site.files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _write_json(out_dir / "_headers.json", dict(sorted(site.types.items())))
    _write_json(out_dir / "expected.json", expected)
    return expected


def _synthetic(count: int, **kwargs: Any) -> list[c.DemoArticle]:
    articles = make_synthetic_articles(count, **kwargs)
    for article in articles:
        length = len(expected_body(article))
        if not 400 <= length <= 1500:
            raise AssertionError(f"synthetic article {article.doc_id} body has {length} chars")
    return articles


def _related(article: c.DemoArticle, good: list[c.DemoArticle]) -> list[c.DemoArticle]:
    """The next few (older) good articles of the column, wrapping around."""
    if article not in good:
        return good[:RELATED_COUNT]
    index = good.index(article)
    others = good[index + 1 :] + good[:index]
    return others[:RELATED_COUNT]


def _add_article(
    site: _Site, expected: dict[str, Any], article: c.DemoArticle, related: list[c.DemoArticle]
) -> None:
    column = c.COLUMN_BY_SLUG[article.column]
    page = _render_article(article, related)
    if article.quirk == "wrong_charset":
        # A real fault: UTF-8 bytes while both <meta> and the HTTP header claim gb2312.
        site.add(article.path, page.encode("utf-8"), WRONG_CHARSET_CONTENT_TYPE)
    else:
        site.add_html(article.path, page, column.encoding)
    for src in image_paths(article):
        site.add(src, JPEG_BYTES)
    for attachment in article.attachments:
        if attachment.path.endswith(".docx"):
            site.add(attachment.path, _docx(attachment.name))
        else:
            site.add(attachment.path, _pdf(Path(attachment.path).stem))
    if article.reject:
        expected["rejects"][article.path] = article.reject
    else:
        expected["articles"][article.path] = _expected_record(article)


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m crawler.demo.build", description="Render the demo 党建 portal."
    )
    parser.add_argument("out_dir", type=Path, help="folder to (re)create")
    parser.add_argument(
        "--synthetic", type=int, default=0, metavar="N", help="add N generated articles"
    )
    parser.add_argument(
        "--newest", type=int, default=0, metavar="N", help="add N articles newer than all others"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    expected = build_site(
        args.out_dir, synthetic_articles=args.synthetic, newest_articles=args.newest
    )
    elapsed = time.perf_counter() - started
    print(
        f"built {args.out_dir}: {len(expected['articles'])} articles, "
        f"{len(expected['rejects'])} rejects, "
        f"{sum(map(len, expected['list_pages'].values())) + len(expected['empty_list_pages'])} "
        f"list pages in {elapsed:.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
