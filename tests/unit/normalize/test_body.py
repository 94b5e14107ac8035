"""crawler.normalize.body: padding, furniture, footers, and the content fingerprint."""

from __future__ import annotations

import re

import pytest

from crawler.normalize.body import (
    _FOOTER_HINT_NEEDLES,
    _FOOTER_HINT_RE,
    clean_body,
    fingerprint,
    is_site_footer,
    may_hold_site_footer,
)
from tests.support.tables import first_values

# --------------------------------------------------------------------------------------------
# clean_body
# --------------------------------------------------------------------------------------------

# The shjcdj.cn sample article body (seed 000_6f13dfb4a2b5052d), line by line as extracted:
# U+00A0 indentation, "???" left by a lossy GBK conversion, a "| |" share bar and the footer.
SHJCDJ_BODY_LINES = (
    (
        "\xa0\xa0\xa0\xa0(上海基层党建网) ???面对新冠肺炎疫情防控的严峻考验,"
        "崇明区新海镇党委认真贯彻落实上"
        "级部门有关疫情防控工作部署,将做好疫情防控工作作为巩固拓展“不忘初心、牢记使命”主题教育"
        "成果的实践战场,积极组织动员各方红色力量参与联防联控工作,用心用情用力答好新冠肺炎疫情防"
        "控“考题”。"
    ),
    "",
    "\xa0\xa0\xa0\xa0组织发动到位,密植多元协同的“群防线”",
    "",
    (
        "\xa0\xa0\xa0\xa0注重发挥区域化党建作用,实现联防联控。针对新海镇二元主体治理结构的特殊情况,注重发挥"
        "区域化党建作用,结合“双报到双报告”工作制度,进一步加强镇企之间的协调联动,积极动员驻区单"
        "位在职党员认领疫情防控项目,缓解社区防控一线人员紧缺的压力。共计276名党员认领了项目近60"
        "0个。注重发挥党支部堡垒作用,实现群防群控。本镇以落实党支部开展“把初心落在行动上、把使"
        "命担在肩膀上”主题党日活动为契机,注重把基层党组织和全体党员全面动员起来,以领导干部包片"
        "到居、居委干部包干到户、骨干力量包干到人的模式,精心选派机关企事业单位人员及社工101人("
        "参与小区封闭式管理89人,下沉居民区协助开展防控工作12人)参与一线疫情防控工作,筑牢社区群"
        "防群控的严密防线。注重发挥微网格细胞作用,实现微防微控。为坚决守好外防输入、内防反弹的"
        "社区防线,全面落实排查工作“全覆盖无死角”原则,注重结合叶脉工程党建微网格建设,充分调动党"
        "建网格内各方力量,投入社区疫情防控工作,帮助居委会想好招、把好关、守好门,阻击输入性传染"
        "的“最后一公里”"
    ),
    "",
    "\xa0\xa0\xa0\xa0监督管理到位,筑牢社区硬核的“阻击线”",
    "",
    (
        "\xa0\xa0\xa0\xa0现场督查指导,压实主体责任。结合“社区工作日”组织本镇中层干部,以组团督查+个人巡查的"
        "方式,全面监督指导居委会小区封闭式管理、居家隔离措施落实及企业复工复产等情况,推动每日督"
        "查问题有效整改,为全镇疫情防控斗争取得阶段性胜利提供重要保证。多维考察干部,凝聚组织力量"
        "。坚持把对党员干部的锤炼和考验贯彻于疫情一线,制定下发《关于进一步加强本镇机关、企事业"
        "单位赴居民区志愿者日常管理工作的通知》,采取特殊时段暗访、重要点位必访的方式,实地查看下"
        "沉居民区的区、镇两级机关企事业志愿者在岗服务情况,对在疫情中站得出来、顶得上去、表现良"
        "好的年轻干部,优先纳入“墩苗”“穗选”计划跟踪培养。严明纪律作风,推动工作落实。为贯彻好中组"
        "部关于各级党组织做好党员自愿捐款指导服务工作的通知要求,第一时间落实相关工作,及时发动全"
        "体党员参与捐款,并足额将所捐款项缴纳至区委组织部,本镇27个党支部791名党员共计捐款104326"
        "元,参与率达97.7%。同时,对区委组织部下拨的6万元疫情防控专项党费及时购买防疫物资,助力社"
        "区疫情防控工作,认真监督各支部做好物资的接收、使用和管理工作,确保此次专项党费做到专款专"
        "用,发挥传递组织温暖、解决实际困难、凝聚党心民心的重要作用。"
    ),
    "",
    "\xa0\xa0\xa0\xa0宣传引导到位,完善关心关爱的“激励线”",
    "",
    (
        "\xa0\xa0\xa0\xa0强化宣传引导,营造良好氛围。围绕“充分发挥基层党组织的战斗堡垒和党员干部的模范带头作"
        "用”主题,组织工作人员深入采写信息稿件,广泛宣传疫情防控一线的先进典型,积极弘扬正能量,唱"
        "响主旋律,激发干部群众抗击疫情、共克时艰的积极性和主动性,推动全体党员干部挺身而出、担当"
        "作为。强化关心关爱,建立轮岗机制。为保证防控一线社区工作者及时得到必要休整,建立优化轮岗"
        "换岗机制,采取轮休调休等方式保证一线工作人员及时得到休整,对身体健康状况不适宜在疫情防控"
        "一线工作的人员,及时进行轮换调整;对长时间超负荷工作的人员安排强制休息,全力保障疫情防控"
        "一线社区志愿者的身心健康和防控工作的有效运行。强化走访慰问,坚定抗疫信心。自新冠肺炎疫"
        "情发生以来,本镇班子成员以上率下发扬连续作战的精神,从“假期模式”转入“战时模式”,走访慰问"
        "执勤于社区各防控点位的社区工作者、党员志愿者及居民骨干,主动为他们开展思想教育和宣传引"
        "导,帮助他们缓解焦虑情绪、降低压力、消除恐惧、稳定心态,切实为打赢抗击疫情的人民战“疫”增"
        "强信心、坚定信心。"
    ),
    "",
    (
        "\xa0\xa0\xa0\xa0疫情就是命令,防控就是责任。新海镇党委积极响应区委区政府及组织部门号召,立足基层需求"
        "、结合自身优势,落实相关工作举措,统筹做好点位执勤,切实做到守土有责、守土担责、守土尽责,"
        "在“时刻准备着”的最前沿以先锋之姿践行公仆情怀,以赤子之心回答疫情防控“考卷”。"
    ),
    "",
    "\xa0\xa0\xa0\xa0| |",
    "",
    "\xa0\xa0\xa0\xa0主办单位:中共上海市委组织部 党建网版权所有 未经书面授权禁止使用",
    "",
    (
        "\xa0\xa0\xa0\xa0网站办公地址:上海市伊犁南路215号 网址:http://www.shjcdj.cn "
        "电话:(021)32303149 邮政"
        "编码:200031 邮箱:shjcdj@163.com"
    ),
    "",
    "\xa0\xa0\xa0\xa0ICP备案:05011551号",
    "",
    "\xa0\xa0\xa0\xa0沪公网安备 31010502000005号",
)
SHJCDJ_BODY = "\n".join(SHJCDJ_BODY_LINES)


