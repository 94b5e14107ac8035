"""crawler.generic heuristics on small inline HTML snippets (the markup real pages use)."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract import generic, reporters, titles
from crawler.extract.article import extract_article
from crawler.extract.scan import page_scan
from crawler.extract.text import inline_text
from crawler.normalize.dates import url_date

BODY_TEXT = "　　" + "这是正文的一段文字，内容足够长，用于让正文识别找到这个容器。" * 3


def _root(html: str):
    return Selector(text=html).root


def _page(head: str, header: str, body_paragraphs: list[str], after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body_paragraphs)
    return (
        f"<html><head>{head}</head><body><div class='main'>{header}"
        f"<div class='TRS_Editor'>{paragraphs}</div>{after}</div></body></html>"
    )


# --- guess_title ---------------------------------------------------------------------------


def test_title_heading_above_byline_beats_column_title() -> None:
    # <title> names only the column and site; the h2 has no agreement with it but sits
    # right above its labelled 来源/发布时间 line.
    html = _page(
        "<title>评论——某某网站</title>",
        "<h2 class='tit'>广安观潮丨某某评论标题</h2>"
        "<div><em>来源：某某网站</em><em>发布时间：2022-05-07 07:00</em></div>",
        [BODY_TEXT],
    )
    title, el, how = generic.guess_title(_root(html))
    assert (title, how) == ("广安观潮丨某某评论标题", "heuristic")
    assert el is not None and el.tag == "h2"


def test_title_empty_heading_with_moved_paragraph() -> None:
    # '<h2><p>…<br>…</p></h2>' is split by the parser into '<h2></h2><p>…</p>'.
    html = _page(
        "<title>引题文字很长主标题文字————要闻——某某网站</title>",
        "<h2 class='tit'><p><span>引题文字很长</span><br>主标题文字</p></h2>"
        "<h3><em>来源：某某网站</em><em>发布时间：2024-01-03 06:40</em></h3>",
        [BODY_TEXT],
    )
    title, el, _ = generic.guess_title(_root(html))
    assert title == "引题文字很长 主标题文字"
    assert el is not None and el.tag == "p"


def test_title_plain_element_that_prefixes_doc_title() -> None:
    # No heading tag, no title class: a styled span whose text starts <title>.
    html = _page(
        "<title>中华人民共和国某某法-纪检</title>",
        "<table><tr><td><span class='STYLE8'>中华人民共和国某某法</span></td></tr>"
        "<tr><td>来源: | 发布时间: 2018-05-17</td></tr></table>",
        ["中华人民共和国某某法", BODY_TEXT],
    )
    title, el, _ = generic.guess_title(_root(html), None)
    assert title == "中华人民共和国某某法"
    assert el is not None and el.tag == "span"


def test_title_class_matched_in_any_case() -> None:
    html = _page(
        "<title>某某街道开展调研工作 某某办事处_某某网</title>",
        "<span class='Title'><b>某某街道开展调研工作</b></span><br>来源于：某某办事处",
        [BODY_TEXT],
    )
    assert generic.guess_title(_root(html))[0] == "某某街道开展调研工作"


def test_title_in_article_header_box() -> None:
    # A box called 'header' holds the headline; it is not page furniture for titles.
    html = _page(
        "<title>法国大罢工影响交通-某某网</title>",
        "<div class='header'><div class='h-title'>法国大罢工影响交通</div>"
        "<span>2019-12-10 07:57:40</span><span>来源：<em>某某网</em></span></div>",
        [BODY_TEXT],
    )
    assert generic.guess_title(_root(html))[0] == "法国大罢工影响交通"


def test_title_copy_inside_body_loses_to_header_copy() -> None:
    html = _page(
        "<title>某某条例全文-某单位</title>",
        "<div><span class='s1'>某某条例全文</span></div><div>发布时间: 2018-05-17</div>",
        ["某某条例全文", BODY_TEXT],
    )
    root = _root(html)
    body = generic.guess_body(root)
    _, el, _ = generic.guess_title(root, body)
    assert el is not None and el.get("class") == "s1"


@pytest.mark.parametrize(
    ("doc_title", "expected"),
    [
        pytest.param("中华人民共和国监察法-纪检", "中华人民共和国监察法", id="bare-hyphen-site"),
        pytest.param(
            "1-10月某县固定资产投资趋稳", "1-10月某县固定资产投资趋稳", id="hyphen-in-title"
        ),
        pytest.param(
            "深度关注 | 紧盯节点 - 某某网站", "深度关注 | 紧盯节点", id="separator-in-title"
        ),
        pytest.param("很长很长的一个标题_栏目_站点", "很长很长的一个标题", id="column-and-site"),
        pytest.param(
            "关于批准某某事项调整某某限额的决议__2007年第23号公报_某某网",
            "关于批准某某事项调整某某限额的决议",
            id="double-underscore",
        ),
        pytest.param("标题文字很长__", "标题文字很长", id="trailing-separator"),
        pytest.param("评论——某某网站名称", "评论——某某网站名称", id="column-only-kept"),
    ],
)
def test_title_without_suffix(doc_title: str, expected: str) -> None:
    html = f"<html><head><title>{doc_title}</title></head><body><p>x</p></body></html>"
    assert generic.guess_title(_root(html))[0] == expected


# --- header and trailer bands ---------------------------------------------------------------


def test_header_band_separates_widget_text_from_source() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><div>2020年07月04日 12:10　来源：求是网<a href='#'>参与互动</a></div>"
        "<div><span>来源: 长江网</span><span>调整字体</span></div>",
        [BODY_TEXT],
    )
    root = _root(html)
    title_el = root.xpath("//h1")[0]
    band = generic.header_band(root, title_el, generic.guess_body(root))
    assert generic.guess_byline(band, "")["source"] == "求是网"
    assert "来源: 长江网  调整字体" in band


def test_header_band_keeps_labelled_value_in_next_element() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><div>来源：<a href='/'>人民日报</a> 作者：<b>张三</b></div>",
        [BODY_TEXT],
    )
    root = _root(html)
    band = generic.header_band(root, root.xpath("//h1")[0], generic.guess_body(root))
    parts = generic.guess_byline(band, "")
    assert (parts["source"], parts["author"]) == ("人民日报", "张三")


def test_header_band_reads_tail_of_script_but_not_hidden_or_alt() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><div><script>counter()</script>来源: | 发布时间: 2018-05-17</div>"
        "<div style='display:none'>发布时间：2001-01-01</div>"
        "<span alt='时间：2017-11-08 20:26'><i>时间：</i>2019-09-18 06:23</span>",
        [BODY_TEXT],
    )
    root = _root(html)
    band = generic.header_band(root, root.xpath("//h1")[0], generic.guess_body(root))
    assert "2018-05-17" in band
    assert "2001-01-01" not in band
    assert "2017-11-08" not in band
    assert "counter" not in band


# --- body text: headline copies and bylines inside the body ---------------------------------


@pytest.mark.parametrize(
    ("lines", "title", "expected"),
    [
        pytest.param(["标题文字", "正文。"], "标题文字", ["正文。"], id="one-line"),
        pytest.param(
            ["某某常务委员会", "关于批准某事的", "决议", "（2007年6月29日某某会议通过）", "正文。"],
            "某某常务委员会关于批准某事的决议",
            ["正文。"],
            id="broken-title-and-adoption-note",
        ),
        pytest.param(["标题文字"], "标题文字", ["标题文字"], id="title-is-whole-body-kept"),
        pytest.param(["标题", "正文。"], "标题", ["标题", "正文。"], id="too-short-title"),
        pytest.param(["正文。", "标题文字"], "标题文字", ["正文。", "标题文字"], id="not-leading"),
        pytest.param(
            ["（2007年6月29日通过）", "正文。"],
            "标题文字",
            ["（2007年6月29日通过）", "正文。"],
            id="adoption-note-without-title-kept",
        ),
    ],
)
def test_drop_title_lines(lines: list[str], title: str, expected: list[str]) -> None:
    assert generic.drop_title_lines(lines, title) == expected


@pytest.mark.parametrize(
    ("first", "source", "author"),
    [
        pytest.param("某某监委网站\xa0李鹃", "某某监委网站", "李鹃", id="source-and-name"),
        pytest.param("某某监委网站 曹溢 陆丽环", "某某监委网站", "曹溢 陆丽环", id="two-names"),
        pytest.param("作者：张三", None, "张三", id="labelled"),
        pytest.param("文/李四", None, "李四", id="slash"),
        pytest.param("本报记者 王五", None, "王五", id="reporter"),
        pytest.param("某某监委网站 李鹃", "其他网站", None, id="unknown-source"),
        pytest.param("某某监委网站 通报了十起典型问题", "某某监委网站", None, id="prose"),
        pytest.param("编者按：突如其来的疫情", "求是网", None, id="editor-note"),
    ],
)
def test_lead_byline(first: str, source: str | None, author: str | None) -> None:
    found, rest = generic.lead_byline([first, "正文。"], source)
    assert found == author
    assert rest == (["正文。"] if author else [first, "正文。"])


@pytest.mark.parametrize(
    ("first", "author"),
    [
        ("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发", "唐霁"),
        ("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半", "陈智"),
        ("本报讯（记者张三、李四）近日", "张三、李四"),
        ("本站讯（职工通讯员 李琴雯 刘会）为深入推进", None),
        ("记者从会议上获悉（记者会现场）", None),
    ],
)
def test_dateline_author(first: str, author: str | None) -> None:
    assert generic.dateline_author([first, "正文。"]) == author


@pytest.mark.parametrize(
    ("last", "source", "author"),
    [
        ("(作者：方敏北京大学经济学院教授)", None, "方敏北京大学经济学院教授"),
        ("（某某监委网站 斯凌整理）", "某某监委网站", "斯凌"),
        ("南美站活动将先后在巴西举行。（张巨峰）", None, "张巨峰"),
        ("总体全县投资结构趋稳趋优。（德清县发改局）", None, None),
        ("消息发布。（新华社）", None, None),
        ("消息发布。（央视新闻）", None, None),
        ("消息发布。（据新华社）", None, None),
        ("故事讲完了。（全文完）", None, None),
        ("（资料来源：参考消息、海外网等）", None, None),
        ("（某某监委网站 斯凌整理）", "其他网站", None),
    ],
)
def test_closing_author(last: str, source: str | None, author: str | None) -> None:
    assert generic.closing_author(["正文。", last], source) == author


# --- extract_article on snippets --------------------------------------------------------------


def _extract(html: str):
    return extract_article(Selector(text=html), "http://example.gov.cn/a/t20240105_1.html")


def test_extract_byline_paragraph_and_visible_time() -> None:
    html = _page(
        "<title>评论——某某网站</title><meta name='PubDate' content='2022-05-07 07:05'>",
        "<h2 class='tit'>某某评论的标题文字</h2>"
        "<div><em>来源：某某网站</em><em>发布时间：\n   2022-05-07 07:00\n</em></div>",
        ["某某网站&nbsp;李鹃", BODY_TEXT],
    )
    fields = _extract(html)
    assert fields.title == "某某评论的标题文字"
    assert fields.published_raw == "2022-05-07 07:00"  # visible beats meta PubDate
    assert (fields.source, fields.author) == ("某某网站", "李鹃")
    assert fields.body is not None and fields.body.startswith("　　这是正文")


def test_extract_editor_from_slash_credit_line() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><div>来源：本站原创</div>",
        [BODY_TEXT, "某党支部供稿 摄影/张艳 编辑/苏芳"],
    )
    assert _extract(html).editor == "编辑/苏芳"


def test_moved_heading_only_for_empty_headings() -> None:
    root = _root("<html><body><h2>有字</h2><p>段落文字</p></body></html>")
    h2 = root.xpath("//h2")[0]
    assert [inline_text(part) for part in titles._heading_parts(h2)] == ["有字"]


# --- furniture-named article wrappers and headline boxes --------------------------------------


@pytest.mark.parametrize(
    "wrapper",
    [
        "<div class='blq-int-nav blq-container'>",  # an outer wrapper named 'nav'
        "<div class='js_img_share_area'>",  # the article text in a 'share' hook
        "<div class='panel panel-list-border'>",  # Bootstrap panel named 'list'
    ],
)
def test_body_inside_furniture_named_wrapper_found(wrapper: str) -> None:
    html = (
        "<html><head><title>标题文字-某网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/a'>要闻</a></div>"
        f"{wrapper}<h1>标题文字</h1><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p></div>"
        "<div class='comment'><p>评论</p></div></body></html>"
    )
    body = generic.guess_body(_root(html))
    assert body is not None and BODY_TEXT.strip() in inline_text(body)


def test_body_outside_furniture_preferred_over_named_box() -> None:
    # Text outside furniture-named boxes exists: the 'comment' box is never the body.
    comment = "这是一条很长的评论文字，比正文还要长一些。" * 7
    side = "侧栏里的一段介绍文字，不是正文。" * 6
    html = (
        "<html><body><div class='comment'><p>" + comment + "</p></div>"
        "<div class='content'><p>" + BODY_TEXT + "</p></div>"
        "<div class='side'><p>" + side + "</p></div></body></html>"
    )
    body = generic.guess_body(_root(html))
    assert body is not None and body.get("class") == "content"


def test_title_heading_box_under_empty_doc_title() -> None:
    # No <title> text, no <h1>: a box whose class says Heading is the headline.
    html = (
        "<html><head><title></title></head><body><div class='Function'>推荐</div>"
        "<div class='Heading'>某某合资内幕 全面合作项目即将展开</div>"
        "<div class='Date'>2005-07-18 13:03:17</div>"
        f"<table><tr><td class='Content'><p>{BODY_TEXT}</p></td></tr></table></body></html>"
    )
    root = _root(html)
    assert generic.guess_title(root, generic.guess_body(root))[0] == (
        "某某合资内幕 全面合作项目即将展开"
    )


# --- reporter credits at the edges of the body ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "source", "names"),
    [
        ("本报记者罗科苏盈发自北京", None, "罗科苏盈"),
        ("新京报记者 陆一夫", None, "陆一夫"),
        ("《棱镜》作者 周纯", None, "周纯"),
        ("顶端新闻·河南商报记者马俊峰/文受访者供图", None, "马俊峰"),
        ("作者：《中国企业家》记者 林涛", None, "林涛"),
        ("执笔/叨叨姐、胡一刀&李小飞刀", None, "叨叨姐、胡一刀&李小飞刀"),
        ("原创： 路闻卓立编译 人民币交易与研究", None, "路闻卓立"),
        ("（记者 张三 通讯员 李四）", None, "张三"),
        ("（姚峰 上海报道）", None, "姚峰"),
        ("(文/图 刘玺东 易赛楠)", None, "刘玺东 易赛楠"),
        ("某某监委网站 曹溢 自江西报道", "某某监委网站", "曹溢"),
        ("本报记者获悉", None, None),
        ("记者从会议上获悉", None, None),
        ("姚峰 上海报道", None, None),  # only in brackets
        ("记者近日走访了多家企业，发现情况有所好转。", None, None),
    ],
)
def test_credit_names(line: str, source: str | None, names: str | None) -> None:
    assert reporters.credit_names(line, source) == names


def test_lead_credit_drops_headline_lines_above_it() -> None:
    lines = ["引题文字", "主标题文字", "某某监委网站 吴晶 薛鹏", "正文第一段。"]
    assert reporters.lead_credit(lines, "某某监委网站") == ("吴晶 薛鹏", ["正文第一段。"])
    lines = ["划重点：", "第一点内容。", "《棱镜》作者 周纯", "正文。"]
    assert reporters.lead_credit(lines, None) == ("周纯", ["划重点：", "第一点内容。", "正文。"])


@pytest.mark.parametrize(
    ("lines", "names"),
    [
        (["正文。", "新京报记者 陆一夫", "编辑 刘晓阳 校对 李铭"], "陆一夫"),
        (["正文。", "推动作用。（总台记者 张倩）"], "张倩"),
        (["正文。", "本文来源：中国证券报 作者：王小伟"], "王小伟"),
        (["新京报记者 陆一夫", "正文在最后。"], None),
    ],
)
def test_closing_credit(lines: list[str], names: str | None) -> None:
    assert reporters.closing_credit(lines, None) == names


def test_byline_fields_missing_above_are_read_below() -> None:
    parts = generic.guess_byline("2015-07-04 来源: 某某报", "本文来源：某某报 作者：王小伟")
    assert (parts["source"], parts["author"]) == ("某某报", "王小伟")
    assert generic.guess_byline("", "作者：未知  责任编辑：某某")["author"] is None


def test_empty_label_closing_its_block_stays_empty() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1>",
        [BODY_TEXT],
        after="<ul><li>来源：某某商报 作者：</li>"
        "<li><b>转载请注明：</b><a href='/'>标题</a></li></ul>",
    )
    root = _root(html)
    band = generic.trailer_band(generic.guess_body(root))
    assert generic.guess_byline("", band)["author"] is None


def test_author_box_above_body() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><p class='author-name'>某某之家</p>",
        [BODY_TEXT],
        after="<div class='show_author'>责任编辑：张三</div>",
    )
    root = _root(html)
    chrome = generic.page_chrome(root)
    body = generic.guess_body(root, chrome)
    assert generic.guess_author_box(root, chrome, body) == "某某之家"
    assert _extract(html).author == "某某之家"


# --- 来源 without a label -----------------------------------------------------------------------


def test_source_box_innermost() -> None:
    html = _page(
        "<title>标题文字-某网</title>",
        "<h1>标题文字</h1><div class='date-source'><span class='date'>2019年11月25日 18:57"
        "</span><a class='source' href='http://x.example/'>某某消息</a></div>",
        [BODY_TEXT],
    )
    root = _root(html)
    assert generic.guess_source_box(root, generic.page_chrome(root)) == "某某消息"


@pytest.mark.parametrize(
    ("header", "source"),
    [
        ("某某社  2020-01-03 18:13", "某某社"),
        ("2019-09-26 10:56:28  证券时报网  分享", "证券时报网"),
        ("http://www.sina.net 2005年03月21日 11:21  《理财周刊》", "《理财周刊》"),
        ("华夏人文  2020-03-09 18:14:21", None),  # a person or column, not an outlet
        ("2020-03-09  阅读：12", None),
    ],
)
def test_source_next_to_date(header: str, source: str | None) -> None:
    assert generic.guess_source_by_date(header) == source


# --- round 3: URL dates, wrappers holding the body, low headings, the shared scan -------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://zgjjjc.ccdi.gov.cn/bqml/bqxx/202307/t20230715_275589.html", "2023-07-15"),
        ("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.htm", "2016-11-22"),
        ("http://dangjian.people.com.cn/n1/2026/0522/c117092-40725457.html", "2026-05-22"),
        ("https://www.gov.cn/zhengce/2023-07/15/content_5691234.htm", "2023-07-15"),
        ("http://example.gov.cn/202313/t20231345_1.html", None),  # not a calendar day
        ("https://readhub.cn/topic/7PM49H7yjs5", None),
        (None, None),
    ],
)
def test_url_date(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected


def test_url_date_only_when_the_page_shows_none() -> None:
    url = "http://zgjjjc.ccdi.gov.cn/bqml/bqxx/202307/t20230715_275589.html"
    undated = _page("<title>标题文字--某杂志</title>", "<h1>标题文字</h1>", [BODY_TEXT])
    fields = extract_article(Selector(text=undated), url)
    assert (fields.published_raw, fields.methods["published_raw"]) == ("2023-07-15", "url")
    header = "<h1>标题文字</h1><p>发布时间：2023-07-20</p>"
    dated = _page("<title>标题文字--某杂志</title>", header, [BODY_TEXT])
    fields = extract_article(Selector(text=dated), url)
    assert fields.published_raw == "2023-07-20"


def test_headline_inside_furniture_named_wrapper_of_the_body() -> None:
    # `<div class="panel panel-list-border">` ('list') holds headline, date line and text;
    # a long sidebar keeps it under half the page's text.
    item = "<li><a href='/n{0}.html'>侧栏新闻标题第{0}条很长很长很长</a></li>"
    side = "".join(item.format(i) for i in range(40))
    html = (
        "<html><head><title>某某网</title></head><body>"
        "<div class='panel panel-list-border'><div class='panel-heading'>"
        "<h1>盘中重要资讯汇总标题</h1><div><span>2019年9月26日 15:10</span>"
        "<span>来源：某某基金网</span></div></div>"
        f"<div class='panel-body'><p>{BODY_TEXT}</p></div></div>"
        f"<div class='side'><ul>{side}</ul></div></body></html>"
    )
    fields = extract_article(Selector(text=html), "http://example.com/a.html")
    assert fields.title == "盘中重要资讯汇总标题"
    assert fields.published_raw == "2019年9月26日 15:10"
    assert fields.source == "某某基金网"


def test_low_heading_above_byline_under_column_title_and_sidebar_heading_below() -> None:
    # <title> is the column + site; the headline is an <h5> right above its byline; a
    # sidebar <h5> after the text holds the site name that <title> ends with.
    html = (
        "<html><head><title>新闻动态--某某学会官网</title></head><body>"
        "<div class='news_left'><h5>某某学术年会在某地成功举行！</h5>"
        "<div class='ly'><b>发布时间：2019-05-18</b> <i>来源：某某学会</i></div>"
        f"<div class='detailCon'><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p></div></div>\n"
        "<div class='news_right'><h5>某某学会</h5><p>发布时间：2020-01-01</p></div>"
        "</body></html>"
    )
    fields = extract_article(Selector(text=html), "http://example.org/a.html")
    assert fields.title == "某某学术年会在某地成功举行！"
    assert fields.published_raw == "2019-05-18"
    assert fields.source == "某某学会"


def test_page_scan_groups_elements_once_in_page_order() -> None:
    root = _root(
        "<html><head><meta name='PubDate' content=' 2024-01-02 '>"
        "<meta property='og:title' content='标题'><meta name='source' content=''></head><body>"
        "<div class='article-title' id='mainTitle'>标题</div><h2>小标题</h2>"
        "<span class='source'>某报</span><p class='author-name'>张三</p>"
        "<div id='zoom'>正文</div></body></html>"
    )
    scan = page_scan(root)
    assert page_scan(root) is scan  # cached per parsed page
    assert [el.tag for el in scan.titles] == ["div", "h2"]
    assert [el.tag for el in scan.sources] == ["span"]
    assert [el.tag for el in scan.authors] == ["p"]
    assert [el.get("id") for el in scan.containers] == ["zoom"]
    assert scan.metas == {"PubDate": "2024-01-02", "og:title": "标题"}


def test_url_date_not_over_a_labelled_pending_date() -> None:
    url = "http://example.gov.cn/zgxx/202203/t20220310_3011.html"
    html = _page("<title>标题文字</title>", "<h1>标题文字</h1><p>发布时间：待定</p>", [BODY_TEXT])
    assert extract_article(Selector(text=html), url).published_raw is None


# --- guess_breadcrumb ------------------------------------------------------------------------


def _crumbs(header: str, after: str = "") -> list[str]:
    html = _page("<title>标题——某某网</title>", header + "<h1>标题</h1>", [BODY_TEXT], after)
    return extract_article(Selector(text=html), "http://x.gov.cn/a/1.html").breadcrumb


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # ccdi.gov.cn: a labelled line of links.
        (
            "<div class='dqwz'>当前位置：<a href='/'>首页</a> &gt; <a href='/yw/'>要闻</a></div>",
            ["首页", "要闻"],
        ),
        # TRS / Hanweb: the label in its own span, full-width separators.
        (
            (
                "<div><span>您的位置：</span><a href='/'>首页</a>＞<a href='/xw/'>新闻中心</a>"
                "＞<a href='/sz/'>时政</a></div>"
            ),
            ["首页", "新闻中心", "时政"],
        ),
        # gov.cn: a named box without a label.
        (
            (
                "<div class='BreadcrumbNav'><a href='/'>首页</a>&nbsp;&gt;&nbsp;"
                "<a href='/yaowen/'>要闻</a></div>"
            ),
            ["首页", "要闻"],
        ),
        # Hanweb 'other_Location' with '>>' and '»'.
        (
            (
                "<div class='other_Location'><a href='/'>首页</a> &gt;&gt; <a href='/d/'>党建</a>"
                " » 正文</div>"
            ),
            ["首页", "党建", "正文"],
        ),
        # Bootstrap: separators drawn by CSS between list items.
        (
            "<ol class='breadcrumb'><li><a href='/'>首页</a></li><li>基金资讯</li></ol>",
            ["首页", "基金资讯"],
        ),
    ],
)
def test_breadcrumb_trail_found(header: str, expected: list[str]) -> None:
    assert _crumbs(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        # A menu bar: links, no label, no crumb name, no separators.
        "<div class='nav'><a href='/'>首页</a><a href='/yw/'>要闻</a><a href='/dj/'>党建</a></div>",
        # A more-link: a separator, one crumb.
        "<div class='position'><a href='/yw/'>更多&gt;&gt;</a></div>",
        # A named box of plain text (no link): a caption, not a trail.
        "<div class='location'>北京 &gt; 上海</div>",
        # A hidden trail.
        "<div class='crumb' style='display:none'><a href='/'>首页</a> &gt; 要闻</div>",
        # A long run of links with separators in a named box: a menu, not a one-line trail.
        "<div class='path'>" + "<a href='/'>栏目名称很长的一项</a> &gt; " * 20 + "</div>",
    ],
)
def test_no_false_breadcrumb(header: str) -> None:
    assert _crumbs(header) == []


def test_breadcrumb_label_inside_the_body_is_not_a_trail() -> None:
    label = "<p>当前位置：<a href='/'>首页</a> &gt; <a href='/x/'>要闻</a></p>"
    html = (
        "<html><head><title>标题——某某网</title></head><body><div class='main'><h1>标题</h1>"
        f"<div class='TRS_Editor'><p>{BODY_TEXT}</p>{label}<p>{BODY_TEXT}</p></div></div>"
        "</body></html>"
    )
    fields = extract_article(Selector(text=html), "http://x.gov.cn/a/1.html")
    assert fields.breadcrumb == []
    assert fields.methods["breadcrumb"] == "missing"
