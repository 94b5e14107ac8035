"""Portal profiles: 12371, people_dangjian/people_cpc, ccdi, govcn.

Per portal: list parsing (entries, dates, next page, the last page) on its loopback mirror
(and on real ccdi list pages), article extraction on the real pages of ../shared/real_pages
where there are some (the mirror otherwise), and an end-to-end crawl of the mirror through
the real downloader, pipelines and feed export.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from scrapy.http import HtmlResponse

from crawler.extract.lists import extract_list
from crawler.paging import next_page_url
from crawler.site.loading import iter_profiles, load_profile
from spiders.article import ArticleSpider
from spiders.portal import PortalSpider
from tests.conftest import CrawlResult, run_crawl
from tests.support.labels import FIELDS, REAL_PAGES, compare, labels, requires_shared, served_page
from tests.support.mirrors import ccdi, cn12371, govcn, mirror_site, people
from tests.support.offline import offline_spider, process_page

CcdiSpider = PortalSpider.for_profile("ccdi")
Cn12371Spider = PortalSpider.for_profile("cn12371")
GovcnSpider = PortalSpider.for_profile("govcn")
PeopleCpcSpider = PortalSpider.for_profile("people_cpc")
PeopleDangjianSpider = PortalSpider.for_profile("people_dangjian")

PORTALS = {
    "cn12371": (Cn12371Spider, None),
    "people_dangjian": (PeopleDangjianSpider, "people_cms"),
    "people_cpc": (PeopleCpcSpider, "people_cms"),
    "ccdi": (CcdiSpider, "trs_wcm"),
    "govcn": (GovcnSpider, "trs_wcm"),
}


@pytest.mark.parametrize("site", list(PORTALS))
def test_portal_profile_loads_with_its_family_and_spider(site):
    spidercls, family = PORTALS[site]
    profile = load_profile(site)
    assert spidercls.name == profile.id == site
    assert profile.family == (family or "")
    assert profile.verified is False  # every one has unverified parts (see its header)
    assert site in {p.id for p in iter_profiles()}


def test_no_two_profiles_claim_one_host():
    profiles = list(iter_profiles())
    domains = [d for p in profiles for d in p.allowed_domains]
    assert len(domains) == len(set(domains))
    assert "gov.cn" not in domains  # would swallow ccdi.gov.cn and every other ministry


# --- list pages -------------------------------------------------------------------------------


@requires_shared()
@pytest.mark.parametrize("page", ["ccdi_list_1.html", "ccdi_list_2.html"])
def test_ccdi_real_search_list(page):
    label = labels(REAL_PAGES)[page]
    profile = load_profile("ccdi")
    search = profile.columns[0]
    page_response = served_page(REAL_PAGES, page, encoding="utf-8")
    entries = extract_list(page_response.selector, page_response.url, profile.list_rules(search))
    assert len(entries) == label["n_items"]
    for entry, want in ((entries[0], label["first_item"]), (entries[-1], label["last_item"])):
        assert (entry.url, entry.title) == (want["url"], want["title"])
        assert entry.date_raw == want["date"].replace("T", " ")
    assert next_page_url(page_response.selector, page_response.url, search.pagination) == (
        "http://www.ccdi.gov.cn/" + label["next_page"]
    )


def _pages(mirror: Any, column: str, base: str) -> list[tuple[str, HtmlResponse]]:
    """(path, response) of a column's list pages as the mirror serves them."""
    out = []
    for path in mirror.list_pages[column]:
        file = path
        if path.startswith("was5/web/search?page="):
            file = f"was5/web/_search/{path.rsplit('=', 1)[1]}.html"
        elif path.endswith("/"):
            file = path + "index.html"
        body = (mirror.root / file).read_bytes()
        out.append((path, HtmlResponse(base + path, body=body, encoding="utf-8")))
    return out


MIRROR_LISTS = [
    ("ccdi", ccdi, "https://www.ccdi.gov.cn/", "公开通报"),
    ("ccdi", ccdi, "https://www.ccdi.gov.cn/", "要闻"),
    ("govcn", govcn, "https://www.gov.cn/", "要闻"),
    ("govcn", govcn, "https://www.gov.cn/", "部门政务"),
    ("cn12371", cn12371, "https://www.12371.cn/", "最新发布"),
    ("people_dangjian", people, "http://dangjian.people.com.cn/", "394443"),
    ("people_cpc", people, "http://cpc.people.com.cn/", "24小时"),
]


@pytest.mark.parametrize(
    ("site", "module", "base", "column"),
    MIRROR_LISTS,
    ids=[f"{s}-{c}" for s, _, _, c in MIRROR_LISTS],
)
def test_mirror_list_pages(tmp_path, site, module, base, column):
    mirror = module.build(tmp_path, base)
    profile = load_profile(site)
    (col,) = [c for c in profile.columns if c.name == column]
    pages = _pages(mirror, column, base)
    for index, (path, response) in enumerate(pages):
        entries = extract_list(response.selector, response.url, profile.list_rules(col))
        assert [e.url for e in entries] == [base + p for p in mirror.list_entries[path]]
        if profile.list_rules(col).date or profile.list_rules(col).date_key:
            assert all(e.date_raw and e.date_raw[:4].isdigit() for e in entries)
        nxt = next_page_url(response.selector, response.url, col.pagination)
        if index + 1 < len(pages):
            assert nxt is not None and nxt.split("&")[0] == base + pages[index + 1][0]
        else:
            assert nxt is None, f"the last page {path} must not lead further"


# --- article pages ------------------------------------------------------------------------------

