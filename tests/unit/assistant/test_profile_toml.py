"""The draft profile: allowed_domains cover the hosts the list's entries are served from;
the pager's settings are written out."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from parsel import Selector

from crawler.assistant.article_draft import suggest_article
from crawler.assistant.list_draft import suggest_list
from crawler.assistant.profile_toml import render_profile
from crawler.site.loading import parse_profile

ARTICLE = (
    "<html><head><title>标题</title></head><body><h1>一篇文章的标题</h1>"
    "<div class='info'>发布时间：2020-05-13</div><div class='content'>"
    + "<p>正文段落的文字内容较长，足以成为正文。</p>" * 8
    + "</div></body></html>"
)


@pytest.mark.parametrize(
    ("hosts", "allowed"),
    [
        (["news.example.com"], ["news.example.com"]),
        (["new.example.com", "news.example.com"], ["news.example.com", "new.example.com"]),
        (["a.news.example.com"], ["news.example.com"]),  # a subdomain is allowed already
    ],
)
def test_allowed_domains_add_the_entries_sibling_hosts(hosts, allowed):
    list_url = "http://news.example.com/col/index.html"
    items = "".join(
        f"<li><a href='http://{host}/a/{n}.html'>第{n}篇文章的标题文字</a></li>"
        for n, host in enumerate(hosts * 3)
    )
    listing = suggest_list(Selector(text=f"<ul class='list'>{items}</ul>"), list_url)
    article_url = f"http://{hosts[0]}/a/0.html"
    article = suggest_article(Selector(text=ARTICLE), article_url)
    text = render_profile("example", article, listing)
    profile = parse_profile(tomllib.loads(text), Path("example.toml"))
    assert list(profile.allowed_domains) == allowed


def test_numbered_pager_is_written_with_its_pattern():
    list_url = "http://news.example.com/col/index.html"
    items = "".join(f"<li><a href='/a/{n}.html'>第{n}篇文章的标题文字</a></li>" for n in range(3))
    pager = "<div class='pages'><span>1</span><a href='index2.html'>2</a></div>"
    listing = suggest_list(Selector(text=f"<ul class='list'>{items}</ul>{pager}"), list_url)
    article = suggest_article(Selector(text=ARTICLE), "http://news.example.com/a/0.html")
    text = render_profile("example", article, listing)
    profile = parse_profile(tomllib.loads(text), Path("example.toml"))
    assert (profile.pagination.strategy, profile.pagination.pattern) == (
        "numbered_link",
        "index{n}.html",
    )


def test_a_list_on_the_home_page_keeps_its_url():
    items = "".join(f"<li><a href='/a/{n}.html'>第{n}篇文章的标题文字</a></li>" for n in range(3))
    listing = suggest_list(Selector(text=f"<ul class='list'>{items}</ul>"), "http://x.com/")
    article = suggest_article(Selector(text=ARTICLE), "http://x.com/a/0.html")
    text = render_profile("example", article, listing)
    profile = parse_profile(tomllib.loads(text), Path("example.toml"))
    assert profile.columns[0].url == "http://x.com/"


def test_a_list_read_from_a_comment_is_written_with_its_source(tmp_path):
    items = "".join(
        f"<li><a href='/c/{n}.shtml'>第{n}号关于课题申报工作的通知</a><b>2025-11-0{n}</b></li>"
        for n in range(1, 4)
    )
    list_page = f"<html><body><ul class='xxgk'><!-- {items} --></ul></body></html>"
    listing = suggest_list(Selector(text=list_page), "http://jyt.example.cn/c/zwgklist.shtml")
    article = suggest_article(Selector(text=ARTICLE), "http://jyt.example.cn/c/1.shtml")
    text = render_profile("jyt", article, listing)
    assert 'source = "commented_html"' in text
    # <title>标题</title> names no site: the draft says the name is the host.
    assert 'name = "jyt.example.cn"  # the host: <title> names no site' in text
    profile = parse_profile(tomllib.loads(text), tmp_path / "jyt.toml")
    assert profile.list.source == "commented_html"
    assert profile.list.entry == "ul.xxgk > li"
