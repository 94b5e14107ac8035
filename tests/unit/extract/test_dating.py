"""Where an article's date is read when its header band has none (crawler.extract.dating,
generic.guess_date), on short synthetic pages of the markup patterns."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.commands.evaluate import served_response
from crawler.extract.article import extract_article
from crawler.fetch.encoding import fix_encoding

BODY = "<p>" + "这是正文的一段文字，内容足够长，用于让正文识别找到这个容器。" * 4 + "</p>"
URL = "http://www.example.gov.cn/zwgk/content_1.html"


def _article(html: str, url: str = URL) -> tuple[str | None, str]:
    fields = extract_article(Selector(text=html), url)
    return fields.published_raw, fields.methods["published_raw"]


def _page(head: str = "", above: str = "", header: str = "", after: str = "") -> str:
    return (
        f"<html><head><title>关于做好基层党建工作的通知_某某网</title>{head}</head><body>"
        f"{above}<h1>关于做好基层党建工作的通知</h1>{header}"
        f"<div class='TRS_Editor'>{BODY}</div>{after}</body></html>"
    )


# An information-disclosure (信息公开) table above the headline, as on www.gov.cn 政策 pages.
_DISCLOSURE_TABLE = (
    "<table><tr><td>索引号：</td><td>000014349/2024-00012</td>"
    "<td>主题分类：</td><td>党建</td></tr>"
    "<tr><td>{l1}</td><td>{v1}</td><td>{l2}</td><td>{v2}</td></tr></table>"
)


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        pytest.param(
            _DISCLOSURE_TABLE.format(
                l1="成文日期：", v1="2024年07月01日", l2="发布日期：", v2="2024年07月12日"
            ),
            "2024年07月12日",
            id="published-cell-beats-written-cell",
        ),
        pytest.param(
            _DISCLOSURE_TABLE.format(
                l1="发布日期", v1="2024-07-12", l2="发文字号", v2="某发〔2024〕3号"
            ),
            "2024-07-12",
            id="label-cell-without-colon",
        ),
        pytest.param(
            _DISCLOSURE_TABLE.format(
                l1="生成日期：", v1="2024-07-20", l2="成文日期：", v2="2024-07-01"
            ),
            "2024-07-01",
            id="generated-cell-is-never-the-date",
        ),
        pytest.param(
            _DISCLOSURE_TABLE.format(
                l1="成文日期：", v1="2024-07-01", l2="实施日期：", v2="2024-09-01"
            ),
            "2024-07-01",
            id="effective-cell-is-never-the-date",
        ),
        pytest.param(
            "<dl><dt>发布时间</dt><dd>2024-07-12 09:30</dd><dt>来源</dt><dd>某某局</dd></dl>",
            "2024-07-12 09:30",
            id="dt-dd-pair",
        ),
        pytest.param(
            # A template comment between label and value cell: the value is the next element.
            "<table><tr><td>发布日期</td><!-- 发布日期 --><td>2024-07-12</td></tr></table>",
            "2024-07-12",
            id="comment-between-label-and-value",
        ),
        pytest.param(
            "<table><tr><td>会议日期：</td><td>请于7月12日前报送</td></tr></table>",
            None,
            id="label-cell-without-a-date",
        ),
        pytest.param(
            "<table style='display:none'><tr><td>发布日期</td><td>2024-07-12</td></tr></table>",
            None,
            id="hidden-table",
        ),
        pytest.param(
            "<dl><dd><label><font>索 引 号：</font></label><div>0147/2023-01</div></dd>"
            "<dd><label><font>发文日期：</font></label><div class='display-block'>2023-04-18"
            "</div></dd></dl>",
            "2023-04-18",
            id="ucap-label-div-fields",
        ),
        pytest.param(
            "<dl><dd><label>生成日期：</label><div>2023-05-11</div></dd></dl>",
            None,
            id="ucap-generated-field-is-never-the-date",
        ),
        pytest.param(
            "<ul><li><label for='d'>日期：</label><input id='d' value='2024-01-01'></li></ul>",
            None,
            id="form-label-without-a-value-element",
        ),
        pytest.param(
            "<form action='/search'><ul><li><label>发布日期：</label><span>2020-01-01 至 "
            "2024-12-31</span></li><li><label>关键词：</label><span>全部</span></li></ul></form>",
            None,
            id="search-form-range-is-never-the-date",
        ),
        pytest.param(
            "<ul><li><label>日期：</label><span class='today'>2024年12月01日 星期日</span>"
            "</li></ul>",
            None,
            id="calendar-widget-alone-is-no-field-list",
        ),
        pytest.param(
            "<ul class='hot'><li><a href='/a/1.html'>另一篇文章的标题</a><label>时间：</label>"
            "<span>2023-05-06</span></li><li><a href='/a/2.html'>第二篇文章的标题</a>"
            "<label>时间：</label><span>2023-05-07</span></li></ul>",
            None,
            id="linked-list-entries-are-no-fields",
        ),
    ],
)
def test_date_in_a_disclosure_table(above: str, expected: str | None) -> None:
    raw, how = _article(_page(above=above))
    assert raw == expected
    assert how == ("heuristic" if expected else "missing")


def test_table_of_the_text_gives_no_date() -> None:
    """Adversarial: a meeting notice whose text is a table of the meeting; the page shows no
    publication date, so none is read (not the meeting's)."""
    table = (
        "<table><tr><td>时间</td><td>2024年8月1日</td></tr>"
        "<tr><td>地点</td><td>某某会议室</td></tr></table>"
    )
    page = _page().replace("<div class='TRS_Editor'>", f"<div class='TRS_Editor'>{table}")
    assert _article(page) == (None, "missing")


@pytest.mark.parametrize(
    ("above", "expected"),
    [
        pytest.param(
            "<div class='nav'>版面导航 | 标题导航</div><div>第A03版：要闻</div>"
            "<div class='date'><strong>2024年07月12日 星期五</strong></div>",
            "2024年07月12日",
            id="founder-epaper-masthead",
        ),
        pytest.param(
            "<div>2024年07月12日 星期五</div><div>第01版：要闻 上一版 下一版</div>",
            "2024年07月12日",
            id="date-before-edition-mark",
        ),
        pytest.param(
            "<div>今天是2026年11月28日</div><div>第01版：要闻 下一版</div>"
            "<div>2024年07月12日</div>",
            "2024年07月12日",
            id="page-clock-skipped",
        ),
        pytest.param(
            "<div>2024年07月12日 星期五</div><div>A01版：头版</div><div>A02版：要闻</div>",
            "2024年07月12日",
            id="edition-label-without-di",
        ),
        # adversarial: a news page that names one edition is no e-paper
        pytest.param(
            "<div class='ticker'>今日关注：《某某日报》第3版刊发评论</div>"
            "<div class='top'>2023年01月05日 星期四</div>",
            None,
            id="one-edition-named-in-a-ticker",
        ),
        pytest.param(
            "<div class='top'><a>A1版：头版</a></div><div>2023-01-05</div>",
            None,
            id="one-edition-teaser",
        ),
        # adversarial: an e-paper whose only date above the text is a list item's
        pytest.param(
            "<div>版面导航</div><div>第A01版：要闻</div>"
            "<ul><li>2023-01-05 某某市召开工作会议</li></ul>",
            None,
            id="date-in-a-list-line-is-no-masthead",
        ),
        pytest.param(
            "<div class='top'>2024年07月12日 星期五</div><ul><li>首页</li><li>要闻</li></ul>",
            None,
            id="no-edition-mark-no-masthead-date",
        ),
    ],
)
def test_epaper_edition_date(above: str, expected: str | None) -> None:
    raw, _ = _article(_page(above=above))
    assert raw == expected


def test_edition_date_below_the_body_is_not_read() -> None:
    # Only the masthead counts: an archive calendar after the text is not the edition date.
    after = "<div>第01版</div><div>往期回顾 2024年06月30日</div>"
    assert _article(_page(after=after)) == (None, "missing")


@pytest.mark.parametrize(
    ("head", "header", "expected", "how"),
    [
        pytest.param(
            '<meta name="PubDate" content="2024-08-30 10:00">',
            "<div class='info'>发布时间：2024-07-12</div>",
            "2024-07-12",
            "heuristic",
            id="visible-label-beats-generation-meta",
        ),
        pytest.param(
            '<meta name="publishdate" content="2024-08-30">',
            "<div class='info'>生成日期：2024-08-30 发布日期：2024-07-12</div>",
            "2024-07-12",
            "heuristic",
            id="published-beats-generated-in-the-band",
        ),
        pytest.param(
            '<meta name="PubDate" content="2024-07-12 10:00">',
            "",
            "2024-07-12 10:00",
            "meta",
            id="meta-when-the-page-shows-none",
        ),
    ],
)
def test_visible_date_beats_meta(head: str, header: str, expected: str, how: str) -> None:
    assert _article(_page(head=head, header=header)) == (expected, how)


# A UTF-8 BOM before <!DOCTYPE> (Founder e-paper exports, Windows-saved static pages) must not
# hide the page's only date signal, whatever the page declares.
_BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        pytest.param(
            "<!DOCTYPE html>" + _page(head='<meta name="PubDate" content="2024-07-12 10:00">'),
            URL,
            "2024-07-12 10:00",
            id="meta-only",
        ),
        pytest.param(
            "<!DOCTYPE html>" + _page(),
            "http://www.example.gov.cn/zwgk/202407/t20240712_1.html",
            "2024-07-12",
            id="url-only",
        ),
        pytest.param(
            _page(
                head='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                above="<div>第A01版：头版</div><div>第A02版：要闻</div><strong>2024年07月12日</strong>",
            ),
            URL,
            "2024年07月12日",
            id="edition-only-wrong-declaration",
        ),
    ],
)
def test_bom_first_page_keeps_its_date(html: str, url: str, expected: str) -> None:
    response = fix_encoding(served_response(url, _BOM + html.encode("utf-8")))
    fields = extract_article(response.selector, url)
    assert fields.title == "关于做好基层党建工作的通知"
    assert fields.published_raw == expected


