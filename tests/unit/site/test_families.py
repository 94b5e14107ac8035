"""CMS families: `extends`, the list sources and pagination strategies they bring, article
layouts, multi-page articles, and each family on real pages and on a loopback mirror.

TRS WCM end to end: the ccdi mirror (test_portals.py); people.com.cn end to end: the
people_dangjian/people_cpc mirrors (test_portals.py); Hanweb JCMS end to end: here, with the
hanweb_demo test profile (no Hanweb portal profile ships).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_twisted
from parsel import Selector
from scrapy.http import HtmlResponse

from crawler.extract.article import choose_layout, continuation_urls
from crawler.extract.lists import extract_dataproxy_list, extract_list
from crawler.extract.scriptdata import find_array
from crawler.paging import next_page_url
from crawler.paging.scripts import DataproxyWindow, article_page_urls, numbered_page
from crawler.site.loading import (
    PROFILES_DIR,
    iter_profiles,
    load_profile,
    load_profile_file,
    profile_ids,
)
from crawler.site.model import ProfileError
from tests.conftest import run_crawl
from tests.support.labels import REAL_PAGES, compare, labels, requires_shared, served_page
from tests.support.mirrors import (
    PROFILES,
    commented,
    hanweb,
    mirror_site,
    people,
    profile_spider,
)
from tests.support.offline import offline_spider, process_page

CHILD = """
id = "child"
name = "子站"
base_url = "http://child.example.cn/"
allowed_domains = ["child.example.cn"]
extends = "fam"

[[columns]]
name = "要闻"
url = "ywdt/index.html"
pagination = { form = { columnid = "7" } }
"""
FAMILY = """
[pagination]
strategy = "hanweb_dataproxy"
endpoint = "/module/web/jpage/dataproxy.jsp"
form = { col = "1", webid = "9" }

[list]
entry = "li"
date = "span::text"

