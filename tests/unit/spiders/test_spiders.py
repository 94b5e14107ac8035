"""Profiles are spiders (crawler/spiderloader.py); typed spider arguments (spiders/arguments.py)."""

from __future__ import annotations

import datetime
import gc
import shutil
import weakref
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.settings import Settings
from scrapy.utils import misc
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from crawler.site.loading import PROFILES_DIR, profile_ids
from crawler.spiderloader import ProfileSpiderLoader
from spiders.arguments import (
    ArticleArguments,
    PortalArguments,
    argument_table,
    parse_arguments,
)
from spiders.base import page_selector
from spiders.portal import PortalSpider
from tests.conftest import ROOT
from tests.support.cli import run


def loader(profiles: Path | None = None) -> ProfileSpiderLoader:
    return ProfileSpiderLoader(
        Settings(
            {"SPIDER_MODULES": ["spiders"], "PROFILES_DIR": str(profiles) if profiles else None}
        )
    )


def test_every_profile_is_a_spider_and_article_is_one_too():
    names = loader().list()
    assert set(profile_ids(PROFILES_DIR)) <= set(names)
    assert "article" in names
    spidercls = loader().load("shjcdj")
    assert issubclass(spidercls, PortalSpider) and spidercls.name == "shjcdj"


@pytest.mark.crawl
def test_adding_a_portal_is_adding_one_toml_file(tmp_path):
    profiles = tmp_path / "profiles"
    shutil.copytree(PROFILES_DIR, profiles)
    text = (profiles / "shjcdj.toml").read_text(encoding="utf-8")
    (profiles / "my_portal.toml").write_text(
        text.replace('id = "shjcdj"', 'id = "my_portal"'), encoding="utf-8"
    )
    spidercls = loader(profiles).load("my_portal")
    assert spidercls.name == "my_portal" and spidercls.__name__ == "MyPortalSpider"
    # And from the command line, as a user would see it.
    listed = run(["-m", "scrapy", "list", "-s", f"PROFILES_DIR={profiles}"], ROOT)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "my_portal" in listed.stdout.split()


def test_family_files_and_underscored_files_are_not_portals(tmp_path):
    (tmp_path / "_families").mkdir()
    (tmp_path / "_families" / "trs.toml").write_text("", encoding="utf-8")
    (tmp_path / "_draft.toml").write_text("", encoding="utf-8")
    (tmp_path / "real.toml").write_text("", encoding="utf-8")
    assert profile_ids(tmp_path) == ["real"]


@pytest.mark.crawl
def test_a_spider_module_of_the_same_name_takes_precedence(tmp_path, monkeypatch):
    package = tmp_path / "quirky_spiders"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "shjcdj.py").write_text(
        "from spiders.portal import PortalSpider\n\n\n"
        "class ShjcdjSpider(PortalSpider):\n"
        "    name = 'shjcdj'\n"
        "    quirk = True\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    spiders = ProfileSpiderLoader(Settings({"SPIDER_MODULES": ["quirky_spiders"]}))
    assert getattr(spiders.load("shjcdj"), "quirk", False) is True
    assert "ccdi" in spiders.list()  # the other profiles are still there


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, PortalArguments()),
        ({"max_pages": "3", "full": "1"}, PortalArguments(max_pages=3, full=True)),
        ({"since": "2024-01-02"}, PortalArguments(since=datetime.date(2024, 1, 2))),
        ({"columns": "要闻, 基层党建,"}, PortalArguments(columns=("要闻", "基层党建"))),
        ({"full": "no", "retry_failed": "yes"}, PortalArguments(full=False, retry_failed=True)),
        ({"base_url": ""}, PortalArguments(base_url=None)),
        ({"_job": "abc"}, PortalArguments()),  # scrapyd's job id is Scrapy's business
    ],
)
def test_portal_arguments_parse(given, expected):
    assert parse_arguments(PortalArguments, given) == expected


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"fulll": "1"},
            "fulll: unknown argument (did you mean full?); valid arguments: base_url,",
        ),
        ({"max_pages": "0"}, "max_pages: expected a positive integer, got '0'"),
        ({"max_pages": "three"}, "max_pages: expected a positive integer, got 'three'"),
        ({"since": "2024/01/02"}, "since: expected YYYY-MM-DD, got '2024/01/02'"),
        ({"full": "maybe"}, "full: expected 1 or 0, got 'maybe'"),
        ({"base_url": "not a url"}, "base_url: expected an http(s) address"),
        ({"base_url": "127.0.0.1:8765"}, "base_url: expected an http(s) address"),
        ({"base_url": "htp://127.0.0.1/"}, "base_url: expected an http(s) address"),
        (
            {"base_url": "http://127.0.0.1:99999/"},
            (
                "base_url: expected an http(s) address such as http://127.0.0.1:8000/, got "
                "'http://127.0.0.1:99999/' (not a valid address (Port out of range 0-65535))"
            ),
        ),
    ],
)
def test_bad_arguments_are_one_line_errors(given, message):
    with pytest.raises(ValueError, match=r"^[^\n]*$") as caught:
        parse_arguments(PortalArguments, given)
    assert str(caught.value).startswith(message)