REAL = [
    *[("ccdi", f"ccdi_article_{n}.html") for n in range(1, 11)],
    ("govcn", "govcn_article_1.html"),
    ("people_cpc", "people_article_3.html"),
    ("people_dangjian", "people_article_3.html"),
]


@pytest.fixture(scope="module")
def real_records() -> dict[tuple[str, str], dict[str, Any] | None]:
    records = {}
    for site in {s for s, _ in REAL}:
        spider, pipelines = offline_spider(ArticleSpider, urls="http://unused.example/", site=site)
        for s, page in REAL:
            if s == site:
                page_response = served_page(REAL_PAGES, page, encoding="utf-8")
                records[site, page], _ = process_page(spider, page_response, pipelines)
    return records


@requires_shared()
@pytest.mark.parametrize(
    ("site", "page", "field_name"),
    [
        (site, page, name)
        for site, page in REAL
        for name in FIELDS
        if compare({}, labels(REAL_PAGES).get(page, {"title": None})).get(name) is not None
    ],
)
def test_profile_on_real_page(real_records, site, page, field_name):
    record = real_records[site, page]
    assert compare(record, labels(REAL_PAGES)[page])[field_name], {
        k: (record or {}).get(k) for k in ("title", "published_at", "source", "author", "body")
    }


def test_12371_article_on_the_mirror(tmp_path):
    mirror = cn12371.build(tmp_path, "https://www.12371.cn/")
    spider, pipelines = offline_spider(Cn12371Spider)
    for path, expected in mirror.articles.items():
        response = HtmlResponse(
            "https://www.12371.cn/" + path, body=(tmp_path / path).read_bytes(), encoding="utf-8"
        )
        record, reason = process_page(spider, response, pipelines)
        assert reason is None and record is not None
        assert {k: record[k] for k in expected} == expected
    stats = spider.crawler.stats.get_stats()
    assert stats["extract/title/profile"] == stats["extract/published_raw/profile"] == 3


# --- end to end -------------------------------------------------------------------------------

CRAWLS = {
    "ccdi": (ccdi, CcdiSpider, None),
    "govcn": (govcn, GovcnSpider, None),
    "cn12371": (cn12371, Cn12371Spider, None),
    "people_dangjian": (people, PeopleDangjianSpider, "394443"),
    "people_cpc": (people, PeopleCpcSpider, "24小时"),
}


@pytest.fixture(scope="module", params=list(CRAWLS))
def crawl(request, tmp_path_factory) -> tuple[str, Any, str, CrawlResult]:
    module, spidercls, column = CRAWLS[request.param]
    tmp = tmp_path_factory.mktemp(request.param)
    with mirror_site(module, tmp / "site") as (mirror, base):
        result = pytest_twisted.blockon(run_crawl(spidercls, tmp / "out", base_url=base))
    if column:  # one mirror holds both people.com.cn portals
        mirror.articles = {p: a for p, a in mirror.articles.items() if a["column"] == column}
    return request.param, mirror, base, result


def test_crawl_exports_every_mirror_article_as_expected(crawl):
    site, mirror, base, result = crawl
    got = {item["url"][len(base) :]: item for item in result.items}
    assert sorted(got) == sorted(mirror.articles)
    for path, expected in mirror.articles.items():
        assert got[path]["site"] == site
        for name, value in expected.items():
            if name == "images":
                value = [base + v for v in value]  # noqa: PLW2901
            elif name == "attachments":
                value = [{**a, "url": base + a["url"]} for a in value]  # noqa: PLW2901
            assert got[path][name] == value, (path, name)


def test_crawl_is_clean_and_walks_every_list_page(crawl):
    _, mirror, _, result = crawl
    stats = result.stats
    assert stats.get("log_count/ERROR", 0) == 0
    assert stats.get("list/empty", 0) == 0
    # The run report's checks pass (govcn: its [health] table allows records without 来源).
    health = {k: v for k, v in stats.items() if k.startswith("health/")}
    assert health and set(health.values()) <= {"ok", "skipped"}, health
    columns = {a.get("column") for a in mirror.articles.values()} - {None}
    pages = sum(len(p) for c, p in mirror.list_pages.items() if not columns or c in columns)
    assert stats["list/pages"] == pages
    assert {r["url"].rsplit("/", 1)[1]: r["reason"] for r in result.rejects} == {
        p.rsplit("/", 1)[1]: why for p, why in mirror.rejects.items()
    }
    (feed,) = result.feeds
    assert len(feed.read_text(encoding="utf-8").splitlines()) == len(mirror.articles)


def test_crawl_merges_multi_page_articles(crawl):
    site, _, _, result = crawl
    merged = {"ccdi": 2, "people_dangjian": 1}.get(site, 0)
    assert result.stats.get("article/continuation_pages", 0) == merged


@pytest.mark.crawl
@pytest_twisted.ensureDeferred
async def test_missing_continuation_page_keeps_the_pages_it_has(tmp_path: Path):
    with mirror_site(ccdi, tmp_path / "site") as (mirror, base):
        (tmp_path / "site" / "specialn/202412/t20241230_399001_2.html").unlink()
        result = await run_crawl(CcdiSpider, tmp_path / "out", base_url=base, columns="公开通报")
    (item,) = [i for i in result.items if i["url"].endswith("t20241230_399001.html")]
    expected = mirror.articles["specialn/202412/t20241230_399001.html"]
    assert item["body"].startswith(expected["body"].split("\n第三页")[0])
    assert "第三页" not in item["body"] and item["attachments"] == []
    assert result.stats["article/continuation_pages"] == 1
    assert result.stats["article/continuation_failed"] == 1
