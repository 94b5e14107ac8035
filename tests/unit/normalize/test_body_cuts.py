"""clean_body on article shapes no labelled page has: its cut rules must not lose text.

Synthetic texts modelled on ordinary article pages (gov.cn notices and regulations,
people.com.cn / xinhuanet.com reports, 163.com / sina.com.cn news, WeChat articles). Each
holds a word or line that a closing, footer or notice rule looks for, in a place where it is
the article's own text; every paragraph must survive.
"""

from __future__ import annotations

import pytest

from crawler.normalize.body import clean_body

# A paragraph of report prose, ~80 characters: articles are made of these.
PARA = (
    "会议指出，要坚持以人民为中心的发展思想，统筹推进各项工作，切实把各项决策部署落到实处，"
    "不断增强人民群众的获得感、幸福感和安全感，推动高质量发展取得新成效。"
)


def _article(*middle: str, before: int = 4, after: int = 2) -> str:
    """`before` paragraphs, the lines in `middle`, `after` paragraphs (distinct texts)."""
    head = [f"{i}、{PARA}" for i in range(1, before + 1)]
    tail = [f"（{i}）{PARA}" for i in range(1, after + 1)]
    return "\n".join([*head, *middle, *tail])


KEPT = [
    # A short quote in the second half that says 在看 (WeChat's '在看' button rule).
    pytest.param(_article("老王说，在看台上也能看清。"), id="zaikan-quote-in-prose"),
    pytest.param(_article("工作重点在看落实成效"), id="zhongdian-zaikan-heading"),
    # A QR prompt inside a long article, text after it (people.com.cn, gov.cn 政务新媒体).
    pytest.param(
        _article("扫码关注“某某发布”公众号了解更多", before=5, after=3), id="qr-prompt-mid-article"
    ),
    pytest.param(_article("扫一扫，关注某某微信公众号", before=6, after=2), id="qr-prompt-late"),
    # A regulation's clause about reproduction (网信办 rules, gov.cn 政策 pages).
    pytest.param(
        _article("第八条 互联网新闻信息服务提供者不得转载未经核实的新闻信息。", after=3),
        id="regulation-clause-on-reproduction",
    ),
    # A recruitment notice's own 特别声明 in its last third, its contact lines after it
    # (gov.cn 招聘公告 shape).
    pytest.param(
        _article(
            "特别声明：本次招聘不收取任何费用，请考生提高警惕，谨防上当受骗。",
            "六、联系方式",
            "联系人：李老师",
            "咨询电话：0571-12345678",
            after=0,
        ),
        id="special-statement-of-a-notice",
    ),
    pytest.param(
        _article("特别声明：本次招聘不收取任何费用，请考生谨防上当受骗。", after=0),
        id="special-statement-closing-a-notice",
    ),
    pytest.param(
        _article("声明：本单位从未委托任何中介机构代办相关业务。", after=0),
        id="statement-closing-a-notice",
    ),
    # An event notice's organizer lines in its last third, the rest of the notice after.
    pytest.param(
        _article(
            "主办单位：中共某某市委宣传部",
            "承办单位：某某市文学艺术界联合会",
            "报名方式：请于7月10日前将作品电子版发送至指定邮箱，并注明作者姓名、单位和联系电话。",
            "联系人：张三，电话：0571-12345678",
            after=0,
        ),
        id="organizer-lines-of-a-notice-closing",
    ),
    pytest.param(_article("联系我们的是一位退休老党员。", after=1), id="lianxi-women-in-prose"),
    # An event report's last paragraph whose subject is the organizer (people.com.cn,
    # local gov.cn news shape).
    pytest.param(
        _article("主办单位负责人表示，今后将继续举办此类活动，让更多市民受益。", after=0),
        id="organizer-as-subject-of-the-last-sentence",
    ),
    pytest.param(
        _article("承办单位的工作人员全程做好服务保障。", before=2, after=2),
        id="organizer-as-subject-mid-text",
    ),
    # A procurement notice's requirement line opening with 技术支持 (ccgp.gov.cn 招标公告 shape).
    pytest.param(
        _article("技术支持：供应商须提供7×24小时技术服务，接到报修后2小时内到达现场。", before=2),
        id="tech-support-requirement-in-a-notice",
    ),
    # Last paragraphs that open with 相关报道 / 相关新闻 as prose (xinhuanet.com, sina.com.cn).
    pytest.param(
        _article("相关报道显示，该项目今年已完成投资20亿元。", after=0), id="xiangguan-baodao-prose"
    ),
    pytest.param(_article("相关新闻发布会将于下周举行。", after=0), id="xiangguan-xinwen-prose"),
    pytest.param(
        _article("相关文章指出，基层减负仍需久久为功。", after=0), id="xiangguan-wenzhang-prose"
    ),
    # Copyright and ICP words in the prose of a report about them (court, 通信管理局 news).
    pytest.param(
        _article("法院认定，原告是涉案作品的版权所有者。", before=2, after=3),
        id="copyright-holder-in-prose",
    ),
    pytest.param(
        _article("未取得ICP证的网站不得从事经营性互联网信息服务。", before=2, after=3),
        id="icp-licence-in-prose",
    ),
    pytest.param(
        _article("网站应在首页底部显示ICP备案编号。", before=2, after=3),
        id="icp-filing-in-prose",
    ),
    # A photo credit under a picture in the middle of a report (163.com, thepaper.cn).
    pytest.param(_article("© 视觉中国", before=2, after=3), id="photo-credit-copyright-sign"),
]