# --- script data --------------------------------------------------------------------------


def _scripted(script: str, header: str = "") -> str:
    return _page(head=f"<script>{script}</script>", header=header)


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param(
            'window.DATA = {"title": "关于做好基层党建工作的通知", "media": "某某日报", '
            '"pubtime": "2019-09-07 19:02:26"};',
            "2019-09-07 19:02:26",
            id="qq-window-data",
        ),
        pytest.param("var pubtime='2021-01-05 16:59:00';", "2021-01-05 16:59:00", id="assigned"),
        pytest.param(
            "var cfg = {pubtime: '2019-11-25 10:00', channel: 'news'};",
            "2019-11-25 10:00",
            id="bare-key",
        ),
        pytest.param(
            '{"@type": "NewsArticle", "datePublished": "2019-09-05T11:10:52"}',
            "2019-09-05T11:10:52",
            id="json-ld",
        ),
        pytest.param("var article = {publish_time: 1567852946};", "1567852946", id="epoch"),
        pytest.param(
            "var ptime = Get('time'); var pubTime = new Date(2019, 8, 7);",
            None,
            id="code-is-not-data",
        ),
        pytest.param(
            'var related = [{"publishDate": "2019-09-07T00:31:40Z"},'
            ' {"publishDate": "2019-09-06T05:51:23Z"}];',
            None,
            id="several-different-times-are-a-list",
        ),
        # adversarial: one other article's time in a related or hot-list widget
        pytest.param(
            'var related = [{"title": "另一篇文章", "pubDate": "2019-09-07T00:31:40Z"}];',
            None,
            id="one-entry-related-array",
        ),
        pytest.param(
            'var hotNews = {"title": "另一篇文章的标题", "pubtime": "2019-09-07 10:00"};',
            None,
            id="other-articles-object",
        ),
        pytest.param(
            'var list = {"items": [{"ptime": "2019-09-07 10:00", "url": "/a/2.html"}]};',
            None,
            id="list-entry-without-title",
        ),
        pytest.param("var pubtime = '待定';", None, id="not-a-date"),
        pytest.param("var publishId = '2019-09-07';", None, id="other-key"),
    ],
)
def test_date_in_script_data(script: str, expected: str | None) -> None:
    raw, how = _article(_scripted(script))
    assert raw == expected
    assert how == ("meta" if expected else "missing")