@pytest.mark.crawl
def test_a_misspelled_argument_fails_the_crawl_in_one_line(tmp_path):
    result = run(["-m", "scrapy", "crawl", "shjcdj", "-a", "fulll=1"], tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: fulll: unknown argument (did you mean full?); valid arguments: base_url, "
        + "columns, max_pages, since, full, refresh_days, retry_failed"
    ]


@pytest.mark.parametrize("declaration", [PortalArguments, ArticleArguments])
def test_readme_argument_tables_are_generated_from_the_declarations(declaration):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert argument_table(declaration) in readme


def test_portal_spiders_offer_what_run_extensions_read():
    from crawler.contracts import RunSpider  # noqa: PLC0415
    from spiders.article import ArticleSpider  # noqa: PLC0415

    assert isinstance(PortalSpider.for_profile("shjcdj")(), RunSpider)
    assert not isinstance(ArticleSpider(urls="http://127.0.0.1:9/a.html"), RunSpider)


def test_generator_callbacks_are_bound_once_and_still_serialize(monkeypatch):
    """Scrapy's generator-return check caches per callback object; a fresh bound method per
    request missed it and re-parsed the spider's source. Each parse_* generator is bound once,
    the check reads the source once, and requests still serialize by method name."""
    spidercls = loader().load("shjcdj")
    spider = spidercls.from_crawler(get_crawler(spidercls), base_url="http://127.0.0.1:9/")
    for name in ("parse_article", "parse_list", "parse_continuation"):
        assert getattr(spider, name) is getattr(spider, name), name
    reads = []
    real_getsource = misc.inspect.getsource
    monkeypatch.setattr(misc.inspect, "getsource", lambda f: reads.append(f) or real_getsource(f))
    misc._generator_callbacks_cache.clear()
    for _ in range(3):
        request = Request("http://127.0.0.1:9/a.html", callback=spider.parse_article)
        assert not misc.is_generator_with_return_value(request.callback)
        del request
    assert len(reads) == 1
    as_dict = Request("http://127.0.0.1:9/", callback=spider.parse_list).to_dict(spider=spider)
    assert as_dict["callback"] == "parse_list"
    assert request_from_dict(as_dict, spider=spider).callback == spider.parse_list


@pytest.mark.parametrize(
    ("callback", "page"),
    [
        ("parse_article", "jcdj/202112/t20211220_1013.html"),
        ("parse_list", "jcdj/index.html"),
        ("parse_continuation", "jcdj/202112/t20211220_1013.html"),
    ],
)
def test_a_parsed_page_is_freed_without_the_cycle_collector(callback, page):
    """`response.selector` makes a response <-> Selector cycle: each page and its lxml tree
    waited for the cyclic collector (~1 ms of CPU per article page in a crawl). The
    callbacks parse into a Selector of their own, freed by reference counting alone."""
    spidercls = loader().load("shjcdj")
    spider = spidercls.from_crawler(get_crawler(spidercls), base_url="http://www.shjcdj.cn/")
    body = (ROOT / "crawler" / "demo" / "site" / page).read_bytes()
    response = HtmlResponse(
        f"http://www.shjcdj.cn/{page}", body=body, headers={"Content-Type": "text/html"}
    )
    kwargs = {}
    if callback == "parse_continuation":  # the record of the article's first page travels
        first = HtmlResponse(response.url, body=body, headers={"Content-Type": "text/html"})
        kwargs = {"item": spider.build_item(first), "rest": []}
    freed = weakref.ref(response)
    gc.disable()
    try:
        outputs = list(getattr(spider, callback)(response, **kwargs))
        del response
        assert outputs, "the page yields a record or requests"
        assert freed() is None, "the response outlived its callback: a reference cycle"
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("response_class", "body"),
    [
        (HtmlResponse, b"<html><head><base href='http://x.cn/d/'></head><body>a</body></html>"),
        (XmlResponse, b"<?xml version='1.0'?><rss><item>a</item></rss>"),
        (TextResponse, b'{"a": [1]}'),
    ],
)
def test_page_selector_is_what_response_selector_builds(response_class, body):
    """Same document type and document as the cached property, for every response kind."""
    response = response_class("http://x.cn/a/t1.html", body=body, encoding="utf-8")
    mine, scrapys = page_selector(response), response.selector
    assert mine is not scrapys
    assert (mine.type, mine.get()) == (scrapys.type, scrapys.get())
