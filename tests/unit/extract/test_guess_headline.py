"""crawler.extract.titles.guess_headline and its hand-over to extract_article, on snippets."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract import generic
from crawler.extract.article import extract_article
from crawler.extract.titles import guess_headline

BODY_TEXT = "　　" + "这是正文的一段文字，内容足够长，用于让正文识别找到这个容器。" * 3
BYLINE = "<h3 class='daty'><em>来源：某某网站</em><em>发布时间：2024-12-30 06:47</em></h3>"
KAI = "<span style='font-family: 楷体, SimKai;'>"


def _page(head: str, header: str, after_header: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><div class='main'>{header}{after_header}"
        f"<div class='TRS_Editor'><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p></div></div></body></html>"
    )


def _headline(html: str):
    root = Selector(text=html).root
    return guess_headline(root, generic.guess_body(root))


@pytest.mark.parametrize(
    ("header", "title", "subtitle"),
    [
        pytest.param(
            f"<h2 class='tit'><p>{KAI}推进某某工作高质量发展</span></p>"
            "<p>常态长效深化落实</p></h2>",
            "常态长效深化落实",
            "推进某某工作高质量发展",
            id="kai-kicker-in-moved-paragraphs",
        ),
        pytest.param(
            "<h2 class='tit'><p>第一行标题文字</p><p>第二行标题文字</p></h2>",
            "第一行标题文字 第二行标题文字",
            None,
            id="two-moved-paragraphs-joined",
        ),
        pytest.param(
            "<div class='tit'><h3></h3><h2>某某品牌丝路行正式启动</h2>"
            "<h3>成功举办双向推介会</h3></div>",
            "某某品牌丝路行正式启动",
            "成功举办双向推介会",
            id="sibling-deck-heading",
        ),
    ],
)
def test_headline_lines_and_decks(header: str, title: str, subtitle: str | None) -> None:
    html = _page("<title>某某标题——要闻——某某网站</title>", header + BYLINE)
    found = _headline(html)
    assert (found.title, found.subtitle) == (title, subtitle)


def test_moved_paragraph_run_stops_at_byline_paragraph() -> None:
    html = _page(
        "<title>标题——某某网站</title>",
        "<h2 class='tit'><p>某某工作取得新进展</p><p>来源：某某网站 发布时间：2024-01-03</p></h2>",
    )
    found = _headline(html)
    assert found.title == "某某工作取得新进展"
    assert found.element is not None and found.element.text == "某某工作取得新进展"


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        pytest.param("<div class='tit'>", "某某专项整治取得实效", id="tit-token"),
        pytest.param("<div class='art_tit'>", "某某专项整治取得实效", id="tit-suffix-token"),
        pytest.param("<div class='newsTit'>", "某某专项整治取得实效", id="tit-camel-token"),
        pytest.param("<div class='entity'>", "某某网站", id="tit-inside-a-word-ignored"),
    ],
)
def test_tit_class_token_names_a_headline_box(box: str, expected: str) -> None:
    # <title> names the site only: the box is a candidate by its class alone, and wins by
    # its labelled byline.
    html = _page("<title>某某网站</title>", f"{box}某某专项整治取得实效</div>{BYLINE}")
    assert _headline(html).title == expected


def _table_page(doc_title: str, headline: str, between: str = "") -> str:
    return (
        f"<html><head><title>{doc_title}</title></head><body><table>"
        f"<tr><td class='bt_title'>{headline}</td></tr>{between}"
        f"<tr><td><div class='bt_content'><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p></div></td></tr>"
        "</table></body></html>"
    )


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            _table_page("某某新闻网_(新闻)", "李简——新外科运动向我们走来"),
            "李简——新外科运动向我们走来",
            id="title-cell-on-the-body",
        ),
        pytest.param(
            _table_page("某某新闻网_(新闻)", "通知公告"),
            "某某新闻网",
            id="short-column-label-refused",
        ),
        pytest.param(
            _table_page(
                "某某新闻网_(新闻)", "李简——新外科运动", "<tr><td>首页 | 新闻 | 人物</td></tr>"
            ),
            "某某新闻网",
            id="text-between-refused",
        ),
    ],
)
def test_title_box_right_on_the_body(html: str, expected: str) -> None:
    assert _headline(html).title == expected


@pytest.mark.parametrize(
    ("header", "title", "author"),
    [
        pytest.param(
            "<div class='tit'><p>耕地保护不容有失</p>"
            "<p><span>本刊记者&nbsp; 侯逸宁</span></p></div>",
            "耕地保护不容有失",
            "侯逸宁",
            id="credit-line-in-box",
        ),
        pytest.param(
            "<h1>某某工作取得新进展 本报记者 张三</h1>",
            "某某工作取得新进展",
            "张三",
            id="credit-glued-on-one-line",
        ),
        pytest.param(
            "<div class='tit'><p>少搞形式 多干实事</p>"
            "<p><span style='font-size: 16px'>王诗雨</span></p></div>",
            "少搞形式 多干实事",
            "王诗雨",
            id="bare-name-in-box",
        ),
    ],
)
def test_headline_box_author_reaches_the_record(header: str, title: str, author: str) -> None:
    html = _page("<title>某某杂志</title>", header)
    fields = extract_article(Selector(text=html), "http://example.org/a.html")
    assert (fields.title, fields.author) == (title, author)


@pytest.mark.parametrize("word", ["时评", "党建", "金秋"])
def test_surname_initial_word_in_the_box_is_no_author(word: str) -> None:
    """Adversarial: a column tag or the end of the headline in the headline's own type; the
    record gets no author (the line stays headline text, as any line of a broken headline)."""
    html = _page(
        "<title>某某杂志</title>", f"<div class='tit'><p>少搞形式 多干实事</p><p>{word}</p></div>"
    )
    fields = extract_article(Selector(text=html), "http://example.org/a.html")
    assert (fields.title, fields.author) == (f"少搞形式 多干实事 {word}", None)


def test_labelled_byline_author_beats_headline_box_name() -> None:
    html = _page(
        "<title>某某杂志</title>",
        "<div class='tit'><p>少搞形式 多干实事</p>"
        "<p><span style='font-size: 16px'>王诗雨</span></p></div>"
        "<div>作者：李四 来源：某某杂志</div>",
    )
    fields = extract_article(Selector(text=html), "http://example.org/a.html")
    assert (fields.title, fields.author) == ("少搞形式 多干实事", "李四")


def test_subtitle_reaches_the_fields() -> None:
    html = _page(
        "<title>某某标题——要闻——某某网站</title>",
        f"<h2 class='tit'><p>{KAI}推进某某工作高质量发展</span></p><p>常态长效深化落实</p></h2>"
        + BYLINE,
    )
    fields = extract_article(Selector(text=html), "http://example.org/a.html")
    assert (fields.title, fields.subtitle) == ("常态长效深化落实", "推进某某工作高质量发展")


def test_no_decks_for_a_headline_inside_the_body() -> None:
    # The body's paragraphs are the headline's siblings: the h3 after it is a section head.
    html = (
        "<html><head><title>某某工作方案_某某网站</title></head><body><div class='article'>"
        f"<h1>某某工作方案</h1><h3>一、总体要求</h3><p>{BODY_TEXT}</p><p>{BODY_TEXT}</p>"
        "</div></body></html>"
    )
    found = _headline(html)
    assert (found.title, found.subtitle) == ("某某工作方案", None)


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        pytest.param(
            "<h1><a href='/'>某某省人民政府网站</a></h1>", "某某工作推进会召开", id="root"
        ),
        pytest.param(
            "<h1><a href='http://www.example.gov.cn/index.html'>某某省人民政府网站</a></h1>",
            "某某工作推进会召开",
            id="index-page",
        ),
        pytest.param(
            "<h1><a href='/content/2024/a.html'>某某省人民政府网站</a></h1>",
            "某某省人民政府网站",
            id="article-link-still-a-candidate",
        ),
    ],
)
def test_heading_linking_to_a_front_page_is_no_headline(logo: str, expected: str) -> None:
    # <title> names only the site: the logo heading agrees with it, the real headline (a
    # plain h2 with its byline) does not.
    html = _page("<title>某某省人民政府网站</title>", f"{logo}<h2>某某工作推进会召开</h2>{BYLINE}")
    assert _headline(html).title == expected


def test_meta_title_beats_a_disagreeing_box_on_the_body() -> None:
    html = _table_page("某某新闻网_(新闻)", "学院新闻动态列表").replace(
        "<head>", "<head><meta name='ArticleTitle' content='某某教授谈外科新进展'>"
    )
    found = _headline(html)
    assert (found.title, found.how) == ("某某教授谈外科新进展", "meta")


def test_moved_paragraphs_of_a_lower_heading() -> None:
    html = _page(
        "<title>某某标题——某某网站</title>",
        f"<h4 class='tit'><p>{KAI}推进某某工作高质量发展</span></p><p>常态长效深化落实</p></h4>"
        + BYLINE,
    )
    found = _headline(html)
    assert (found.title, found.subtitle) == ("常态长效深化落实", "推进某某工作高质量发展")