def test_clean_body_shjcdj_sample() -> None:
    body = clean_body(SHJCDJ_BODY)
    paragraphs = body.split("\n")
    assert body.startswith("(上海基层党建网) 面对新冠肺炎疫情防控的严峻考验")
    assert body.endswith("以赤子之心回答疫情防控“考卷”。")
    assert "???" not in body
    assert "主办单位" not in body
    assert "ICP" not in body
    assert "|" not in body
    assert "\xa0" not in body
    assert len(paragraphs) == 8
    assert paragraphs[1] == "组织发动到位,密植多元协同的“群防线”"
    assert clean_body(body) == body


# Two paragraphs of article text, for the rules that look at the body's closing part.
PROSE = "这是一段较长的正文，讲述一件事情的经过。\n第二段正文说明了结果和各方的看法，足够长。"

BODY_CASES = [
    pytest.param(
        "\u3000\u3000第一段。\n\n\u3000\u3000第二段。",
        "第一段。\n第二段。",
        id="ideographic-indent",
    ),
    pytest.param("\xa0\xa0\xa0\xa0第一段\xa0\xa0正文。", "第一段 正文。", id="nbsp"),
    pytest.param("第一段。\r\n\r\n第二段。\r\n", "第一段。\n第二段。", id="crlf"),
    pytest.param("第一段。\r第二段。", "第一段。\n第二段。", id="bare-cr"),
    pytest.param("a\t\u2002\u2003\u200b\ufeffb", "a b", id="odd-spaces"),
    pytest.param(
        "（上海基层党建网）\xa0???面对疫情", "（上海基层党建网） 面对疫情", id="gbk-nbsp-fullwidth"
    ),
    pytest.param(
        "(上海基层党建网)???面对疫情", "(上海基层党建网)面对疫情", id="gbk-nbsp-after-paren"
    ),
    pytest.param("???“两学一做”", "“两学一做”", id="gbk-nbsp-before-quote"),
    pytest.param("\u3000\u3000???面对疫情", "面对疫情", id="gbk-nbsp-paragraph-start"),
    pytest.param("为什么???", "为什么???", id="real-question-marks"),
    pytest.param("怎么办???我们要学习。", "怎么办???我们要学习。", id="question-marks-after-text"),
    pytest.param("What?? 好", "What?? 好", id="ascii-question-after-word"),
    pytest.param("正文结束。【打印】【关闭】", "正文结束。", id="print-close-inline"),
    pytest.param("正文。\n【打印本页】 【关闭窗口】", "正文。", id="print-close-paragraph"),
    pytest.param("正文。\n【字号：大 中 小】", "正文。", id="font-size-switch"),
    pytest.param("正文。\n分享到：微信 微博", "正文。", id="share-bar"),
    pytest.param("正文。\n| |", "正文。", id="pipe-bar"),
    pytest.param("正文。\n分享到： QQ空间 | 朋友圈 | 打印 | 关闭", "正文。", id="share-print-bar"),
    pytest.param("【不忘初心 牢记使命】正文", "【不忘初心 牢记使命】正文", id="real-brackets-kept"),
    pytest.param("他说：“返回岗位。”", "他说：“返回岗位。”", id="furniture-word-in-prose-kept"),
    pytest.param(
        "正文。\n主办单位：中共上海市委组织部\n网站办公地址：上海市伊犁南路215号",
        "正文。",
        id="footer-zhuban",
    ),
    pytest.param("正文。\n版权所有：某某网\n后续", "正文。", id="footer-copyright-cn"),
    pytest.param(
        "各党支部：\n主办单位：区委组织部\n承办单位：区文联\n活动时间：7月15日\n" + PROSE,
        "各党支部：\n主办单位：区委组织部\n承办单位：区文联\n活动时间：7月15日\n" + PROSE,
        id="organizer-lines-of-an-event-notice-kept",
    ),
    pytest.param(
        PROSE + "\n主办单位：某某区人民政府\n地址：某某路1号", PROSE, id="organizer-line-closing"
    ),
    pytest.param(
        "主办单位：某某区人民政府 版权所有\n" + PROSE, "", id="copyright-footer-at-the-top"
    ),
    pytest.param(
        "主办单位：某某区人民政府 © 某某网 ©2024\n" + PROSE, "", id="signed-footer-at-the-top"
    ),
    pytest.param(
        "主办单位：区委组织部 © 视觉中国\n" + PROSE,
        "主办单位：区委组织部 © 视觉中国\n" + PROSE,
        id="organizer-line-with-photo-credit-kept",
    ),
    pytest.param("正文。\n沪ICP备05011551号", "正文。", id="footer-province-icp"),
    pytest.param("正文。\n京公网安备 11010502000001号", "正文。", id="footer-gongan"),
    pytest.param("正文。\n网站标识码：3100000001", "正文。", id="footer-site-code"),
    pytest.param("正文。\n技术支持：某某科技", "正文。", id="footer-tech-support"),
    pytest.param("正文。\n技术支持 某某科技", "正文。", id="footer-tech-support-blank"),
    pytest.param(
        "正文。\n技术支持是关键。\n后文。",
        "正文。\n技术支持是关键。\n后文。",
        id="tech-support-prose",
    ),
    pytest.param("正文。\nCopyright © 2020 某某网", "正文。", id="footer-copyright"),
    pytest.param("正文。\n© 2020 某某网", "正文。", id="footer-copyright-sign"),
    pytest.param("正文。\n联系我们", "正文。", id="footer-contact"),
    pytest.param("正文。\n上海基层党建网 版权所有", "正文。", id="footer-short-copyright"),
    pytest.param(
        "正文。\n" + "长" * 120 + "版权所有" + "长" * 10,
        "正文。\n" + "长" * 120 + "版权所有" + "长" * 10,
        id="long-prose-mentioning-copyright-kept",
    ),
    # Furniture at the END of a body (real pages: people, chinanews, cjn, xinhua).
    pytest.param("正文。\n(责编：汤诗瑶、丁涛)", "正文。", id="trailing-editor-ascii-parens"),
    pytest.param("正文。\n【编辑:陈海峰】", "正文。", id="trailing-editor-brackets"),
    pytest.param("正文。\n责任编辑： 尹世杰", "正文。", id="trailing-editor-bare"),
    pytest.param("正文。\n责任编辑 王五", "正文。", id="trailing-editor-spaced"),
    pytest.param(
        "正文。\n+1\n【纠错】 责任编辑： 尹世杰", "正文。", id="trailing-counter-and-editor"
    ),
    pytest.param(
        "正文。\n【1】【2】【3】【4】\n(责编：汤诗瑶、丁涛)",
        "正文。",
        id="trailing-pager-and-editor",
    ),
    pytest.param("正文。\n上一页 1 2 3 下一页", "正文。", id="trailing-pager-words"),
    pytest.param(
        "（资料来源：参考消息）\n【编辑：姚昊】",
        "（资料来源：参考消息）",
        id="trailing-editor-after-source-note",
    ),
    pytest.param(
        "责任编辑：张三\n正文。", "责任编辑：张三\n正文。", id="editor-line-not-at-end-kept"
    ),
    pytest.param(
        "正文。\n编辑出版了三本书。", "正文。\n编辑出版了三本书。", id="editor-word-in-prose-kept"
    ),
    pytest.param("正文。\n(作者：方敏)", "正文。\n(作者：方敏)", id="trailing-author-credit-kept"),
    pytest.param("正文。\n+1 正文", "正文。\n+1 正文", id="plus-in-prose-kept"),
    pytest.param("正文。\n2020", "正文。\n2020", id="trailing-number-kept"),
    # Furniture at the START of a body (people promo link, xinhua gallery label).
    pytest.param("点击进入“文艺星青年”>>\n正文。", "正文。", id="leading-promo-link"),
    pytest.param("图集\n正文。", "正文。", id="leading-gallery-label"),
    pytest.param("正文。\n图集", "正文。\n图集", id="gallery-label-not-at-start-kept"),
    pytest.param("正文。\n详见附件>>", "正文。\n详见附件>>", id="promo-arrow-not-at-start-kept"),
    pytest.param(
        "第一段" + "长" * 60 + ">>\n正文。",
        "第一段" + "长" * 60 + ">>\n正文。",
        id="long-first-paragraph-with-arrows-kept",
    ),
    # Closing markers: the line and all after it go, in the body's closing part only.
    pytest.param(PROSE + "\n相关日志\n某某文章标题 (4)", PROSE, id="related-heading-and-teaser"),
    pytest.param(
        PROSE + "\n延伸 · 推荐\n另一篇标题\n另一篇的导语。", PROSE, id="related-heading-middle-dot"
    ),
    pytest.param(PROSE + "\n【延伸阅读】\n标题一\n标题二", PROSE, id="related-heading-bracketed"),
    pytest.param(
        "开头。\n相关阅读\n" + PROSE,
        "开头。\n相关阅读\n" + PROSE,
        id="related-heading-near-top-kept",
    ),
    pytest.param(
        PROSE + "\n他说，相关阅读材料很多。",
        PROSE + "\n他说，相关阅读材料很多。",
        id="related-words-in-prose-kept",
    ),
    pytest.param(
        PROSE + "\n本文为某某授权某网发布，转载请注明出处。\n作者曾任某公司顾问。",
        PROSE,
        id="reproduction-notice-and-bio",
    ),
    pytest.param(PROSE + "\n版权声明：本文为原创。\n某某", PROSE, id="copyright-statement"),
    pytest.param(PROSE + "\n声明：本文仅代表作者观点。", PROSE, id="statement-notice"),
    pytest.param(
        PROSE + "\n声明指出，各方应保持克制。",
        PROSE + "\n声明指出，各方应保持克制。",
        id="statement-in-prose-kept",
    ),
    pytest.param(PROSE + "\n此前报道：", PROSE, id="earlier-reports-heading"),
    pytest.param(
        PROSE + "\n此前报道称，该项目已经开工。",
        PROSE + "\n此前报道称，该项目已经开工。",
        id="earlier-reports-in-prose-kept",
    ),
    pytest.param(PROSE + "\n扫一扫在手机打开当前页", PROSE, id="qr-open-on-phone"),
    # A reply menu under the prompt goes too, as long as the text above is twice its size
    # (the body's closing part: a prompt in the middle of a text is the text's own).
    pytest.param(
        PROSE
        + "\n"
        + PROSE
        + "\n扫描下方二维码关注我们\n回复【一】查看某某政策，回复【二】查看某某。",
        PROSE + "\n" + PROSE,
        id="qr-prompt-above-a-long-menu",
    ),
    pytest.param(
        PROSE + "\n相关阅读\n" + "另一篇文章的标题和它的导语。" * 2,
        PROSE + "\n相关阅读\n" + "另一篇文章的标题和它的导语。" * 2,
        id="related-heading-above-more-text-kept",
    ),
    pytest.param(
        PROSE + "\n编辑|张三\n责编|李四\n校对|王五\n来源|某某发布、某某报"
        "\n扫描下方二维码解锁更多技能\n1、回复【社保】查看政策\n看都看完了，点【在看】试试",
        PROSE,
        id="wechat-trailer",
    ),
    pytest.param(
        PROSE + "\n市民可扫码关注“某某发布”了解更多。",
        PROSE + "\n市民可扫码关注“某某发布”了解更多。",
        id="qr-sentence-kept",
    ),
    pytest.param(
        PROSE + "\n他说：我们现在看，大家都在看这件事。",
        PROSE + "\n他说：我们现在看，大家都在看这件事。",
        id="zai-kan-in-prose-kept",
    ),
    pytest.param(PROSE + "\n责任编辑|张三", PROSE, id="editor-bar"),
    # Trailer lines of a body, as a pattern: toolbars, counters, neighbour links, QR shares.
    pytest.param(PROSE + "\n【字体：大 中 小】【打印本页】【关闭窗口】", PROSE, id="toolbar"),
    pytest.param(PROSE + "\n【我要纠错】", PROSE, id="jiucuo-button"),
    pytest.param(PROSE + "\n打印本页 | 关闭窗口 | 我要纠错", PROSE, id="toolbar-with-jiucuo"),
    pytest.param("纠错信息已经提交。\n" + PROSE, "纠错信息已经提交。\n" + PROSE, id="jiucuo-prose"),
    pytest.param(PROSE + "\n【我来说两句】 【推荐】", PROSE, id="comment-button"),
    pytest.param(PROSE + "\n浏览次数：123", PROSE, id="view-counter"),
    pytest.param(PROSE + "\n【访问量：199】", PROSE, id="view-counter-bracketed"),
    pytest.param(PROSE + "\n点击数：", PROSE, id="view-counter-empty"),
    pytest.param(
        PROSE + "\n浏览次数很多的文章。", PROSE + "\n浏览次数很多的文章。", id="counter-prose"
    ),
    pytest.param(
        PROSE + "\n上一篇：关于某某的通知\n下一篇：关于某某的公告", PROSE, id="neighbour-links"
    ),
    pytest.param(
        PROSE + "\n【上一篇】 某某新闻\n【下一篇】 某某消息", PROSE, id="neighbour-bracketed"
    ),
    pytest.param(PROSE + "\n上一篇\n某某会议召开", PROSE, id="neighbour-word-alone"),
    pytest.param(
        PROSE + "\n上一篇文章说到这里。", PROSE + "\n上一篇文章说到这里。", id="neighbour-prose"
    ),
    pytest.param(PROSE + "\n用微信扫描二维码分享至好友和朋友圈", PROSE, id="qr-share"),
    pytest.param(PROSE + "\n扫一扫，用手机看新闻！", PROSE, id="qr-phone"),
    pytest.param(PROSE + "\n微信扫一扫：分享", PROSE, id="qr-share-label"),
    pytest.param(
        PROSE + "\n相关链接\n某某政策解读\n一图读懂某某措施", PROSE, id="related-links-heading"
    ),
    pytest.param(PROSE + "\n相关链接：《关于某某的通知》", PROSE, id="related-link-inline"),
    pytest.param(PROSE + "\nTag:某某收购某某", PROSE, id="tag-line"),
    pytest.param(PROSE + "\n标签： 某某 某某会议", PROSE, id="tags-label-line"),
    pytest.param(PROSE + "\n关键字 : 某某 某某", PROSE, id="keywords-label-line"),
    pytest.param(
        PROSE + "\n关键词：高质量发展。这是全会的主题。",
        PROSE + "\n关键词：高质量发展。这是全会的主题。",
        id="keyword-paragraph-of-prose-kept",
    ),
    pytest.param("\n\n \u3000\n", "", id="only-whitespace"),
    pytest.param("", "", id="empty"),
    pytest.param(None, "", id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), BODY_CASES)
