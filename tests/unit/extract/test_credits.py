"""来源, author and editor rules on short synthetic snippets: closing credits, the names
printed beside the date, metas and JSON-LD."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from crawler.extract import credits, declared, generic, reporters
from crawler.extract.article import extract_article

BODY_TEXT = "这是正文的一段文字，内容足够长，用于让正文识别找到这个容器。" * 3


def _page(header: str, body: list[str], head: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (
        f"<html><head><title>标题文字-某网</title>{head}</head><body><div class='main'>"
        f"<h1>标题文字</h1>{header}<div class='TRS_Editor'>{paragraphs}</div>{after}"
        "</div></body></html>"
    )


def _extract(html: str):
    return extract_article(Selector(text=html), "http://www.example.cn/a/1.html")


# --- a labelled 来源 closing the body ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "source"),
    [
        (["正文。", "来源：某某交警"], "某某交警"),
        (["正文。", "来源：网络"], "网络"),
        (["正文。", "本文来源：某某政府网", "责任编辑：张三"], "某某政府网"),
        (["正文。", "（来源：某某日报）"], "某某日报"),
        (["正文。", "编辑丨张三", "来源丨某某发布"], "某某发布"),
        (["正文。", "来源：某某日报", "特别声明：本文为自媒体用户上传"], "某某日报"),
        # not a credit of the article: the data's sources, prose, a credit above the text's end
        (["正文。", "（资料来源：某某消息、某某网等）"], None),
        (["这是重要的资金来源：财政拨款。"], None),
        (["来源：某某日报", "正文的最后一段，不是声明。"], None),
        # adversarial: a digest whose items each close with their own source
        (["第一条消息。", "（来源：某某社）", "第二条消息。", "（来源：某某日报）"], None),
        (["第一条消息。", "（来源：某某日报）", "第二条消息。", "（来源：某某日报）"], "某某日报"),
    ],
)
def test_closing_source(lines: list[str], source: str | None) -> None:
    assert credits.closing_source(lines) == source


def test_closing_source_is_the_source_and_the_name_beside_the_date_the_author() -> None:
    html = _page(
        "<p class='time'><span>2019-05-17</span><span class='point'> · </span>"
        "<span>某某城市报道</span></p>",
        [BODY_TEXT, "来源：某某交警"],
    )
    out = _extract(html)
    assert (out.source, out.author) == ("某某交警", "某某城市报道")
    html = _page(
        "<div class='article-sub'><span>某某人文</span> <span>2020-03-09 18:14:21</span></div>",
        [BODY_TEXT, "来源：网络"],
    )
    out = _extract(html)
    assert (out.source, out.author) == ("网络", "某某人文")


@pytest.mark.parametrize(
    "beside",
    ["<span>某某市人民政府办公室</span>", "<span>国内要闻</span>", "<span>北京</span>"],
)
def test_office_column_or_place_beside_the_date_is_no_author(beside: str) -> None:
    """A gov.cn / people.com.cn reprint: the date line prints the office, the column or a
    place, and the text closes with '（来源：某某日报）'. The source is read; no author."""
    html = _page(
        f"<div class='info'><span>2024-07-12 10:00</span> {beside}</div>",
        [BODY_TEXT, "（来源：某某日报）"],
    )
    out = _extract(html)
    assert (out.source, out.author) == ("某某日报", None)


def test_name_beside_the_date_is_no_author_without_a_closing_source() -> None:
    out = _extract(
        _page("<div><span>某某人文</span> <span>2020-03-09 18:14:21</span></div>", [BODY_TEXT])
    )
    assert (out.source, out.author) == (None, None)


# --- the outlet beside the date ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "lead", "source"),
    [
        ("2019-05-17  ·  某某日报", [], "某某日报"),
        ("2019-05-17  ·  某某城市报道", [], None),
        ("2019-05-17 10:00  某某青年报客户端", [], "某某青年报客户端"),
        ("某某之声  2019-05-17 10:00", [], "某某之声"),
        # a name without an outlet's ending, confirmed by the body's dateline
        (
            "http://ent.example.com  2009年11月09日11:30  某某音乐  我要评论(  0  )",
            ["宣传照", "某某音乐讯 一向具有奇思妙想的歌手……"],
            "某某音乐",
        ),
        ("2019-05-17 10:00  某某娱乐", ["某某娱乐讯 北京时间7月12日……"], "某某娱乐"),
        ("2019-05-17 10:00  某某快讯", ["某某快讯北京7月12日电 记者……"], "某某快讯"),
        ("2019-05-17 10:00  某某音乐", ["某某音乐节今天开幕。"], None),
        ("2019-05-17 10:00  某某音乐", [], None),
        # adversarial: a channel ending like an outlet is none; an outlet ending in 新闻 is one
        ("2024-07-12 10:00  国内新闻", [], None),
        ("2024-07-12 10:00  财经频道", [], None),
        ("2024-07-12 10:00  某某新闻", [], "某某新闻"),
        # adversarial: a place beside the date (an IP location) opening a dateline is no outlet
        ("2024-07-12 10:00  ·  北京", ["北京7月12日电 记者从……获悉"], None),
        ("2024-07-12 10:00  某某县", ["某某县7月12日电 近日……"], None),
    ],
)
def test_source_next_to_date(header: str, lead: list[str], source: str | None) -> None:
    assert generic.guess_source_by_date(header, lead) == source


@pytest.mark.parametrize(
    ("header", "source", "account"),
    [
        ("2019-05-17  ·  某某城市报道  分享到", "某某交警", "某某城市报道"),
        ("某某人文  2020-03-09 18:14:21", "网络", "某某人文"),
        ("某某日报  2020-03-09 18:14:21", "某某日报", None),  # the source itself
        ("2020-03-09 18:14:21  分享", "网络", None),
        ("2020-03-09 18:14:21  分享到  x", "网络", None),
        ("2020-03-09 18:14:21  我要评论", "网络", None),
        ("2020-03-09 18:14:21  阅读 1024", "网络", None),
        ("2020-03-09 18:14:21  0  人参与评论", "网络", None),
        # adversarial: what ordinary pages print beside the date is no posting account
        ("2024-07-12 10:00  新华网", "新华社", None),  # an outlet
        ("2024-07-12 10:00  |  某某市人民政府办公室", "某某日报", None),  # the office
        ("2024-07-12 10:00  国内要闻", "新华社", None),  # the column
        ("2024-07-12 10:00  时政", "新华社", None),
        ("2024-07-12 10:00  ·  北京", "网络", None),  # the IP location
        ("2024-07-12 10:00  某某区", "网络", None),
    ],
)
def test_account_next_to_date(header: str, source: str, account: str | None) -> None:
    assert generic.guess_account_by_date(header, source) == account


# --- editors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body_tail", "trailer", "lines", "editor"),
    [
        ("正文。\n责编：Demi Xia\n(综合整理自某某网等)", "", [], "责编：Demi Xia"),
        ("正文。\n责任编辑：NF055", "", [], "责任编辑：NF055"),
        ("正文。\n责任编辑：news 校对：某某", "", [], "责任编辑：news"),
        ("正文。\n责任编辑：李曦_NN2587", "", [], "责任编辑：李曦_NN2587"),
        # right below the body, not under a list of other articles further down
        ("正文。", "责任编辑：张三  返回列表", [], "责任编辑：张三"),
        (
            "正文。",
            "往期回顾  "
            + "  ".join(f"第{n}期的标题文字很长" for n in range(20))
            + "  出品：某某频道  编辑：李四",
            [],
            None,
        ),
        # a WeChat credit block with '|' for a colon, above the account's reply menu
        (
            "回复【福利】查看政策",
            "",
            [
                "正文。",
                "编辑|张三",
                "责编｜李四",
                "校对|王五",
                "来源|某某参考",
                "1、回复【福利】查看政策",
            ],
            "张三",
        ),
        ("正文。", "", ["正文。", "编辑丨张三", "1、回复【福利】查看政策"], "张三"),
        ("正文。", "", ["他说：编辑|排版的工作很重要。"], None),
    ],
)
def test_guess_editor(body_tail: str, trailer: str, lines: list[str], editor: str | None) -> None:
    assert generic.guess_editor(body_tail, trailer, lines) == editor


# --- authors in the body's closing lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "author"),
    [
        (["正文。", "执笔人：张三 李四 王五 赵六 钱七"], "张三 李四 王五 赵六 钱七"),
        (["正文。", "执笔：张三、李四"], "张三、李四"),
        (["执笔人：张三", "正文在最后，不是署名。"], None),
    ],
)
def test_closing_credit_writers(lines: list[str], author: str | None) -> None:
    assert reporters.closing_credit(lines, None) == author


# --- an empty 来源 field shown on the page ----------------------------------------------------

_OFFICE_META = "<meta name='ContentSource' content='某某处'>"


@pytest.mark.parametrize(
    ("header", "source"),
    [
        # the page shows the field empty: the meta's office is not shown, so not the source
        ("<div class='info'><p>日期：2025-02-26 11:54 来源：</p><span>分享：</span></div>", None),
        ("<div class='info'>来源: <span>|</span> 发布时间: 2018-05-17</div>", None),
        # a script may write the value: the meta stays the best guess
        ("<p>日期：2025-02-26 来源：<script>document.write('x')</script></p>", "某某处"),
        ("<p>日期：2025-02-26 <span>来源：</span><script>var s=1;</script></p>", "某某处"),
        # no label at all: the meta is read
        ("<p>日期：2025-02-26 11:54</p>", "某某处"),
    ],
)
def test_empty_source_label_hides_the_meta(header: str, source: str | None) -> None:
    assert _extract(_page(header, [BODY_TEXT], head=_OFFICE_META)).source == source


# --- the author a page declares in its metas or JSON-LD ---------------------------------------


def _jsonld(author: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps({'author': author})}</script>"


@pytest.mark.parametrize(
    ("head", "shown", "editor", "author"),
    [
        # printed beside the date: the meta confirms an unlabelled name
        ("<meta name='author' content='张三'>", "张三  2024-07-12 10:00", None, "张三"),
        ("<meta name='author' content='张三,李四'>", "张三 李四  2024-07-12", None, "张三,李四"),
        # the web editor: not printed, or printed as the 责任编辑
        ("<meta name='author' content='马某'>", "2007-08-20  来源：某某网", None, None),
        ("<meta name='author' content='马某'>", "正文。\n责任编辑：马某", None, None),
        ("<meta name='author' content='马某'>", "马某  2024-07-12", "责任编辑：马某", None),
        # adversarial: the uploader printed as reviewer, poster, photographer, proof-reader
        ("<meta name='author' content='马某'>", "2024-07-12\n审核：马某", None, None),
        ("<meta name='author' content='马某'>", "2024-07-12 发布人：马某", None, None),
        ("<meta name='author' content='马某'>", "正文。\n摄影：马某", None, None),
        ("<meta name='author' content='马某'>", "初审：张三 复审：李四\n校对 / 马某", None, None),
        ("<meta name='author' content='马某'>", "2024-07-12 作者：马某", None, "马某"),
        # a site, an id, a placeholder
        ("<meta name='author' content='某某网'>", "某某网  2024-07-12", None, None),
        ("<meta name='author' content='104363'>", "104363  2024-07-12", None, None),
        ("<meta name='author' content='name, email@gmail.com'>", "name  2024", None, None),
        # inside a longer word is not printed
        ("<meta name='author' content='张三'>", "张三丰  2024-07-12", None, None),
        # JSON-LD: a Person, not an Organization
        (_jsonld({"@type": "Person", "name": "王五"}), "王五  2024-07-12", None, "王五"),
        (_jsonld([{"@type": "Person", "name": "王五"}]), "王五  2024-07-12", None, "王五"),
        (_jsonld({"@type": "Organization", "name": "某某"}), "某某  2024-07-12", None, None),
    ],
)
def test_declared_author(head: str, shown: str, editor: str | None, author: str | None) -> None:
    root = Selector(text=f"<html><head>{head}</head><body></body></html>").root
    assert declared.declared_author(root, shown, editor, None) == author


def test_declared_author_in_a_page() -> None:
    head = "<meta name='author' content='张三'>"
    html = _page(
        "<div class='info'><span>张三</span> <span>2024-07-12 10:00</span></div>",
        [BODY_TEXT],
        head=head,
    )
    assert _extract(html).author == "张三"
    html = _page(
        "<div class='info'><span>2024-07-12 10:00</span></div>",
        [BODY_TEXT, "责任编辑：张三"],
        head=head,
    )
    out = _extract(html)
    assert (out.author, out.editor) == (None, "责任编辑：张三")


# --- 来源 markup of commercial and official-media pages -------------------------------------


def _ld(publisher: str) -> str:
    data = json.dumps({"publisher": {"name": publisher}}, ensure_ascii=False)
    return f"<script type='application/ld+json'>{data}</script>"


_DATE_SPAN = "<span class='time'>2024-07-12 10:00</span>"


@pytest.mark.parametrize(
    ("header", "head", "source"),
    [
        (f"<div>{_DATE_SPAN}<span class='source'>某某报</span></div>", "", "某某报"),
        (f"<div>{_DATE_SPAN}<a class='source' href='/'>某某日报</a></div>", "", "某某日报"),
        (
            "<div class='date-source'>2019年11月25日 18:57 <span>某某消息</span></div>",
            "",
            "某某消息",
        ),
        ("<div class='date-source'>2019年11月25日 18:57 华商报</div>", "", "华商报"),
        # adversarial: a writer or a counter beside the date in the box is no outlet
        ("<div class='source'>2024-07-12 10:00 张三</div>", "", None),
        ("<div class='source'>2024-07-12 10:00 阅读 123</div>", "", None),
        ("<div class='date-source'>2024-07-12 10:00 分享到</div>", "", None),
        ("<p class='source'>某某社 | 2024-07-12 10:00</p>", "", "某某社"),
        (
            "<p class='source'>2024-07-12 10:00 来源：某某网</p>",
            "",
            "某某网",
        ),
        (
            "<div>2024-07-12 来源：<a href='/'>某某报</a><a href='#'>参与互动</a></div>",
            "",
            "某某报",
        ),
        ("<div>2024-07-12 来源：某某网 访问量：199</div>", "", "某某网"),
        ("<div>2024-07-12</div>", "<meta name='source' content='某某日报'>", "某某日报"),
        ("<div>2024-07-12</div>", "<meta name='source' content='访问量：199'>", None),
        ("<div>2024-07-12</div>", _ld("某某新闻"), "某某新闻"),
        ("<div>2024-07-12</div>", _ld("转自某某网站”。"), None),
        # a share widget's data-source is the site's name for the share text, not the 来源
        (
            f"<div>{_DATE_SPAN}<ul data-source='某某新闻'><li>分享</li></ul></div>",
            "",
            None,
        ),
    ],
)
def test_source_markup(header: str, head: str, source: str | None) -> None:
    assert _extract(_page(header, [BODY_TEXT], head=head)).source == source


# --- reporter credits: ornaments, role words, WeChat separators, photo and post tails ---------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("□本报记者 张三", "张三"),
        ("■ 记者 张三 李四", "张三 李四"),
        ("◎文/张三", "张三"),
        ("记者 张三 李四 报道", "张三 李四"),
        ("本报记者 张三 见习记者 李四", "张三 李四"),
        ("记者 张三 实习生 李四", "张三"),
        ("●本报记者 张三 通讯员 李四 王五", "张三"),
        ("文 | 张三", "张三"),
        ("作者｜张三", "张三"),
        ("作者丨张三", "张三"),
        ("记者：张三", "张三"),
        ("记者/张三", "张三"),
        ("撰文：张三　摄影：李四", "张三"),
        ("文/张三 图/李四", "张三"),
        ("文·图/张三", "张三"),
        ("采写：张三 李四", "张三 李四"),
        ("作者：张三（某某大学教授）", "张三"),
        ("本报记者 张三 本报通讯员 李四", "张三"),
        ("某某日报记者 张三 某某日报通讯员 李四", "张三"),
        ("记者 张三 摄影 李四", "张三"),
        ("张三/文", "张三"),
        ("张三/文 李四/图", "张三"),
        ("英文/中文", None),
        # not a credit
        ("新华社记者 张三 摄", None),
        ("（作者系某某大学教授）", None),
        ("记者：近日从会上获悉", None),
        ("记者：您好", None),
        ("记者：请问，谢谢", None),
        # adversarial: a short question of an interview transcript is no reporter's name
        ("记者：为什么", None),
        ("记者：那么", None),
        ("记者：是的", None),
        ("记者：张三 李四", "张三 李四"),
        ("文字：本文有删节", None),
        ("通讯员 李四", None),
    ],
)
def test_credit_names(line: str, names: str | None) -> None:
    assert reporters.credit_names(line, None) == names


@pytest.mark.parametrize(
    ("value", "plausible"),
    [
        ("某某日报", True),
        ("某某参考、某某发布、某某晚报", True),
        ("人民网-《人民日报》", True),
        ("访问量： 199", False),
        ("浏览次数：12", False),
        ("来自某某网站”。", False),
        ("本文转载自网络，如有侵权请联系删除", False),
        ("网络。更多内容请关注", False),
        ("某" * 41, False),
        ("http://www.example.cn/", False),
        ("", False),
    ],
)
def test_plausible_source(value: str, plausible: bool) -> None:
    assert generic.plausible_source(value) is plausible


def test_disclaimer_in_the_source_field_is_no_source() -> None:
    html = _page("<div>2024-07-12 来源：本文转载自网络，如有侵权请联系删除</div>", [BODY_TEXT])
    assert _extract(html).source is None


# --- 来源 from a newspaper's edition line; a labelled author box -------------------------------


@pytest.mark.parametrize(
    ("texts", "source"),
    [
        (["正文。", "《 某某日报 》（ 2019年11月25日 第 04 版）"], "《某某日报》"),
        (["《某某日报》（ 2022年05月09日 01版）"], "《某某日报》"),
        (["《某某报》(2022-05-09 第3版)"], "《某某报》"),
        (["他在《某某日报》上发表文章。"], None),
        (["《某某条例》（2019年11月25日通过）"], None),
    ],
)
def test_edition_source(texts: list[str], source: str | None) -> None:
    assert credits.edition_source(texts) == source


def test_edition_line_gives_the_source_only_without_a_label() -> None:
    edition = "《 某某日报 》（ 2019年11月25日 第 04 版）"
    assert _extract(_page("<div>2019-11-25</div>", [BODY_TEXT, edition])).source == "《某某日报》"
    labelled = _page("<div>2019-11-25 来源：某某网</div>", [BODY_TEXT, edition])
    assert _extract(labelled).source == "某某网"


@pytest.mark.parametrize(
    ("box", "author"),
    [
        ("<div class='author'>作者：张三</div>", "张三"),
        ("<div class='author'>张三 李四</div>", "张三 李四"),
        ("<div class='author'>责任编辑：王五</div>", None),
        ("<div class='author'>作者：未知</div>", None),
    ],
)
def test_author_box_above_the_headline(box: str, author: str | None) -> None:
    html = (
        f"<html><head><title>标题文字-某网</title></head><body><div class='main'>{box}"
        f"<h1>标题文字</h1><div>2024-07-12</div><div class='TRS_Editor'><p>{BODY_TEXT}</p>"
        "</div></div></body></html>"
    )
    assert _extract(html).author == author


@pytest.mark.parametrize(
    ("last", "author"),
    [
        ("……工作落到实处。（某某县纪委监委 张三）", "张三"),
        ("（某某市委宣传部 张三 李四）", "张三 李四"),
        ("（某某市纪委监委 张三 整理）", "张三"),
        # an organisation alone, a role word, an attribution: no writer
        ("（某某县发改局）", None),
        ("（某某县纪委监委 供稿）", None),
        ("（某某网 综合）", None),
        ("（据某某社 张三）", None),
        ("某某县纪委监委 张三", None),  # only in brackets
        # adversarial: an organisation and one of its departments
        ("（某某市人民政府 办公室）", None),
        ("（某某县纪委监委 宣传部）", None),
        ("（某某市委 组织部 张三）", None),
    ],
)
def test_organisation_and_writer_closing_the_body(last: str, author: str | None) -> None:
    assert reporters.closing_credit(["正文第一段。", last], None) == author


@pytest.mark.parametrize(
    ("line", "writer"),
    [
        ("撰稿：张三 审核：李四", "张三"),
        ("（撰稿：张三 审核：李四）", "张三"),
        ("文字：张三 摄影：李四 编辑：王五", "张三"),
        ("供稿：某某学院 | 撰稿：张三 | 编辑：李四", "张三"),
        ("撰稿：张三 李四 摄影：王五", "张三 李四"),
        ("文：张三 图：李四", "张三"),
        # no writer's field, a sentence, a field value that is no name
        ("编辑：王五 审核：李四", None),
        ("作者：张三说，这是重要的。来源：某某", None),
        ("撰稿：某某学院新闻中心全体同学 审核：李四", None),
        ("原文：某某 译文：某某", None),
    ],
)
def test_field_credit(line: str, writer: str | None) -> None:
    assert reporters.field_credit(line) == writer
    assert reporters.closing_credit(["正文第一段。", line], None) == writer
