"""Write tests/fixtures/<site_id>/ for every shipped profile from the demo portal and the
loopback mirrors (never from ../shared): one list page, two article pages, expected.json.

    .venv/bin/python -m tests.support.make_fixtures      # rewrites tests/fixtures/

The layout, which tests/unit/extract/test_fixtures.py checks for every folder (hand-made
ones included):

    tests/fixtures/<site_id>/expected.json
      {"pages": {"<file>": {"url": "<the page's address>", "kind": "article",
                             "fields": {<record field>: <value>, ...}},
                 "<file>": {"url": ..., "kind": "list", "column": "<column name>",
                             "entries": [<article URL>, ...]}}}
    tests/fixtures/<site_id>/<file>   the page's bytes as served
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from crawler.demo.build import build_site
from tests.support.mirrors import ccdi, cn12371, govcn, people

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# site -> (mirror module, real base URL, column, list page path)
MIRRORS = {
    "ccdi": (ccdi, "https://www.ccdi.gov.cn/", "要闻"),
    "govcn": (govcn, "https://www.gov.cn/", "要闻"),
    "cn12371": (cn12371, "https://www.12371.cn/", "最新发布"),
    "people_dangjian": (people, "http://dangjian.people.com.cn/", "394443"),
    "people_cpc": (people, "http://cpc.people.com.cn/", "24小时"),
}
# Fields an article page alone decides (column depends on the list that linked it).
_PAGE_FIELDS = ("title", "published_at", "published_precision", "published_date", "source",
                "author", "body")  # fmt: skip


def _file_of(path: str) -> str:
    if path.startswith("was5/web/search?page="):
        return f"was5/web/_search/{path.rsplit('=', 1)[1]}.html"
    return path + "index.html" if path.endswith("/") else path


def _write(site: str, root: Path, pages: dict[str, dict[str, Any]]) -> None:
    target = FIXTURES / site
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    named = {}
    for path, entry in pages.items():
        name = path.replace("/", "_") if not path.endswith("/") else path.strip("/") + ".html"
        shutil.copyfile(root / _file_of(path), target / name)
        named[name] = entry
    text = json.dumps({"pages": named}, ensure_ascii=False, indent=1) + "\n"
    (target / "expected.json").write_text(text, encoding="utf-8")


def _shjcdj(root: Path) -> None:
    base = "http://www.shjcdj.cn/"
    expected = build_site(root)
    list_path = "jcdj/index.html"
    entries = expected["list_entries"][list_path]
    pages: dict[str, dict[str, Any]] = {
        list_path: {
            "url": base + list_path,
            "kind": "list",
            "column": "基层党建",
            "entries": [base + p for p in entries],
        },
    }
    for path in ("jcdj/202005/t20200513_1001.html", entries[0]):
        fields = {k: expected["articles"][path][k] for k in (*_PAGE_FIELDS, "breadcrumb")}
        pages[path] = {"url": base + path, "kind": "article", "fields": fields}
    _write("shjcdj", root, pages)


def _mirror(site: str, root: Path) -> None:
    module, base, column = MIRRORS[site]
    mirror = module.build(root, base)
    list_path = mirror.list_pages[column][0]
    entries = mirror.list_entries[list_path]
    pages: dict[str, dict[str, Any]] = {
        list_path: {
            "url": base + list_path,
            "kind": "list",
            "column": column,
            "entries": [base + p for p in entries],
        },
    }
    for path in [p for p in entries if p in mirror.articles][:2]:
        want = mirror.articles[path]
        fields = {k: want[k] for k in _PAGE_FIELDS if k in want}
        pages[path] = {"url": base + path, "kind": "article", "fields": fields}
    _write(site, root, pages)


def main() -> None:
    for site in ("shjcdj", *MIRRORS):
        with tempfile.TemporaryDirectory() as tmp:
            (_shjcdj if site == "shjcdj" else lambda r, s=site: _mirror(s, r))(Path(tmp))
        print(f"wrote {FIXTURES / site}")


if __name__ == "__main__":
    main()