def test_clean_body(raw: str | None, expected: str) -> None:
    assert clean_body(raw) == expected


@pytest.mark.parametrize(
    "raw", [*first_values(BODY_CASES), pytest.param(SHJCDJ_BODY, id="shjcdj-sample")]
)
def test_clean_body_idempotent(raw: str | None) -> None:
    once = clean_body(raw)
    assert clean_body(once) == once


@pytest.mark.parametrize(
    ("text", "footer"),
    [
        pytest.param(
            "主办单位：某某市人民政府办公厅 承办单位：某某市大数据中心", True, id="zhuban"
        ),
        pytest.param("\xa0\xa0版权所有：某某市市场监督管理局", True, id="copyright-indented"),
        pytest.param("某某网 版权所有 未经授权禁止转载", True, id="short-copyright-anywhere"),
        pytest.param("沪ICP备12345678号 沪公网安备31010502000005号", True, id="icp"),
        pytest.param("技术支持：某某信息技术有限公司", True, id="tech-support"),
        pytest.param("该公司主办的展会吸引了很多观众。", False, id="zhuban-in-prose"),
        pytest.param("经研究，定于7月15日召开全市安全生产工作会议。", False, id="notice"),
    ],
)
def test_is_site_footer(text: str, footer: bool) -> None:
    assert is_site_footer(text) is footer


