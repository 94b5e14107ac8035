"""The profile assistant: drafts load, and reproduce the generic extractor's record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.assistant.article_draft import suggest_article
from crawler.assistant.element_selectors import css_for
from crawler.assistant.list_draft import suggest_list
from crawler.assistant.profile_toml import render_profile, site_id_for
from crawler.assistant.record_check import COMPARED_FIELDS
from crawler.assistant.suggest import load_page
from crawler.extract.lists import extract_list
from crawler.fetch.encoding import fix_encoding
from crawler.paging import next_page_url
from crawler.site.loading import load_profile, load_profile_file, parse_profile
from crawler.site.model import SiteProfile
from crawler.site.selectors import check_selector, select
from spiders.article import ArticleSpider
from tests.conftest import DEMO_SITE, ROOT
from tests.support.labels import REAL_PAGES, labels, pages, requires_shared, served_page
from tests.support.offline import offline_spider, process_page

DEMO_BASE = "http://www.shjcdj.cn/"
SAMPLE = "jcdj/202005/t20200513_1001.html"


class FixedProfileSpider(ArticleSpider):
    """The article spider with one given profile (or none) for every page, not by domain."""

    name = "suggest_test"

    def profile_for(self, url: str) -> SiteProfile | None:
        return self.profile


@pytest.fixture(scope="module")
def record_of() -> Any:
    """record_of(response, profile) through the spider's item building and the pipelines."""
    # One spider per profile file: the records of one page under several profiles share its
    # URL, which the de-duplication pipeline would drop the second time.
    spiders: dict[str, tuple[Any, list[Any]]] = {}

    def record(response: HtmlResponse, profile: SiteProfile | None) -> dict[str, Any]:
        key = profile.path if profile else ""
        if key not in spiders:
            spiders[key] = offline_spider(FixedProfileSpider, urls="http://unused.example/")
        spider, pipelines = spiders[key]
        spider.profile = profile
        result, reason = process_page(spider, response, pipelines)
        assert result is not None, reason
        return result

    return record


def _draft(response: HtmlResponse) -> SiteProfile:
    """The draft TOML as a user gets it, loaded the way profiles are loaded."""
    article = suggest_article(response.selector, response.url)
    site_id = site_id_for(response.url)
    text = render_profile(site_id, article)
    return parse_profile(tomllib.loads(text), Path(f"{site_id}.toml"))


def _assert_reproduces(
    record_of: Any, response: HtmlResponse, draft: SiteProfile
) -> dict[str, Any]:
    generic = record_of(response, None)
    produced = record_of(response, draft)
    # Every differing field at once, each with both values.
    differing = {
        name: (generic[name], produced[name])
        for name in COMPARED_FIELDS
        if produced[name] != generic[name]
    }
    assert not differing
    if generic["breadcrumb"]:
        assert produced["breadcrumb"] == generic["breadcrumb"]
    # A draft of nothing would reproduce any record: it must pin the headline or the body.
    assert draft.article.body or draft.article.title, "no title or body selector"
    return produced


# --- real pages ------------------------------------------------------------------------------


REAL_ARTICLES = pages(REAL_PAGES)


def _real(name: str) -> HtmlResponse:
    return served_page(REAL_PAGES, name)


@requires_shared()
@pytest.mark.parametrize("page", REAL_ARTICLES or ["(none)"])
def test_real_page_draft_reproduces_generic_record(record_of, page):
    if page == "(none)":
        pytest.skip(f"no labelled article in {REAL_PAGES}")
    response = _real(page)
    _assert_reproduces(record_of, response, _draft(response))


