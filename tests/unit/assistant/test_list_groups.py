"""Finding a list page's entry groups: which hosts are one site, what is furniture, and
which commented markup is a list left for a script."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.assistant.list_groups import candidate_groups, commented_lists, site_domain

URL = "http://www.example.gov.cn/col/index.html"


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("news.qq.com", "qq.com"),
        ("new.qq.com", "qq.com"),
        ("dy.163.com", "163.com"),
        ("www.ccdi.gov.cn", "ccdi.gov.cn"),
        ("jyt.gansu.gov.cn", "gansu.gov.cn"),
        ("www.gov.cn", "gov.cn"),
        ("roll.news.sina.com.cn", "sina.com.cn"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
    ],
)
def test_site_domain(host, domain):
    assert site_domain(host) == domain


@pytest.mark.parametrize(
    ("html", "found"),
    [
        (
            (
                "<ul class='xxgk'><!-- <li><a href='/c/1.shtml'>一</a></li>"
                '<li><a href="/c/2.shtml">二</a></li> --></ul>'
            ),
            [("ul.xxgk", 2)],
        ),
        ("<ul class='xxgk'><!-- <li><a href='/c/1.shtml'>一</a></li> --></ul>", []),
        (
            (
                "<ul class='x'><li>live</li>"
                "<!-- <a href='/1.html'>1</a><a href='/2.html'>2</a> --></ul>"
            ),
            [],
        ),
    ],
)
def test_commented_lists(html, found):
    assert commented_lists(Selector(text=f"<html><body>{html}</body></html>")) == found


@pytest.mark.parametrize("marker", ["nav1", "dl_nav01", "menu3", "full_nav1", "topNav2"])
def test_numbered_furniture_copies_hold_no_entries(marker):
    menu = (
        f"<div class='{marker}'><ul>"
        + "".join(
            f"<li><a href='/c{n}/a.html'>栏目名称第{n}个较长的名字</a></li>" for n in range(6)
        )
        + "</ul></div>"
    )
    groups = candidate_groups(Selector(text=f"<html><body>{menu}</body></html>").root, URL)
    assert groups == []


def test_a_list_whose_class_only_looks_like_furniture_is_kept():
    # 'topic', 'navigation-free' words: whole-word markers only.
    items = "".join(f"<li><a href='/a/{n}.html'>文章标题{n}</a></li>" for n in range(3))
    html = f"<html><body><div class='topic_list'><ul>{items}</ul></div></body></html>"
    assert len(candidate_groups(Selector(text=html).root, URL)[0].members) == 3


def test_an_unparseable_link_is_no_entry():
    # urljoin raises ValueError on an unclosed IPv6 bracket: that link is skipped, the
    # list is still found.
    items = "".join(f"<li><a href='/a/{n}.html'>文章标题{n}</a></li>" for n in range(3))
    bad = "<li><a href='http://[x/a.html'>文章标题</a></li>"
    html = f"<html><body><ul>{bad}{items}</ul></body></html>"
    assert len(candidate_groups(Selector(text=html).root, URL)[0].members) == 3