# Furniture and '???' removals that expose more of each other, with padding to collapse around
# them: the paragraph is cleaned until nothing changes (one pass when nothing is removed).
PARAGRAPH_CASES = [
    pytest.param("\u3000\u3000面对疫情", "面对疫情", id="indent-only"),
    pytest.param("  【打印】???面对  ", "面对", id="furniture-then-gbk-padding"),
    pytest.param("【关闭】 ???面对", "面对", id="furniture-space-padding"),
    pytest.param("【【打印】】正文", "【】正文", id="nested-brackets"),
    pytest.param("为什么???", "为什么???", id="real-question-marks-kept"),
    pytest.param(" \u00a0 ", "", id="blank"),
]


@pytest.mark.parametrize(("line", "expected"), PARAGRAPH_CASES)
def test_clean_paragraph_reaches_its_fixed_point(line: str, expected: str) -> None:
    assert clean_body(line) == expected
    assert clean_body(expected) == expected


# --------------------------------------------------------------------------------------------
# fingerprint
# --------------------------------------------------------------------------------------------


def test_fingerprint_is_sha1_hex() -> None:
    assert re.fullmatch(r"[0-9a-f]{40}", fingerprint("标题", "正文"))
    assert fingerprint(None, None) == fingerprint("", "")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(
            ("标题", "第一段\n第二段"), (" 标题 ", "\u3000\u3000第一段\n\n第二段 "), id="reindent"
        ),
        pytest.param(("标 题", "a\xa0b"), ("标题", "ab"), id="inner-spaces"),
        pytest.param((None, "正文"), ("", "正文"), id="none-title"),
    ],
)
def test_fingerprint_ignores_whitespace(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None]
) -> None:
    assert fingerprint(*a) == fingerprint(*b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(("标题", "正文"), ("标题", "正文。"), id="body-text"),
        pytest.param(("标题", "正文"), ("标", "题正文"), id="title-body-boundary"),
    ],
)
def test_fingerprint_distinguishes_content(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None]
) -> None:
    assert fingerprint(*a) != fingerprint(*b)


