"""crawler.extract.headline: the lines of a headline box (引题/副题, a credit) on snippets."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.headline import Headline, box_lines, heading_decks, read_headline


def _box(html: str, xpath: str = "//*[@class='tit']"):
    return Selector(text=f"<html><body>{html}</body></html>").root.xpath(xpath)[0]


KAI = "<span style='font-family: 楷体, SimKai;'>"


@pytest.mark.parametrize(
    ("html", "meta_title", "expected"),
    [
        pytest.param(
            "<div class='tit'><p>耕地保护不容有失</p>"
            "<p><span>本刊记者&nbsp; 侯逸宁</span></p></div>",
            None,
            Headline("耕地保护不容有失", None, "侯逸宁"),
            id="reporter-credit-line",
        ),
        pytest.param(
            "<div class='tit'><p>某某工作取得新进展</p><p>本报记者 张三 李四</p></div>",
            None,
            Headline("某某工作取得新进展", None, "张三 李四"),
            id="two-reporters",
        ),
        pytest.param(
            "<div class='tit'><p>少搞形式&nbsp;多干实事</p>"
            "<p><span style='font-size: 16px;'>王诗雨</span></p></div>",
            None,
            Headline("少搞形式\xa0多干实事", None, "王诗雨"),
            id="bare-name-line-in-smaller-type",
        ),
        pytest.param(
            "<div class='tit'><p style='font-size: 24px'>少搞形式多干实事</p>"
            "<p style='font-size: 12pt'>王诗雨</p></div>",
            None,
            Headline("少搞形式多干实事", None, "王诗雨"),
            id="bare-name-line-in-smaller-pt-type",
        ),
        pytest.param(
            f"<div class='tit'><p>少搞形式多干实事</p><p>{KAI}王诗雨</span></p></div>",
            None,
            Headline("少搞形式多干实事", None, "王诗雨"),
            id="bare-name-line-in-kai",
        ),
        # adversarial: a surname-initial word in the headline's own type is no name
        pytest.param(
            "<div class='tit'><p>少搞形式&nbsp;多干实事</p><p><span>王诗雨</span></p></div>",
            None,
            Headline("少搞形式\xa0多干实事 王诗雨", None, None),
            id="bare-name-in-headline-type-undecided",
        ),
        pytest.param(
            "<div class='tit'><p>某某省召开全省纪检监察工作会议</p><p>时评</p></div>",
            None,
            Headline("某某省召开全省纪检监察工作会议 时评", None, None),
            id="column-tag-is-no-name",
        ),
        pytest.param(
            "<div class='tit'><p>关于印发某某县农村人居环境整治实施</p><p>方案</p></div>",
            None,
            Headline("关于印发某某县农村人居环境整治实施 方案", None, None),
            id="headline-broken-before-a-surname-initial-word",
        ),
        pytest.param(
            "<div class='tit'><p style='font-size: 16px'>某某活动隆重开幕</p>"
            "<p style='font-size: 20px'>金秋</p></div>",
            None,
            Headline("某某活动隆重开幕 金秋", None, None),
            id="larger-type-is-no-name-line",
        ),
        pytest.param(
            "<div class='tit'><p>某某活动隆重开幕</p><p>王者归来</p></div>",
            None,
            Headline("某某活动隆重开幕 王者归来", None, None),
            id="four-character-slogan-is-no-name",
        ),
        pytest.param(
            "<div class='tit'><p>某某活动隆重开幕</p><p>评论</p></div>",
            None,
            Headline("某某活动隆重开幕 评论", None, None),
            id="no-surname-no-name",
        ),
        pytest.param(
            f"<div class='tit'><p>{KAI}推进某某工作高质量发展</span></p>"
            "<p>常态长效深化落实</p></div>",
            None,
            Headline("常态长效深化落实", "推进某某工作高质量发展", None),
            id="kai-kicker-above",
        ),
        pytest.param(
            f"<div class='tit'><p>{KAI}纵深推进某某工作</span><br>锲而不舍落实规定</p></div>",
            None,
            Headline("锲而不舍落实规定", "纵深推进某某工作", None),
            id="kai-kicker-br",
        ),
        pytest.param(
            "<div class='tit'><p>某某会议在京召开</p>"
            "<p><font face='楷体_GB2312'>各地代表共商发展大计</font></p></div>",
            None,
            Headline("某某会议在京召开", "各地代表共商发展大计", None),
            id="font-face-deck-below",
        ),
        pytest.param(
            "<div class='tit'><p>从数据看形与势</p><p><span>——解读某某年度数据</span></p></div>",
            None,
            Headline("从数据看形与势", "解读某某年度数据", None),
            id="dash-deck",
        ),
        pytest.param(
            "<div class='tit'><p>一行引题文字</p><p>主标题文字</p></div>",
            "主标题文字",
            Headline("主标题文字", "一行引题文字", None),
            id="meta-title-names-the-line",
        ),
        pytest.param(
            "<div class='tit'><strong>全国人民代表大会常务委员会<br>"
            "关于批准某某的决议</strong></div>",
            None,
            Headline("全国人民代表大会常务委员会 关于批准某某的决议", None, None),
            id="one-headline-over-lines-joined",
        ),
        pytest.param(
            "<div class='tit'><h2>午间公告：某某股份中标项目</h2>"
            "<div>2019-09-26 12:11来源：某某网作者：李四</div><div>分享到：</div></div>",
            None,
            Headline("午间公告：某某股份中标项目", None, None),
            id="byline-line-in-box-ends-it",
        ),
        pytest.param(
            "<div class='tit'><h1>某某资讯汇总</h1><p>2019年9月26日 15:10</p></div>",
            None,
            Headline("某某资讯汇总", None, None),
            id="date-line-in-box-ends-it",
        ),
        pytest.param(
            "<div class='tit'><p>关于某某条例的决定</p><p>2024年3月5日起施行</p></div>",
            None,
            Headline("关于某某条例的决定 2024年3月5日起施行", None, None),
            id="date-inside-headline-text-kept",
        ),
        pytest.param(
            f"<div class='tit'>{KAI}某某网站 张三</span></div>",
            None,
            Headline("某某网站 张三", None, None),
            id="single-line-kept",
        ),
    ],
)
def test_read_headline(html: str, meta_title: str | None, expected: Headline) -> None:
    assert read_headline(box_lines([_box(html)]), meta_title) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<h1 class='tit'>调整2007\n年末国债余额</h1>", "调整2007年末国债余额", id="digit-cjk"
        ),
        pytest.param(
            "<h1 class='tit'>关于批准\n  某某的决议</h1>", "关于批准某某的决议", id="cjk-cjk"
        ),
        pytest.param("<h1 class='tit'>iPhone\n发布会</h1>", "iPhone 发布会", id="latin-kept"),
        pytest.param("<h1 class='tit'>标题 第二段</h1>", "标题 第二段", id="real-space-kept"),
    ],
)
def test_source_line_breaks_inside_cjk_dropped(html: str, expected: str) -> None:
    assert [line.text for line in box_lines([_box(html)])] == [expected]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<div><h3 class='pre'>聚焦某某大会</h3><h1 class='tit'>标题</h1>"
            "<h4 class='sub'>副题文字</h4></div>",
            ("聚焦某某大会", "副题文字"),
            id="people-pre-sub",
        ),
        pytest.param(
            "<div><h3></h3><h2 class='tit'>标题</h2><h3>副题文字</h3></div>",
            (None, "副题文字"),
            id="empty-kicker-slot",
        ),
        pytest.param(
            "<div><h2 class='tit'>标题</h2><h3>来源：某某网 发布时间：2024-01-03</h3></div>",
            (None, None),
            id="byline-heading-refused",
        ),
        pytest.param(
            "<div><h2 class='tit'>标题</h2>正文<h3>小标题文字</h3></div>",
            (None, None),
            id="text-between-refused",
        ),
        pytest.param(
            "<div><h1>网站名称</h1><h2 class='tit'>标题</h2></div>",
            (None, None),
            id="higher-rank-refused",
        ),
        pytest.param(
            "<div><p class='tit'>标题</p><h3>副题</h3></div>", (None, None), id="no-heading"
        ),
    ],
)
def test_heading_decks(html: str, expected: tuple[str | None, str | None]) -> None:
    assert heading_decks(_box(html)) == expected