@requires_shared()
def test_real_list_page_entries_and_next_link():
    # ccdi's search list: the next link is an arrow image, recognized by its class.
    label = labels(REAL_PAGES)["ccdi_list_1.html"]
    draft = suggest_list(_real("ccdi_list_1.html").selector, label["url"])
    assert draft is not None
    assert len(draft.entries) == label["n_items"]
    assert draft.entries[0].url == label["first_item"]["url"]
    assert draft.entries[0].title == label["first_item"]["title"]
    assert draft.entries[-1].url == label["last_item"]["url"]
    assert draft.pagination.strategy == "next_link"
    assert draft.next_url == label["url"].rsplit("/", 1)[0] + "/" + label["next_page"]


# --- the demo portal -------------------------------------------------------------------------


def _headers(path: str) -> dict[str, str]:
    headers = json.loads((DEMO_SITE / "_headers.json").read_text(encoding="utf-8"))
    return {"Content-Type": headers.get(path, "text/html; charset=utf-8")}


def _demo(path: str) -> HtmlResponse:
    """A demo page with the headers the demo server sends, decoded as a crawl decodes it (the
    zgxx pages are GB2312 bytes served as UTF-8: the charset fix must catch that)."""
    body = (DEMO_SITE / path).read_bytes()
    return fix_encoding(HtmlResponse(DEMO_BASE + path, body=body, headers=_headers(path)))


DEMO_ARTICLES = [SAMPLE, "djyw/202009/t20200910_2002.html", "zgxx/202203/t20220310_3011.html"]


@pytest.mark.parametrize("path", DEMO_ARTICLES)
def test_demo_article_draft_reproduces_generic_record(record_of, path):
    response = _demo(path)
    draft = _draft(response)
    produced = _assert_reproduces(record_of, response, draft)
    # The elements are those the hand-written profile names.
    shjcdj = load_profile("shjcdj")
    for name in ("title", "byline", "body", "breadcrumb"):
        mine, theirs = getattr(draft.article, name), getattr(shjcdj.article, name)
        assert [m.root for m in select(response.selector, mine)] == [
            m.root for m in select(response.selector, theirs)
        ], name
    assert produced["breadcrumb"] == record_of(response, shjcdj)["breadcrumb"]


def _walk(first: str, pagination: Any, rules: Any) -> tuple[list[str], list[str]]:
    """(page URLs, entry URLs) of a demo column, following `pagination` from its first page."""
    pages, entries = [], []
    url: str | None = DEMO_BASE + first
    while url and url not in pages and len(pages) < 10:
        pages.append(url)
        response = _demo(url.removeprefix(DEMO_BASE))
        entries += [e.url for e in extract_list(response.selector, url, rules)]
        url = next_page_url(response.selector, url, pagination)
    return pages, entries


@pytest.mark.parametrize(
    ("column", "strategy"),
    [("jcdj", "create_page_html"), ("djyw", "next_link"), ("zgxx", "page_count_var")],
)
def test_demo_list_draft_matches_shjcdj_profile(column, strategy):
    first = f"{column}/index.html"
    response = _demo(first)
    draft = suggest_list(response.selector, response.url)
    assert draft is not None
    shjcdj = load_profile("shjcdj")
    assert [e.url for e in draft.entries] == [
        e.url for e in extract_list(response.selector, response.url, shjcdj.list)
    ]
    assert all(e.date_raw and e.title for e in draft.entries)
    assert draft.pagination.strategy == strategy
    # Followed page by page, the suggested pager walks the same pages and entries.
    (col,) = [c for c in shjcdj.columns if c.url.endswith(first)]
    mine = _walk(first, draft.pagination, draft.rules)
    assert mine == _walk(first, col.pagination, shjcdj.list)
    assert len(mine[0]) == 3


def test_demo_draft_with_list_loads_as_profile_file(tmp_path):
    article = suggest_article(_demo(SAMPLE).selector, DEMO_BASE + SAMPLE)
    listing = suggest_list(_demo("djyw/index.html").selector, DEMO_BASE + "djyw/index.html")
    path = tmp_path / "shjcdj.toml"
    path.write_text(render_profile("shjcdj", article, listing), encoding="utf-8")
    profile = load_profile_file(path)
    assert profile.columns[0].name == "党建要闻"
    assert profile.columns[0].url == DEMO_BASE + "djyw/index.html"
    assert profile.pagination.strategy == "next_link"
    assert profile.list.title == "a::attr(title)"