def test_json_ld_graph_array_is_the_page_itself() -> None:
    script = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", '
        '"headline": "关于做好基层党建工作的通知", "datePublished": "2019-09-05T11:10:52"}]}'
    )
    page = _page(head=f'<script type="application/ld+json">{script}</script>')
    assert _article(page) == ("2019-09-05T11:10:52", "meta")


@pytest.mark.parametrize(
    "script",
    [
        'var related = [{"media": "某某晚报", "pubtime": "2019-09-07 19:02:26"}];',
        'var hot = {"title": "另一篇文章的标题", "media": "某某晚报", "pubtime": "2019-09-07"};',
    ],
)
def test_other_articles_media_is_no_source(script: str) -> None:
    fields = extract_article(Selector(text=_scripted(script)), URL)
    assert (fields.source, fields.published_raw) == (None, None)


def test_visible_date_beats_script_data() -> None:
    page = _scripted('var pubtime = "2019-09-08 10:00";', "<p>发布时间：2019-09-07</p>")
    assert _article(page) == ("2019-09-07", "heuristic")


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        pytest.param(
            'window.DATA = {"media": "扬子晚报", "media_id": "5183008", '
            '"pubtime": "2019-09-07 19:02:26"};',
            "扬子晚报",
            id="qq-media-beside-pubtime",
        ),
        pytest.param(
            'var siteConf = {"auto": "某某汽车", "media": "某某传媒", "money": "某某财经"};',
            None,
            id="channel-map-without-pubtime",
        ),
        pytest.param(
            'var DATA = {"source": "personal", "pubtime": "2019-09-07 19:02"};',
            None,
            id="bare-source-key-is-not-read",
        ),
    ],
)
def test_source_in_script_data(script: str, expected: str | None) -> None:
    fields = extract_article(Selector(text=_scripted(script)), URL)
    assert fields.source == expected