@pytest.mark.parametrize("text", KEPT)
def test_article_text_is_kept(text: str) -> None:
    assert clean_body(text) == text


CUT = [
    # The furniture the rules are for still goes at the end of a body.
    pytest.param(_article("扫一扫在手机打开当前页", after=0), "", id="qr-closing"),
    pytest.param(
        _article(
            "扫描下方二维码解锁更多技能", "1、回复【社保】查看政策", "点个在看你最好看", after=0
        ),
        "",
        id="wechat-menu-closing",
    ),
    pytest.param(_article("分享、点赞、在看", after=0), "", id="wechat-buttons-closing"),
    pytest.param(
        _article("未经授权，不得转载。", "作者系某某大学教授。", after=0),
        "",
        id="reproduction-notice-closing",
    ),
    pytest.param(
        _article("特别声明：以上内容仅代表作者本人观点，不代表本平台立场。", after=0),
        "",
        id="special-statement-closing",
    ),
    pytest.param(_article("相关报道：", "某某会议召开", after=0), "", id="related-label-closing"),
    pytest.param(_article("相关新闻 某某会议在京召开", after=0), "", id="related-teaser-closing"),
    pytest.param(_article("主办单位：某某市人民政府办公厅", after=0), "", id="organizer-closing"),
    pytest.param(
        _article("主办单位：某某市人民政府", "地址：某某路1号 邮编：100000", after=0),
        "",
        id="organizer-and-address-closing",
    ),
    pytest.param(_article("京ICP备12345678号", after=0), "", id="icp-number-closing"),
    pytest.param(
        _article("技术支持：某某信息技术有限公司", after=0), "", id="tech-support-closing"
    ),
    pytest.param(_article("© 2024 某某网 版权所有", after=0), "", id="copyright-closing"),
    pytest.param(_article("© 人民网", after=0), "", id="copyright-sign-without-year-closing"),
]


@pytest.mark.parametrize(("text", "dropped"), CUT)
def test_closing_furniture_still_goes(text: str, dropped: str) -> None:
    assert clean_body(text) == _article(after=0) + dropped


@pytest.mark.parametrize("text", [*KEPT, *(pytest.param(p.values[0], id=p.id) for p in CUT)])
def test_clean_body_idempotent_on_these_shapes(text: str) -> None:
    once = clean_body(text)
    assert clean_body(once) == once