def test_demo_draft_without_list_uses_breadcrumb_column_and_a_placeholder_entry():
    profile = _draft(_demo(SAMPLE))
    assert (profile.columns[0].name, profile.columns[0].url) == (
        "基层党建",
        DEMO_BASE + "jcdj/index.html",
    )
    assert profile.pagination.strategy == "none"
    assert not select(_demo("jcdj/index.html").selector, profile.list.entry)


def test_demo_empty_list_page_has_no_suggestion():
    assert suggest_list(_demo("tzgg/index.html").selector, DEMO_BASE + "tzgg/index.html") is None


@pytest.mark.crawl
def test_load_page_fetches_a_loopback_url_and_decodes_it(demo_portal):
    response = load_page(demo_portal + "zgxx/index.html", None)
    assert response.url == demo_portal + "zgxx/index.html"
    assert "组工信息" in response.text


# --- selectors -------------------------------------------------------------------------------

PAGE = """<html><body>
<div class="top"><h1 class="title">站点</h1></div>
<div id="main" class="box"><div class="box info"><span>2020-01-01</span><span>来源：X</span></div>
<div class="content" id="zoom"><p>one</p><p>two</p></div>
<div class="content extra"><p>three</p></div></div>
<div id="item_123456"><p>generated</p></div>
<div id="block_9876"><div class="t">numbered</div></div><div class="t">other</div>
<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
</body></html>"""


@pytest.mark.parametrize(
    ("xpath", "expected"),
    [
        ("//div[@id='zoom']", "#zoom"),  # an id first
        ("//h1", "h1.title"),  # a class with its tag
        ("//div[@class='content extra']", "div.extra"),  # the distinctive class of a chain
        ("//div[@class='box info']", "div.info"),
        ("//div[@class='box info']/span[2]", "div.info > span:nth-of-type(2)"),  # structural
        ("//div[@id='item_123456']/p", 'div[id^="item_"] > p'),  # not the per-page number
        ("//div[@id='block_9876']/div", 'div[id^="block_"] > div.t'),  # the id's stable stem
        # Nothing distinctive: a path from the root.
        ("//table//tr[2]/td[2]", "html > body > table > tr:nth-of-type(2) > td:nth-of-type(2)"),
    ],
)
def test_css_for_matches_exactly_that_element(xpath, expected):
    sel = Selector(text=PAGE)
    (el,) = [m.root for m in sel.xpath(xpath)]
    css = css_for(sel, el)
    assert css == expected
    check_selector(css)
    assert [m.root for m in select(sel, css)] == [el]


@pytest.mark.parametrize(
    ("url", "site_id"),
    [
        ("http://www.ccdi.gov.cn/202205/t1.html", "ccdi"),
        ("http://fgw.zj.gov.cn/art/1.html", "fgw_zj"),
        ("https://www.shjcdj.cn/", "shjcdj"),
        ("http://news.cjn.cn/a.html", "news_cjn"),
        ("http://127.0.0.1:8000/a.html", "site_127_0_0_1"),
    ],
)
def test_site_id_for(url, site_id):
    assert site_id_for(url) == site_id


LIST_PAGE = """<html><body>
<div class="topNav"><a href="/a/1001.html">Home news one</a><a href="/a/1002.html">Two</a>
<a href="/a/1003.html">Three</a></div>
<div class="slider"><a href="/p/5.html">›</a></div>
<table class="news"><tr><td><a href="/a/2001.html">第一篇文章的标题在这里</a> 2024-05-01</td></tr>
<tr><td><a href="/a/2002.html">第二篇文章的标题在这里</a> 2024-04-30</td></tr>
<tr><td><a href="/a/2003.html">第三篇文章的标题在这里</a> 2024-04-29</td></tr></table>
<div class="pages"><a href="list_2.html">下一页</a></div>
</body></html>"""