# --- the headline's own info line inside a furniture-named box ------------------------------

_ASIDE_TITLE = "<title>逆水寒的新版本来了_某某游戏网</title>"


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        pytest.param(
            "<aside class='ymw-contxt-aside'><h1>逆水寒的新版本来了</h1>"
            "<span>2019-09-05 11:10 某某游戏网</span></aside>",
            "2019-09-05 11:10",
            id="aside-named-headline-box",
        ),
        pytest.param(
            "<div class='side-title'><h1>逆水寒的新版本来了</h1><p>发布时间：2019-09-05</p></div>",
            "2019-09-05",
            id="side-named-headline-box",
        ),
        pytest.param(
            "<nav><h1>逆水寒的新版本来了</h1><span>2019-09-05 11:10</span></nav>",
            None,
            id="nav-tag-stays-furniture",
        ),
        pytest.param(
            "<div class='sidebar' style='display:none'><h2>逆水寒的新版本来了</h2>"
            "<span>2019-09-05 11:10</span></div>",
            None,
            id="hidden-box",
        ),
        pytest.param(
            "<aside class='aside'><h2>热门文章</h2><span>2019-09-05 11:10</span></aside>",
            None,
            id="other-heading",
        ),
    ],
)
def test_date_line_of_a_furniture_named_headline_box(box: str, expected: str | None) -> None:
    html = f"<html><head>{_ASIDE_TITLE}</head><body>{box}<div class='TRS_Editor'>{BODY}</div>"
    html += "</body></html>"
    assert _article(html)[0] == expected


def test_a_related_list_between_headline_and_body_gives_no_date():
    # '关联稿件' (ucap county portals): the entry's date is the linked page's; the page's own
    # date is then the PubDate meta.
    related = (
        "<div class='rel'><h3>关联稿件：</h3><ul><li><a href='/a/202307/t1.shtml'>"
        "图文解读：《关于做好基层党建工作的通知》</a>"
        "<span class='time'>2023-07-12</span></li></ul></div>"
    )
    page = _page(head="<meta name='PubDate' content='2023-08-16 10:33:59'>", header=related)
    assert _article(page) == ("2023-08-16 10:33:59", "meta")