def test_clean_body_repeated_on_the_same_text() -> None:
    # The extractor and the record normalizer clean one body twice; the second is remembered.
    first, second = "\u3000\u3000甲。\n【打印】", "\u3000\u3000乙。\n【关闭】"
    assert [clean_body(first), clean_body(second), clean_body(first)] == ["甲。", "乙。", "甲。"]


@pytest.mark.parametrize(
    ("text", "may"),
    [
        pytest.param("正文一句。 主办单位：某某", True, id="second-paragraph"),
        pytest.param("Copyright 2024", True, id="copyright"),
        pytest.param("主 办", False, id="split-by-a-blank"),
        pytest.param("经研究，定于7月15日召开会议。", False, id="prose"),
        pytest.param("沪icp备12345678号", True, id="icp-lower-case"),
        pytest.param("COPYRIGHT © 某某", True, id="copyright-upper-case"),
        pytest.param("本报讯 记者张三报道。", False, id="prose-without-a-needle"),
        pytest.param("He played the piano.", False, id="a-p-but-no-word"),
        pytest.param("技术支持：某某公司", True, id="tech-support"),
    ],
)
def test_may_hold_site_footer(text: str, may: bool) -> None:
    assert may_hold_site_footer(text) is may


def test_every_footer_word_holds_a_needle() -> None:
    """The substring pre-test never hides a footer word: every alternative of the regex holds
    one of the needles (the ASCII words under any case), so adding a word without one fails."""
    for word in _FOOTER_HINT_RE.pattern.split("|"):
        forms = {word, word.lower(), word.upper()}
        assert all(any(needle in form for needle in _FOOTER_HINT_NEEDLES) for form in forms), word


def test_fingerprint_is_stable_across_releases() -> None:
    # The state compares fingerprints across runs: the key is title + '\n' + body, each
    # without blanks or zero-width characters, as sha1 hex.
    title, body = " 标题\u200b", "\u3000\u3000正文\ufeff内容\n\n第二段\u2060 "
    assert fingerprint(title, body) == "f10317717f4e2af2d74906541f7d8824393913d9"


def test_fingerprint_drops_exactly_what_ws_run_re_drops() -> None:
    # Every code point, alone and between letters: the fast path must match the regex.
    from crawler.normalize.body import _without_blanks  # noqa: PLC0415
    from crawler.normalize.folding import WS_RUN_RE  # noqa: PLC0415

    text = "".join(f"a{chr(c)}" for c in range(0x110000))
    assert _without_blanks(text) == WS_RUN_RE.sub("", text)