[article]
body = "#zoom"
strip = ["#zoom .share"]
"""


def write_profiles(tmp_path: Path, child: str, family: str = FAMILY) -> Path:
    (tmp_path / "_families").mkdir(exist_ok=True)
    (tmp_path / "_families" / "fam.toml").write_text(family, encoding="utf-8")
    path = tmp_path / "child.toml"
    path.write_text(child, encoding="utf-8")
    return path


# --- the profile format ----------------------------------------------------------------------


def test_child_tables_override_the_family_key_by_key(tmp_path):
    child = CHILD.replace('columnid = "7"', 'columnid = "7", webid = "2"')
    child += '\n[list]\ndate = "em::text"\n\n[article]\ntitle = "h1"\nstrip = []\n'
    profile = load_profile_file(write_profiles(tmp_path, child))
    assert profile.family == "fam"
    column = profile.columns[0]
    assert column.pagination.strategy == "hanweb_dataproxy"
    assert dict(column.pagination.form) == {"col": "1", "webid": "2", "columnid": "7"}
    assert (profile.list.entry, profile.list.date) == ("li", "em::text")
    assert (profile.article.title, profile.article.body) == ("h1", "#zoom")
    assert profile.article.strip == ()  # an array replaces the family's whole


# (family file text, child addition, file the error must name, field, message)
FILE_ERRORS = {
    "family-selector": (
        FAMILY.replace('body = "#zoom"', 'body = "#zoom["'), "", "family", "article.body",
        "invalid selector",
    ),
    "family-typo": (
        FAMILY.replace('entry = "li"', 'entry = "li"\nentyr = "x"'), "", "family", "list.entyr",
        "unknown field",
    ),
    "child-selector": (
        FAMILY, '\n[article]\nbody = "//div["\n', "child", "article.body", "invalid",
    ),
    "dataproxy-columnid": (
        FAMILY, None, "child", "columns[0].pagination.form.columnid",
        "required for strategy 'hanweb_dataproxy'",
    ),
    "family-id": (
        'id = "fam"\n' + FAMILY, "", "family", "id", "a family file describes a CMS",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(FILE_ERRORS))
def test_errors_name_the_file_that_holds_the_field(tmp_path, case):
    family, child_extra, where, field, message = FILE_ERRORS[case]
    if child_extra is None:  # the column without its columnid
        child = CHILD.replace('pagination = { form = { columnid = "7" } }', "")
    else:
        child = CHILD + child_extra
    path = write_profiles(tmp_path, child, family)
    with pytest.raises(ProfileError) as info:
        load_profile_file(path)
    named = path if where == "child" else tmp_path / "_families" / "fam.toml"
    assert str(info.value).startswith(f"{named}: {field}: "), str(info.value)
    assert message in str(info.value)


def test_unknown_family_lists_the_known_ones(tmp_path):
    path = write_profiles(tmp_path, CHILD.replace('"fam"', '"nope"'))
    with pytest.raises(
        ProfileError, match=r"extends: unknown family 'nope' \(known: .*fam.*trs_wcm"
    ):
        load_profile_file(path)


@pytest.mark.parametrize(
    ("table", "field", "message"),
    [
        ('[list]\nsource = "script_array"\nlink_key = "link_add"', "list.array", "is required"),
        (
            '[list]\nsource = "script_array"\narray = "item()"\nlink_key = "x"',
            "list.array",
            "plain name",
        ),
        (
            '[list]\nentry = "li"\n[pagination]\nstrategy = "numbered_link"',
            "pagination.pattern",
            "'{n}'",
        ),
        (
            '[list]\nentry = "li"\n[article]\ncontinuation = "links"',
            "article.continuation_links",
            "required",
        ),
        (
            (
                '[list]\nentry = "li"\n[[article.layouts]]\nname = "a"\nwhen = "div.a"\n'
                '[[article.layouts]]\nname = "a"\nwhen = "div.b"'
            ),
            "article.layouts[1].name",
            "defined twice",
        ),
        (
            '[list]\nentry = "li"\n[[article.layouts]]\nname = "a"',
            "article.layouts[0].when",
            "required",
        ),
        (
            '[list]\nentry = "li"\n[health]\ncoverage = { sourse = 0.5 }',
            "health.coverage.sourse",
            "not a record field",
        ),
        (
            '[list]\nentry = "li"\n[health]\ncoverage = { source = 2 }',
            "health.coverage.source",
            "between 0 and 1",
        ),
    ],
)
def test_new_keys_are_validated(tmp_path, table, field, message):
    text = CHILD.replace('extends = "fam"\n', "").replace(
        'pagination = { form = { columnid = "7" } }', ""
    )
    text += "\n" + table + "\n"
    path = tmp_path / "child.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile_file(path)
    assert str(info.value).startswith(f"{path}: {field}: "), str(info.value)
    assert message in str(info.value)


def test_family_files_and_underscore_files_are_not_portals(tmp_path):
    write_profiles(tmp_path, CHILD + '\n[pagination.form]\ncolumnid = "1"\n')
    (tmp_path / "_draft.toml").write_text("not even toml = ", encoding="utf-8")
    (tmp_path / "backup.toml").mkdir()  # a folder is no profile either
    assert [p.id for p in iter_profiles(tmp_path)] == ["child"]
    assert profile_ids(tmp_path) == ["child"]
    shipped = {p.id for p in iter_profiles()}
    assert not shipped & {"trs_wcm", "hanweb_jcms", "people_cms"}
    assert {p.family for p in iter_profiles()} >= {"trs_wcm", "people_cms"}
    assert sorted(f.stem for f in (PROFILES_DIR / "_families").glob("*.toml")) == [
        "hanweb_jcms",
        "people_cms",
        "trs_wcm",
    ]


def test_a_column_may_override_list_keys():
    govcn = load_profile("govcn")
    yaowen, bumen = govcn.columns
    assert govcn.list_rules(yaowen).entry == ".news_box .list li:not(.line)"
    assert govcn.list_rules(bumen).entry == ".infolist li"


# --- scripts, pages and windows read as data -------------------------------------------------


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        (
            "var item=[{'title':'甲','brief':'2019-11-01 10:07:00','link_add':'/a.shtml'}];",
            [{"title": "甲", "brief": "2019-11-01 10:07:00", "link_add": "/a.shtml"}],
        ),
        (
            r"item = [{title: 'it\'s', n: 2, ok: true, x: null,},];",
            [{"title": "it's", "n": 2, "ok": True, "x": None}],
        ),
        ('var item=[{"title":"\\u515a"}] // done', [{"title": "党"}]),
        ("var a=1;\nitem=[]\n", []),
    ],
)
def test_script_array_is_read_as_data(script, expected):
    assert find_array(script, "item") == expected


@pytest.mark.parametrize(
    "script",
    [
        "item=[getItems()];",  # a call is code
        "item=[1, 2] + more;",  # an expression, not a literal
        "var myitem=[1];",  # another variable
        "item=['unterminated];",
        "item=" + "[" * 40 + "]" * 40 + ";",  # nesting no list needs
    ],
)
def test_script_code_is_refused(script):
    assert find_array(script, "item") is None


def test_article_continuation_pages_from_create_page_html():
    url = "http://www.shanxi.gov.cn/yw/201909/t20190918_693227.shtml"
    list_pager = 'createPageHTML(9, 0, "index", "shtml");'
    assert article_page_urls(
        list_pager + 'createPageHTML(3,0,"t20190918_693227","shtml");', url
    ) == [
        "http://www.shanxi.gov.cn/yw/201909/t20190918_693227_1.shtml",
        "http://www.shanxi.gov.cn/yw/201909/t20190918_693227_2.shtml",
    ]
    assert article_page_urls('createPageHTML(1,0,"t20190918_693227","shtml");', url) == []
    assert article_page_urls(list_pager, url) == []  # a list pager is not the article's


@pytest.mark.parametrize(
    ("request_args", "start", "end", "total", "more"),
    [
        ((1, 20, 3), 1, 60, 61, True),
        ((2, 20, 3), 61, 120, 120, False),
        ((1, 2, 1), 1, 2, None, False),
    ],
)
def test_dataproxy_windows(request_args, start, end, total, more):
    page, perpage, group = request_args
    window = DataproxyWindow.of(page, perpage, group)
    assert (window.start, window.end) == (start, end)
    assert window.query() == f"startrecord={start}&endrecord={end}&perpage={perpage}"
    assert window.has_next(total) is more


def test_dataproxy_answer_is_parsed_as_xml_data():
    records = [
        "<li><a href='/art/2024/3/8/art_1_2.html' title='标题一'>标题一</a><span>2024-03-08</span>",
        "<li><a href='/art/2024/3/1/art_1_1.html' title='二&lt;&gt;'>x</a><span>2024-03-01</span>",
    ]
    # A declaration naming GBK on text that is already decoded must not garble it.
    xml = hanweb.dataproxy_answer(records, 1, 2).decode().replace("UTF-8", "GBK")
    xml = xml.replace(
        "<datastore>", '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><datastore>'
    )
    rules = load_profile("hanweb_demo", PROFILES).list
    url = "http://fgw.zj.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=2&perpage=2"
    entries, total = extract_dataproxy_list(xml, url, rules)
    assert total == 2
    assert [(e.url, e.title, e.date_raw) for e in entries] == [
        ("http://fgw.zj.gov.cn/art/2024/3/8/art_1_2.html", "标题一", "2024-03-08"),
        ("http://fgw.zj.gov.cn/art/2024/3/1/art_1_1.html", "二<>", "2024-03-01"),
    ]
    assert extract_dataproxy_list(
        "<datastore><totalrecord>0</totalrecord></datastore>", url, rules
    ) == ([], 0)


# --- people.com.cn: numbered list pages, templates, split articles -----------------------------


@pytest.fixture(scope="module")
def people_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("people")
    return people.build(root, "http://dangjian.people.com.cn/")


def _html(root: Path, path: str, url: str) -> HtmlResponse:
    return HtmlResponse(url, body=(root / path).read_bytes(), encoding="utf-8")


def test_people_lists_page_by_numbered_links_until_the_last(people_site):
    profile = load_profile("people_dangjian")
    rule = profile.columns[0].pagination
    base = "http://dangjian.people.com.cn/GB/394443/"
    first = _html(people_site.root, "GB/394443/index.html", base)
    entries = extract_list(first.selector, first.url, profile.list)
    assert [e.url for e in entries] == [
        "http://dangjian.people.com.cn/n1/2024/0510/c117092-40725457.html"
    ]
    assert next_page_url(first.selector, first.url, rule) == base + "index2.html"
    last = _html(people_site.root, "GB/394443/index2.html", base + "index2.html")
    assert numbered_page(last.url, rule.pattern or "") == 2
    assert next_page_url(last.selector, last.url, rule) is None  # links index.html, not index3


def test_people_layout_is_chosen_by_its_marker(people_site):
    rules = load_profile("people_cpc").article
    for path, layout in [
        ("n1/2015/0302/c87228-26620001.html", "text_c"),
        ("n1/2024/0501/c87228-40720002.html", "text_title"),
    ]:
        page = _html(people_site.root, path, "http://cpc.people.com.cn/" + path)
        name, chosen = choose_layout(page.selector, rules)
        assert name == layout
        assert chosen is rules.layout(layout)
    assert choose_layout(Selector(text="<div class='other'>x</div>"), rules) == (None, rules)


@requires_shared()
def test_people_split_article_pages_from_the_real_pager():
    page = served_page(
        REAL_PAGES,
        "people_article_3.html",
        url="http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html",
        encoding="utf-8",
    )
    rules = load_profile("people_bare", PROFILES).article
    assert continuation_urls(page.selector, page.url, rules) == [
        f"http://culture.people.com.cn/n1/2019/0615/c1013-31153719-{n}.html" for n in (2, 3, 4)
    ]


# --- each family on real pages ------------------------------------------------------------------


# (test profile, page, layout, how the body was found). ccdi has no div.TRS_Editor: the TRS
# family alone leaves the body to the generic rules there (the ccdi profile names div.content).
FAMILY_PAGES = [
    ("trs_bare", "shanxi-gov_article_1.html", None, "profile"),
    ("trs_bare", "ccdi_article_8.html", None, "heuristic"),
    ("hanweb_demo", "zj-fgw_article_1.html", None, "profile"),
    ("people_bare", "people_article_3.html", "text_title", "profile"),
]


@pytest.fixture(scope="module")
def family_records() -> dict[tuple[str, str], tuple[dict[str, Any] | None, Any]]:
    out = {}
    for site, page, *_ in FAMILY_PAGES:
        spider, pipelines = offline_spider(profile_spider(site), profiles_dir=str(PROFILES))
        page_response = served_page(REAL_PAGES, page, encoding="utf-8")
        record, _ = process_page(spider, page_response, pipelines)
        out[site, page] = record, spider.crawler.stats.get_stats()
    return out


@requires_shared()
@pytest.mark.parametrize(("site", "page", "layout", "body_method"), FAMILY_PAGES)
def test_family_rules_on_real_pages(family_records, site, page, layout, body_method):
    record, stats = family_records[site, page]
    verdicts = {k: v for k, v in compare(record, labels(REAL_PAGES)[page]).items() if v is not None}
    assert all(verdicts.values()), (verdicts, record)
    if layout:
        assert stats.get(f"extract/layout/{layout}") == 1
    assert stats.get(f"extract/body/{body_method}") == 1


async def crawl_mirror(
    module: Any, spider_id: str, tmp_path: Path, profiles: Path = PROFILES
) -> tuple[Any, Any, str]:
    """Crawl a loopback mirror with a test profile: the crawl result, the mirror, its URL."""
    with mirror_site(module, tmp_path / "site") as (mirror, base):
        result = await run_crawl(
            profile_spider(spider_id),
            tmp_path / "out",
            settings={"PROFILES_DIR": str(profiles)},
            base_url=base,
        )
    return result, mirror, base


# --- Hanweb end to end: POST dataproxy windows, XML records --------------------------------------


@pytest.mark.crawl
@pytest_twisted.ensureDeferred
async def test_hanweb_mirror_crawl_pages_the_dataproxy(tmp_path):
    result, mirror, base = await crawl_mirror(hanweb, "hanweb_demo", tmp_path)
    stats = result.stats
    assert stats.get("log_count/ERROR", 0) == 0
    # 投资运行: 5 records in windows of 2 (3 POSTs); 通知公告: 1 record (1 POST).
    assert stats["list/pages"] == 4
    assert stats["downloader/request_method_count/POST"] == 4
    got = {item["url"][len(base) :]: item for item in result.items}
    assert sorted(got) == sorted(mirror.articles)
    for path, expected in mirror.articles.items():
        for name, value in expected.items():
            wanted = (
                [{**a, "url": base + a["url"]} for a in value] if name == "attachments" else value
            )
            assert got[path][name] == wanted, (path, name)


@pytest.mark.crawl
@pytest_twisted.ensureDeferred
async def test_list_of_a_cms_the_profile_does_not_expect_is_reported_once_per_column(
    tmp_path, caplog
):
    # A people.com.cn-family profile pointed at a Hanweb column shell: no entries, no pager.
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "foreign.toml").write_text(
        'id = "foreign"\nname = "外站"\nbase_url = "http://x.example.cn/"\n'
        'allowed_domains = ["x.example.cn"]\nextends = "people_cms"\n'
        '[[columns]]\nname = "甲"\nurl = "col/col1621004/index.html"\n'
        '[[columns]]\nname = "乙"\nurl = "col/col1621005/index.html"\n'
        '[list]\nentry = "div.p2j_list li"\n',
        encoding="utf-8",
    )
    result, _, _ = await crawl_mirror(hanweb, "foreign", tmp_path, profiles)
    assert result.items == []
    assert result.stats["list/empty"] == 2  # one per column, no further pages asked
    assert result.stats["list/pages"] == 2
    warnings = [r.getMessage() for r in caplog.records if "has no entries" in r.getMessage()]
    assert len(warnings) == 2 and {w.rsplit("column ", 1)[1] for w in warnings} == {"甲)", "乙)"}


# --- a list kept in an HTML comment (source "commented_html") ---------------------------------


@pytest.mark.crawl
@pytest_twisted.ensureDeferred
async def test_commented_list_crawl_reads_entries_and_pager_from_the_comment(tmp_path):
    result, mirror, base = await crawl_mirror(commented, "commented_demo", tmp_path)
    stats = result.stats
    assert stats.get("log_count/ERROR", 0) == 0 and stats.get("log_count/WARNING", 0) == 0
    # Both list pages: the container-id-first pager numbers its first page 1, so page 1 of 2
    # leads to zwgklist_2.shtml, and that last page leads nowhere.
    assert stats["list/pages"] == 2 and stats["list/entries"] == 5
    got = {item["url"][len(base) :]: item for item in result.items}
    assert sorted(got) == sorted(mirror.articles)
    for path, expected in mirror.articles.items():
        assert {k: got[path][k] for k in expected} == expected, path


@pytest.mark.crawl
@pytest_twisted.ensureDeferred
async def test_the_same_list_read_as_html_is_empty_and_says_so(tmp_path, caplog):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    text = (PROFILES / "commented_demo.toml").read_text(encoding="utf-8")
    (profiles / "commented_demo.toml").write_text(
        text.replace('source = "commented_html"\n', ""), encoding="utf-8"
    )
    result, _, _ = await crawl_mirror(commented, "commented_demo", tmp_path, profiles)
    assert result.items == []
    assert result.stats["list/empty"] == 1 and result.stats["list/pages"] == 1
    assert any("has no entries" in r.getMessage() for r in caplog.records)


# --- layouts: a page of no known template -------------------------------------------------------


def test_page_of_no_known_layout_falls_back_and_says_so():
    """govcn has four layouts; a page matching none keeps the family's [article] rules (body
    div.TRS_Editor), and a page where those miss too goes generic, counted as drift."""
    spider, pipelines = offline_spider(profile_spider("govcn"))
    text = "　　" + "某地开展基层党建示范活动，成效明显，群众满意度持续提升。" * 3
    page = "<html><body><h1>标题甲乙丙丁</h1><div class='{}'><p>{}</p></div></body></html>"
    pages = {"trs": page.format("TRS_Editor", text), "other": page.format("zw", text + "另一篇。")}
    for name, html in pages.items():
        response = HtmlResponse(
            f"https://www.gov.cn/{name}.htm", body=html.encode(), encoding="utf-8"
        )
        record, reason = process_page(spider, response, pipelines)
        assert reason is None and record is not None and record["body"].startswith("某地")
    stats = spider.crawler.stats.get_stats()
    assert stats["extract/layout/none"] == 2
    assert (stats["extract/body/profile"], stats["extract/body/heuristic"]) == (1, 1)
    assert stats["drift/-/body"] == 1
