"""The list half of the assistant's draft on short synthetic list pages: which group of
entries it picks, which link of an entry is the article, and what it reads as the pager."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.assistant.list_draft import ListDraft, _child_step, suggest_list
from crawler.site.selectors import select

URL = "http://news.example.com.cn/col/index.html"


def _items(template: str, count: int) -> str:
    return "".join(template.format(n=n) for n in range(1, count + 1))


def _draft(body: str, url: str = URL, body_attrs: str = "") -> ListDraft:
    draft = suggest_list(Selector(text=f"<html><body{body_attrs}>{body}</body></html>"), url)
    assert draft is not None
    return draft


# One page per case (<body> attributes, body), the expected entry count and first entry.
ENTRY_CASES = {
    "entries on a sibling host of the same site": (
        "",
        "<ul class='nav'><li><a href='/a.html'>首页</a></li>"
        "<li><a href='/b.html'>要闻</a></li></ul>"
        "<ul class='list'>"
        + _items(
            "<li><a href='http://new.example.com.cn/omn/{n}.html'>第{n}条新闻标题较长一些</a></li>",
            4,
        )
        + "</ul>",
        4,
        ("http://new.example.com.cn/omn/1.html", "第1条新闻标题较长一些"),
    ),
    "a picture link before the headline link to the same article": (
        "",
        "<ul class='list'>"
        + _items(
            "<li class='item'><a class='picture' href='/p/{n}.html'><img src='/i/{n}.jpg'></a>"
            "<div class='detail'><h3><a href='/p/{n}.html'>图文新闻第{n}条的标题</a></h3>"
            "<a class='source' href='/author/{n}'>某某日报</a><a class='cmt' href='/c/{n}'>12</a>"
            "</div></li>",
            3,
        )
        + "</ul>",
        3,
        ("http://news.example.com.cn/p/1.html", "图文新闻第1条的标题"),
    ),
    "a category link before the headline": (
        "",
        "<ul class='list_txt'>"
        + _items(
            "<li><span class='time'>(2020-08-16 22:0{n}:00)</span>"
            "<a class='cat' href='http://news.example.com.cn/shehui/'>[社会]</a> "
            "<a href='/20/0816/{n}.html'>滚动新闻第{n}条标题</a></li>",
            3,
        )
        + "</ul>",
        3,
        ("http://news.example.com.cn/20/0816/1.html", "滚动新闻第1条标题"),
    ),
    "body marked with a header state by script": (
        " class='scrollHeader'",
        "<div class='main'><ul class='fixed'>"
        + _items(
            "<li><h2><a href='/Upload/File/{n}.pdf'>基金公告第{n}号的标题</a></h2>"
            "<i>2020-04-2{n}</i></li>",
            3,
        )
        + "</ul></div>",
        3,
        ("http://news.example.com.cn/Upload/File/1.pdf", "基金公告第1号的标题"),
    ),
}


@pytest.mark.parametrize(
    ("body_attrs", "body", "count", "first"), ENTRY_CASES.values(), ids=ENTRY_CASES.keys()
)
def test_entry_group_and_entry_link(body_attrs, body, count, first):
    draft = _draft(body, body_attrs=body_attrs)
    assert len(draft.entries) == count
    assert (draft.entries[0].url, draft.entries[0].title) == first


def test_menu_with_drop_downs_loses_to_the_column_list():
    menu = (
        "<ul class='menus'>"
        + _items(
            "<li><a href='/m{n}/x.html'>栏目{n}</a><div><a href='/m{n}/a.html'>子栏目一</a>"
            "<a href='/m{n}/b.html'>子栏目二</a><a href='/m{n}/c.html'>子栏目三</a></div></li>",
            6,
        )
        + "</ul>"
    )
    listing = (
        "<ul class='news'>"
        + _items(
            "<li><a href='/n/{n}.html'>本栏目的第{n}篇文章标题</a>"
            "<a class='src' href='/src/{n}.html'>某报</a></li>",
            4,
        )
        + "</ul>"
    )
    draft = _draft(menu + listing)
    assert [e.url for e in draft.entries] == [
        f"http://news.example.com.cn/n/{n}.html" for n in range(1, 5)
    ]


def test_rich_entries_with_source_and_comment_links_beat_a_short_bare_list():
    # Each news entry carries a source and a comment-count link beside its headline; a
    # smaller box of bare headline links sits beside it (a 今日话题 sidebar).
    topics = (
        "<ul class='topics'>"
        + _items("<li><a href='/t/{n}.html'>话题第{n}条的标题文字</a></li>", 4)
        + "</ul>"
    )
    news = (
        "<ul class='news'>"
        + _items(
            "<li><h3><a href='/n/{n}.html'>要闻第{n}条新闻的标题文字较长</a></h3>"
            "<a class='source' href='/src/{n}'>某某</a><a class='cmt' href='/cmt/{n}'>12</a></li>",
            6,
        )
        + "</ul>"
    )
    draft = _draft(topics + news)
    assert len(draft.entries) == 6
    assert draft.entries[0].url == "http://news.example.com.cn/n/1.html"


def _block(first: int, count: int = 5) -> str:
    return "".join(
        f"<li><a href='/a/{n}.html'>滚动新闻第{n}条的标题</a><span>2020-08-16</span></li>"
        for n in range(first, first + count)
    )


CHUNK_CASES = {
    # Blocks of five wrapped twice, an empty separator between them.
    "div.cnt > ul blocks with spacers": (
        "<div id='panel'>"
        + "<span class='hr'></span>".join(
            f"<div class='cnt'><span class='blank'></span><ul class='list_txt'>{_block(n)}"
            "</ul></div>"
            for n in (1, 6, 11)
        )
        + "<div class='pages'><a href='/a/index_2.html'>2</a></div></div>",
        "#panel > div.cnt > ul.list_txt > li",
        15,
    ),
    # Sibling <ul> blocks of five in one box.
    "sibling ul blocks": (
        "<div class='list_box'>"
        + "".join(f"<ul class='list_ej'>{_block(n)}</ul>" for n in (1, 6))
        + "</div>",
        "div.list_box > ul.list_ej > li",
        10,
    ),
}


@pytest.mark.parametrize(
    ("body", "entry_css", "count"), CHUNK_CASES.values(), ids=CHUNK_CASES.keys()
)
def test_a_list_split_in_blocks_is_one_list(body, entry_css, count):
    draft = _draft(body)
    assert draft.rules.entry == entry_css
    assert [e.url for e in draft.entries] == [
        f"http://news.example.com.cn/a/{n}.html" for n in range(1, count + 1)
    ]


APART_CASES = {
    # Two sidebar boxes (热点排行, 推荐阅读) of the same shape are two lists, not one.
    "boxes with headings": ("<h3>{name}</h3>", ""),
    "bare blocks with a link between": ("", "<p class='more'><a href='/more.html'>更多</a></p>"),
    "bare blocks with text between": ("", "<div class='ad'>广告</div>"),
}


@pytest.mark.parametrize(("heading", "between"), APART_CASES.values(), ids=APART_CASES.keys())
def test_blocks_with_headings_or_text_between_stay_apart(heading, between):
    boxes = between.join(
        f"<div class='box'>{heading.format(name=name)}<ul class='list'>{_block(n)}</ul></div>"
        for name, n in (("热点排行", 1), ("推荐阅读", 6))
    )
    assert len(_draft(f"<div class='side'>{boxes}</div>").entries) == 5


PAGER_CASES = {
    "a hash-routed 下一页": (
        "<a href='#page=2'>2</a><a href='#page=3'>3</a><a href='#page=2'>下一页</a>",
        "none",
        URL + "#page=2",
    ),
    "a hash-routed pager with other parameters": (
        "<a class='next' href='#col=89&amp;num=60&amp;page=2'></a>",
        "none",
        URL + "#col=89&num=60&page=2",
    ),
    "a '#' placeholder": ("<a href='#'>下一页</a>", "none", None),
    "a fragment that names no page": ("<a href='#top'>下一页</a>", "none", None),
    "numbered fragments without a next link": ("<a href='#page=2'>2</a>", "none", None),
    "a real next link wins over a fragment": (
        "<a href='#page=2'>下一页</a><a href='index_1.html'>下一页</a>",
        "next_link",
        "http://news.example.com.cn/col/index_1.html",
    ),
}


@pytest.mark.parametrize(
    ("pager", "strategy", "next_url"), PAGER_CASES.values(), ids=PAGER_CASES.keys()
)
def test_pager(pager, strategy, next_url):
    draft = _draft(f"<ul class='list'>{_block(1)}</ul><div class='pages'>{pager}</div>")
    assert (draft.pagination.strategy, draft.next_url) == (strategy, next_url)


@pytest.mark.parametrize(
    ("container", "step"),
    [
        ("div.list", " > li.item"),
        (
            "/html/body/*[name()='x:y']/div",
            "/li[contains(concat(' ', normalize-space(@class), ' '), ' item ')]",
        ),
    ],
)
def test_entry_step_follows_css_or_xpath(container, step):
    # An XPath container (the last-resort selector of broken pages) takes an XPath step.
    sel = Selector(
        text="<html><body><x:y><div class='list'><li class='item a'>1</li>"
        "<li class='item b'>2</li><li>3</li></div></x:y></body></html>"
    )
    items = [m.root for m in select(sel, "li.item")]
    assert _child_step(container, items) == step
    assert [m.root for m in select(sel, container + step)] == items


COMMENTED_CASES = {
    "a server rendering commented out in an empty list": (
        (
            "<ul class='xxgk'><!-- <li><a href='/c/1.shtml'>通知一</a><b>2025-11-17</b></li>"
            "<li><a href='/c/2.shtml'>通知二</a></li> --></ul>"
        ),
        {"commented ul.xxgk"},
    ),
    "a script template's placeholders": (
        (
            "<div class='tpl'><!-- <# for (…) { #><li><a href='<#=item.url#>'>x</a></li>"
            "<li><a href='{{url}}'>y</a></li><# } #> --></div>"
        ),
        set(),
    ),
    "a commented-out item beside live ones": (
        (
            "<ul class='nav'><li><a href='/a.html'>甲</a></li>"
            "<!-- <li><a href='/b.html'>乙</a></li><li><a href='/c.html'>丙</a></li> --></ul>"
        ),
        set(),
    ),
}


@pytest.mark.parametrize(("extra", "keys"), COMMENTED_CASES.values(), ids=COMMENTED_CASES.keys())
def test_a_list_left_in_a_comment_is_noted_not_read(extra, keys):
    draft = _draft(f"<ul class='list'>{_block(1)}</ul>{extra}")
    assert {k for k in draft.notes if k.startswith("commented")} == keys
    assert len(draft.entries) == 5  # the commented links are never entries


def test_a_page_whose_only_list_is_in_a_comment_is_drafted_from_the_comment():
    # jyt.gansu.gov.cn's 信息公开 columns: the list element holds nothing but the commented
    # server rendering, its pager call inside; the DOM has no list at all.
    entries = _items(
        "<li><a target='_blank' href='/jyt/c110634/20250{n}/17424{n}.shtml' "
        "title='关于开展第{n}批课题申报工作的通知'>关于开展第{n}批课题申报工作的通知</a>"
        "<b>2025-0{n}-17</b></li>",
        3,
    )
    draft = _draft(
        "<div class='zfxxgk_zdgktit'><a>文件通知</a></div><div class='zfxxgk_zdgkc'>"
        f"<ul class='jytxxgklist'><!-- {entries} <div id='page_div'></div><script>"
        "createPageHTML('page_div',10, 1,'zwgklist','shtml',200);</script> --></ul></div>",
        "http://jyt.example.cn/jyt/c110634/zwgklist.shtml",
    )
    assert draft.rules.source == "commented_html"
    assert draft.rules.entry == "ul.jytxxgklist > li"
    assert [(e.url, e.date_raw) for e in draft.entries][::2] == [
        ("http://jyt.example.cn/jyt/c110634/202501/174241.shtml", "2025-01-17"),
        ("http://jyt.example.cn/jyt/c110634/202503/174243.shtml", "2025-03-17"),
    ]
    assert set(draft.notes) == {"source", "pagination"}
    # The pager a browser shows (none: page_div is in the comment too) is the draft's.
    assert draft.pagination.strategy == "none" and draft.next_url is None


def test_a_commented_list_loses_to_any_list_the_page_shows():
    draft = _draft(
        f"<ul class='list'>{_block(1)}</ul><ul class='old'><!-- "
        "<li><a href='/b.html'>乙通知的标题</a></li><li><a href='/c.html'>丙通知的标题</a></li>"
        " --></ul>"
    )
    assert draft.rules.source == "html" and len(draft.entries) == 5
