"""Render the demo portal (hand-written content plus optional synthetic articles) into a folder.

`build_site(out_dir)` writes the HTML/asset files, `_headers.json` (path -> Content-Type for every
file not served as `text/html; charset=utf-8`) and `expected.json` (what a correct crawl exports
and rejects), and returns the expected dict. Command line:
`python -m crawler.demo.build OUT_DIR [--synthetic N]`.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import time
from datetime import date
from pathlib import Path
from typing import Any

from crawler.demo import content as c
from crawler.demo.binaries import JPEG_BYTES, docx, pdf
from crawler.demo.render import (
    CONTENT_TYPES_BY_SUFFIX,
    DEFAULT_CONTENT_TYPE,
    DEMO_LIST_PAGES,
    GBK_CONTENT_TYPE,
    NEWEST_FIRST_ID,
    RELATED_COUNT,
    SYNTHETIC_PAGE_SIZE,
    SYNTHETIC_SEED,
    WRONG_CHARSET_CONTENT_TYPE,
    Entry,
    expected_body,
    expected_record,
    image_paths,
    page_file,
    render_article,
    render_home,
    render_list,
)
from crawler.demo.synthetic import make_synthetic_articles


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
            Entry(a.path, a.display_title, a.date, a.doc_id, a)
            for a in articles
            if a.column == column.slug
        ]
        entries += [
            Entry(b.path, b.title, b.date, 0) for b in c.BROKEN_LINKS if b.column == column.slug
        ]
        entries.sort(key=lambda e: (e.date, e.sort_id), reverse=True)  # newest first
        if synthetic_articles:
            page_size = SYNTHETIC_PAGE_SIZE
        else:
            page_size = max(1, math.ceil(len(entries) / DEMO_LIST_PAGES))
        page_count = max(1, math.ceil(len(entries) / page_size))
        pages = [entries[i * page_size : (i + 1) * page_size] for i in range(page_count)]
        list_paths = [f"{column.slug}/{page_file(column, i)}" for i in range(page_count)]
        for index, (path, page) in enumerate(zip(list_paths, pages, strict=True)):
            site.add_html(path, render_list(column, page, index, page_count), column.encoding)
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
        positions = {id(a): i for i, a in enumerate(good)}
        for article in listed:
            _add_article(site, expected, article, _related(article, good, positions))

    for broken in c.BROKEN_LINKS:
        expected["rejects"][broken.path] = broken.reason
        if broken.reason == "not_html":
            site.add(broken.path, pdf(Path(broken.path).stem))

    exportable = [a for a in articles if a.reject is None]
    latest = sorted(exportable, key=lambda a: (a.date, a.doc_id), reverse=True)[:8]
    site.add_html("index.html", render_home(latest), "utf-8")
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


def _related(
    article: c.DemoArticle, good: list[c.DemoArticle], positions: dict[int, int]
) -> list[c.DemoArticle]:
    """The next few (older) good articles of the column, wrapping around.

    `positions` maps id(article) to its index in `good`: looking articles up by equality
    compared whole dataclasses and made the build quadratic in the portal's size.
    """
    index = positions.get(id(article))
    if index is None:
        return good[:RELATED_COUNT]
    count = min(RELATED_COUNT, len(good) - 1)
    return [good[(index + step) % len(good)] for step in range(1, count + 1)]


def _add_article(
    site: _Site, expected: dict[str, Any], article: c.DemoArticle, related: list[c.DemoArticle]
) -> None:
    column = c.COLUMN_BY_SLUG[article.column]
    page = render_article(article, related)
    if article.quirk == "wrong_charset":
        # A real fault: UTF-8 bytes while both <meta> and the HTTP header claim gb2312.
        site.add(article.path, page.encode("utf-8"), WRONG_CHARSET_CONTENT_TYPE)
    else:
        site.add_html(article.path, page, column.encoding)
    for src in image_paths(article):
        site.add(src, JPEG_BYTES)
    for attachment in article.attachments:
        if attachment.path.endswith(".docx"):
            site.add(attachment.path, docx(attachment.name))
        else:
            site.add(attachment.path, pdf(Path(attachment.path).stem))
    if article.reject:
        expected["rejects"][article.path] = article.reject
    else:
        expected["articles"][article.path] = expected_record(article)


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
