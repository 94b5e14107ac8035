"""Safety limits: no page script runs, entities do not expand, names cannot escape folders."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from parsel import Selector

from crawler.extract.article import extract_article
from crawler.paging.scripts import parse_create_page_html
from crawler.site.loading import parse_profile
from crawler.site.model import ProfileError
from tests.conftest import ROOT

BILLION_LAUGHS_DTD = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


@pytest.mark.parametrize("kind", ["html", "xml"])
def test_entities_do_not_expand(kind):
    page = BILLION_LAUGHS_DTD + "<html><body><h1>&lol9;</h1><p>正文</p></body></html>"
    sel = Selector(text=page, type=kind)
    assert len(sel.xpath("string(//h1)").get() or "") < 100


def test_extraction_of_an_entity_bomb_page_is_bounded():
    page = (
        BILLION_LAUGHS_DTD
        + "<html><body><h1>标题&lol9;</h1><div id='zoom'><p>正文</p></div></body></html>"
    )
    fields = extract_article(Selector(text=page), "http://x.cn/a.html")
    assert len(fields.title or "") < 100


def test_pagination_scripts_are_data():
    # Code around or inside the call is never run; only literal arguments are read.
    script = 'createPageHTML(3, 0, "index", "html"); fetch("/steal?c=" + document.cookie);'
    call = parse_create_page_html(script)
    assert call is not None and call.count == 3
    assert parse_create_page_html('createPageHTML(eval("9"), 0, "index", "html")') is None


def _calls(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            names.add(node.func.id)
    return names


def test_no_eval_or_exec_anywhere_in_the_crawler():
    sources = [*ROOT.joinpath("crawler").rglob("*.py"), *ROOT.joinpath("spiders").rglob("*.py")]
    offenders = [str(p) for p in sources if _calls(p) & {"eval", "exec", "compile"}]
    assert offenders == []


@pytest.mark.parametrize("site_id", ["../../etc", "a/b", "x y", "点", ".hidden", ""])
def test_site_ids_that_could_leave_the_output_folder_are_refused(site_id):
    data = {
        "id": site_id,
        "name": "x",
        "base_url": "http://x.cn/",
        "allowed_domains": ["x.cn"],
        "columns": [{"name": "../../栏目", "url": "a/index.html"}],
        "list": {"entry": "li"},
    }
    with pytest.raises(ProfileError, match="id"):
        parse_profile(data, Path("bad.toml"))


def test_output_paths_use_only_the_spider_name_and_run_id():
    # Column names and titles are data from the portal; they never become file names.
    from crawler import settings  # noqa: PLC0415

    templates = [*settings.FEEDS, settings.REJECTS_URI, settings.FAILED_URI, settings.REPORT_URI]
    for template in templates:
        placeholders = {part.split(")")[0] for part in template.split("%(")[1:]}
        assert placeholders <= {"name", "run_id"}, template