def test_list_suggestion_skips_navigation_and_reads_dates_from_entry_text():
    url = "http://example.gov.cn/a/list.html"
    draft = suggest_list(Selector(text=LIST_PAGE), url)
    assert draft is not None
    assert draft.rules.entry == "table.news > tr"
    assert [e.url.rsplit("/", 1)[1] for e in draft.entries] == [
        "2001.html",
        "2002.html",
        "2003.html",
    ]
    assert [e.date_raw for e in draft.entries] == ["2024-05-01", "2024-04-30", "2024-04-29"]
    assert draft.rules.title is None  # no title attributes: the link text
    assert draft.entries[0].title == "第一篇文章的标题在这里"
    # '下一页' wins over a carousel arrow.
    assert draft.pagination.strategy == "next_link"
    assert draft.next_url == "http://example.gov.cn/a/list_2.html"


# --- the command line ------------------------------------------------------------------------


@pytest.mark.crawl
@pytest.mark.slow
def test_cli_prints_a_loadable_draft_and_its_record(tmp_path):
    # From another directory, as a user would: the project is found through the environment.
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "crawler",
            "suggest",
            str(DEMO_SITE / SAMPLE),
            "--url",
            DEMO_BASE + SAMPLE,
            "--list",
            str(DEMO_SITE / "jcdj" / "index.html"),
            "--list-url",
            DEMO_BASE + "jcdj/index.html",
            "--id",
            "demo_portal",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    profile = parse_profile(tomllib.loads(result.stdout), Path("demo_portal.toml"))
    assert profile.id == "demo_portal"
    assert profile.pagination.strategy == "create_page_html"
    assert profile.article.body and profile.list.entry == "ul.list > li"
    assert '"title": "崇明区新海镇' in result.stdout  # the record, as comments
    assert "# Check: same as the generic extractor's record" in result.stdout


def _refused_address() -> str:
    import socket  # noqa: PLC0415

    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/list.html"


def test_an_unreachable_address_is_one_line_naming_it_and_the_remedy(capsys):
    from types import SimpleNamespace  # noqa: PLC0415

    from crawler.assistant.suggest import run  # noqa: PLC0415

    address = _refused_address()
    args = SimpleNamespace(target=address, url=None, list=None, list_url=None, id=None)
    assert run(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith(f"error: {address}: cannot fetch (")
    assert err.endswith(f"pass the file, with --url {address}") and "Traceback" not in err


@pytest.mark.crawl
def test_a_missing_page_names_the_http_status(demo_portal):
    with pytest.raises(OSError, match=r"nothing\.html: the server answered HTTP 404"):
        load_page(demo_portal + "nothing.html", None)


def test_a_reply_cut_short_is_one_line_not_a_traceback():
    import socket  # noqa: PLC0415
    import threading  # noqa: PLC0415

    from crawler.assistant.suggest import load_page as fetch  # noqa: PLC0415

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>"
        )
        conn.close()

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    address = f"http://127.0.0.1:{server.getsockname()[1]}/a.html"
    try:
        with pytest.raises(OSError, match=r"a\.html: cannot fetch \(IncompleteRead"):
            fetch(address, None)
    finally:
        thread.join(timeout=5)
        server.close()


@pytest.mark.parametrize("option", ["url", "list_url"])
def test_an_address_option_that_is_no_http_address_is_refused_first(option, capsys):
    from types import SimpleNamespace  # noqa: PLC0415

    from crawler.assistant.suggest import run  # noqa: PLC0415

    values = {"url": None, "list_url": None, option: "not a url"}
    args = SimpleNamespace(target=str(DEMO_SITE / SAMPLE), list=None, id=None, **values)
    assert run(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # not the whole draft
    assert err.startswith(f"error: --{option.replace('_', '-')} 'not a url': not an http(s)")
