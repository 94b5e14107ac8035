"""Every tests/fixtures/<site_id>/ folder is checked: its pages through the site's profile.

The convention (tests/support/make_fixtures.py writes one folder per shipped profile; a
developer adding a portal saves pages by hand): `expected.json` lists each saved page with
its address, its kind (`article`: the record fields expected; `list`: the column and the
article URLs it lists, in order). A folder without an expected.json, a page file that is not
listed, or a site with no profile fails here, so a fixture folder is never silently unread.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from crawler.extract.lists import extract_list
from crawler.site.loading import iter_profiles, load_profile
from spiders.article import ArticleSpider
from tests.support.offline import offline_spider, process_page

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SITES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.is_dir() else []


def _pages() -> list[tuple[str, str, dict[str, Any]]]:
    pages = []
    for site in SITES:
        expected = json.loads((FIXTURES / site / "expected.json").read_text(encoding="utf-8"))
        pages += [(site, name, entry) for name, entry in expected["pages"].items()]
    return pages


def test_every_shipped_profile_has_a_fixture_folder():
    assert {p.id for p in iter_profiles()} <= set(SITES)


@pytest.mark.parametrize("site", SITES)
def test_fixture_folder_is_complete(site):
    folder = FIXTURES / site
    assert (folder / "expected.json").is_file(), f"{folder}: no expected.json"
    load_profile(site)  # a folder for a site without a profile is an error
    listed = set(json.loads((folder / "expected.json").read_text("utf-8"))["pages"])
    files = {p.name for p in folder.iterdir() if p.name != "expected.json"}
    assert files == listed, f"{folder}: pages and expected.json disagree"
    kinds = [
        e["kind"] for e in json.loads((folder / "expected.json").read_text())["pages"].values()
    ]
    assert "list" in kinds and "article" in kinds


@pytest.mark.parametrize(
    ("site", "name", "entry"), _pages(), ids=[f"{s}/{n}" for s, n, _ in _pages()]
)
def test_fixture_page(site, name, entry):
    body = (FIXTURES / site / name).read_bytes()
    response = HtmlResponse(entry["url"], body=body)
    if entry["kind"] == "list":
        profile = load_profile(site)
        (column,) = [c for c in profile.columns if c.name == entry["column"]]
        entries = extract_list(response.selector, response.url, profile.list_rules(column))
        assert [e.url for e in entries] == entry["entries"]
        return
    spider, pipelines = offline_spider(ArticleSpider, urls=entry["url"], site=site)
    record, reason = process_page(spider, response, pipelines)
    assert reason is None, reason
    assert record is not None
    assert {k: record[k] for k in entry["fields"]} == entry["fields"]
