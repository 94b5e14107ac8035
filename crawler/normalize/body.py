"""Body text: padding, furniture, footers; and the content fingerprint (pure)."""

from __future__ import annotations

import functools
import hashlib
import re

from crawler.normalize.folding import collapse as _collapse

# --------------------------------------------------------------------------------------------
# Body text
# --------------------------------------------------------------------------------------------

# '???' is what a lossy Unicode->GBK conversion leaves of '&nbsp;&nbsp;&nbsp;' (U+00A0 is not in
# GBK). It is removed only where padding sits - paragraph start, after a space or after a
# closing parenthesis - and only before CJK text or an opening quote/bracket, so a real
# question mark after text ('为什么???') is kept.
_GBK_NBSP_RE = re.compile(
    r"(?:^|(?<=[ )）]))\?{2,}(?=[\u3400-\u9fff\uf900-\ufaff“‘\"'《「『【(（\[])"
)
_FURNITURE_WORDS = (
    r"打印本页|打印|关闭窗口|关闭|返回顶部|返回首页|返回|加入收藏|收藏|字号|字体|默认"
    r"|大|中|小|分享到|分享|我要纠错|纠错|推荐|我来说两句|我要评论|发表评论|评论"
)
# Bracketed page furniture ('【打印】【关闭】', '【字号：大 中 小】', '【我要纠错】' of gov.cn
# pages, '【我来说两句】' of sohu.com and sina.com.cn) is removed wherever it appears in a
# paragraph: it is printed inline after the last sentence on many CMSs.
_BRACKET_FURNITURE_RE = re.compile(
    rf"[【\[［]\s*(?:{_FURNITURE_WORDS})(?:\s*[:：]?\s*(?:{_FURNITURE_WORDS}))*\s*[】\]］]"
)
# A paragraph made only of share/print words and separators is a toolbar ('| |',
# '分享到：微信 微博', '打印本页 | 关闭窗口 | 我要纠错' of gov.cn pages); single-character words
# 大/中/小 are font-size switches there.
_SHARE_BAR_RE = re.compile(
    r"(?:[\s|｜:：【】\[\]［］/·•,，]|分享到|分享|微信|微博|朋友圈|QQ空间|QQ|新浪微博|腾讯微博"
    r"|人人网|豆瓣|复制链接|扫一扫|打印本页|打印|关闭窗口|关闭|返回顶部|返回|加入收藏|收藏"
    r"|字号|字体|默认|大|中|小|我要纠错|纠错|我要评论|发表评论|评论)+",
    re.IGNORECASE,
)
# Registration numbers as footers print them: '京ICP备05070218号　京公网安备11010202000001号'
# (www.gov.cn), '沪ICP证：沪B2-20170116' (thepaper.cn), the same on chinanews.com.cn and cjn.cn.
# A digit follows within a few characters: 'ICP证的网站' or 'ICP备案编号' in the prose of a
# notice about website licensing is text.
_ICP = r"ICP(?:[备证]|备案)[^。，,；;！？]{0,8}?[0-9０-９]|公网安备[^。，,；;！？]{0,4}?[0-9０-９]"
# '版权所有' is a footer's words; '版权所有者'/'版权所有人' (a court report's prose) are not.
_COPYRIGHT = r"版权所有(?![者人权方])"
# Footers carry a year or rights words: 'Copyright © 1997-2019 by www.people.com.cn',
# 'Copyright © 1998 - 2019 Tencent. All Rights Reserved' (qq.com), '© 1997-2020 网易公司版权所有'
# (163.com); a photo credit opening a caption line ('© 视觉中国') carries neither.
_COPYRIGHT_SIGN = r"(?:Copyright|©)(?=.*(?:(?:19|20)[0-9]{2}|版权|rights|reserved|ICP))"
# '联系我们' is a footer link or label ('联系我们|' in fzgg.gansu.gov.cn's footer bar, '联系我们：
# 010-…' under a ccdi.gov.cn book notice), not the subject of a sentence ('联系我们的是…').
_CONTACT_US = r"联系我们(?=\s*(?:[:：|｜]|$)|\s)"
# '主办单位：某某' labels a footer's organizer (www.gov.cn, fzgg.gansu.gov.cn, sxmu.edu.cn) or a
# notice's; '主办单位负责人表示，…' is a report's sentence about it.
_ORGANIZER_LABEL = r"(?:主办|承办|协办)单位(?=\s*[:：]|\s)|主办\s*[:：]"
# Site footers begin with one of these words; any province character may precede ICP/公网安备
# (沪ICP备, 京公网安备). '技术支持：某某科技' takes a colon or a blank: '技术支持是关键' is prose.
_FOOTER_START_RE = re.compile(
    rf"{_ORGANIZER_LABEL}|{_COPYRIGHT}|网站办公地址|[\u4e00-\u9fff]?(?:{_ICP})"
    rf"|网站标识码|网站识别码|技术支持(?:\s*[:：]|\s+)|{_COPYRIGHT_SIGN}|{_CONTACT_US}",
    re.IGNORECASE,
)
# Footer words that a notice's own text may open a line with too: '主办单位：区委组织部' /
# '承办单位：' in an event notice, '联系我们：电话…' in a call for entries. Such a line ends the
# body only in its closing part and above nothing but the rest of a footer's contact block
# (see _closing_kind), unless it names a copyright or a registration number as well.
# '技术支持：' too: a footer's credit to its web company (gsc.org.cn, fgw.zj.gov.cn), or a
# requirement in a procurement notice's text ('技术支持：供应商须提供7×24小时技术服务…').
_ORGANIZER_RE = re.compile(rf"{_ORGANIZER_LABEL}|{_CONTACT_US}|技术支持(?:\s*[:：]|\s+)")
_FOOTER_PROOF_RE = re.compile(rf"{_COPYRIGHT}|{_ICP}|网站标识码|网站识别码", re.IGNORECASE)
# _COPYRIGHT_SIGN's two parts, for a search: its lookahead to the line's end, tried after
# every sign, is quadratic on a long line of signs without a year (see _signed_footer).
_SIGN_RE = re.compile(r"Copyright|©", re.IGNORECASE)
_SIGN_PROOF_RE = re.compile(r"(?:19|20)[0-9]{2}|版权|rights|reserved|ICP", re.IGNORECASE)
# The other lines of a site footer's contact block, after its organizer line: '地址：北京市…'
# (gsc.org.cn), '公司地址：… 邮编：518…' (dfa66.com), '电话：…', '电子邮箱：…'. An event
# notice's closing lines are others ('报名方式：…', '联系人：张三').
_CONTACT_LINE_RE = re.compile(
    r"(?:网站|通讯|办公)?(?:地址|邮编|邮政编码|电话|联系电话|传真|邮箱|电子邮箱|E-?mail)\s*[:：]",
    re.IGNORECASE,
)
# A short paragraph that mentions a copyright or registration number is a footer even when it
# starts with the site name ('上海基层党建网 版权所有'); long paragraphs are prose.
_FOOTER_ANYWHERE_RE = re.compile(rf"{_COPYRIGHT}|{_ICP}")
_FOOTER_MAX_CHARS = 100


# Furniture that closes a body (checked from the last paragraph backwards, so only at the END:
# the same words inside prose are kept):
# - an editor credit on its own line: '(责编：汤诗瑶、丁涛)', '【编辑:陈海峰】',
#   '责任编辑： 尹世杰'; the extractor has already read the editor from it;
# - a like counter left by a '赞' button: '+1';
# - an in-article pager: '【1】【2】【3】【4】', '上一页 1 2 下一页';
# - a view counter printed under the text: '浏览次数：123' (fgw.zj.gov.cn, sxmu.edu.cn),
#   '访问量：199' (xinhuanet.com), '点击数：' (sohu.com, ifeng.com).
_TRAILING_EDITOR_RE = re.compile(
    r"[(（【\[［]?\s*(?:责任编辑|值班编辑|责编|编辑)(?:\s*[:：|｜]\s*|\s+)"
    r"[^\s:：()（）【】\[\]［］。！？!?][^:：()（）【】\[\]［］。！？!?]{0,24}[)）】\]］]?"
)
# The labels of view counters, here and beside bylines (extract/vocabulary.py: never a 来源).
COUNTER_LABELS = (
    "浏览次数", "访问次数", "访问量", "浏览量", "点击数", "点击量", "点击次数", "阅读数", "阅读量",
    "阅读次数",
)  # fmt: skip
_TRAILING_COUNTER_RE = re.compile(
    r"[+＋]\s*[0-9]{1,6}"
    rf"|[【\[［(（]?\s*(?:{'|'.join(COUNTER_LABELS)})"
    r"\s*[:：]\s*[0-9]{0,9}\s*次?\s*[】\]］)）]?"
)
# - a short copyright line without a year ('© 人民网'): a footer's first line, or a photo
#   credit; the footer-start rule wants a year or rights words (a credit inside the text is
#   kept), so such a line goes only where nothing but furniture follows it.
_TRAILING_SIGN_RE = re.compile(r"(?:Copyright|©).{0,30}", re.IGNORECASE)
_PAGER_RE = re.compile(
    r"(?:\s*(?:[【\[［]\s*[0-9]{1,3}\s*[】\]］]|上一页|下一页|首页|尾页|末页|[0-9]{1,3}))+"
)
# What opens a body but is not text:
# - a promo link ending in '>>' ('点击进入“文艺星青年”>>'): a short line pointing elsewhere;
# - a media-box label ('图集', '组图', '视频') printed above a gallery or player.
_LEADING_PROMO_RE = re.compile(r".{1,40}?(?:>>|》》|>>>|＞＞)")
_LEADING_LABEL_RE = re.compile(r"图集|组图|视频|音频|图片|高清组图")


# Closing notices after the last sentence, dropped from the end of the body:
# - '本文来源：新华社 责任编辑：李曦_NN2587' (163.com), '(本文来自澎湃新闻，更多原创资讯请下载
#   “澎湃新闻”APP)' (thepaper.cn), '免责声明：本文来自腾讯新闻客户端自媒体…' (qq.com),
#   '转载请注明出处：快科技' (mydrivers.com), '文章观点仅代表作者本人…' (sina.com.cn);
# - an end mark: '- THE END -' (mydrivers.com, 36kr.com), '[上一篇] [下一篇]' (sina.com.cn,
#   qianlong.com);
# - a hashtag line: '#天文航天#月球#中国航天' (mydrivers.com, ithome.com);
# - a keyword line, a label and a few words: '标签：<a>…</a>' (ifeng.com, cjddsb.com's
#   div.single-tag), '关键字 : …' / '文章关键词：…' (sina.com.cn), 'Tag:甲骨文收购Sun' (blogs'
#   post_link boxes); no sentence punctuation, so a 政策解读's '关键词：…。' paragraph stays;
# - a source or credit line on its own: '来源：网络' (toutiao.com, gov.cn pages),
#   '新京报记者 陆一夫' (163.com, qq.com), '编辑 刘晓阳 校对 李铭' (bjnews via 163.com,
#   yangtse.com), and the bar-separated credits of WeChat accounts ('编辑|禤志杰', '责编|陈梦莹',
#   '来源|广州参考、羊城晚报': official-account articles, mp.weixin.qq.com, and their reposts
#   on thepaper.cn 澎湃号); the extractor has read them already.
# A site's statement speaks of the article, its author, views or rights ('免责声明：本文来自腾讯
# 新闻客户端自媒体，不代表腾讯网的观点和立场': qq.com; '特别声明：以上内容…为自媒体平台“网易号”
# 用户上传并发布': 163.com); a notice's own does not ('特别声明：本次招聘不收取任何费用').
_STATEMENT_TOPIC = (
    r".*(?:本文|文章|以上内容|作者|观点|立场|转载|版权|侵权|本网|本站|平台|自媒体|来源|授权)"
)
# A related-content word closes only as a label or a pointer: '相关新闻 某某会议召开', '相关链接：
# 《…》' (people.com.cn, sohu.com), '相关资讯请关注:某某专区' (seen on gamersky.com only, in
# ../shared; kept from the older any-text rule); not where it opens a last sentence ('相关报道
# 显示，…', '相关新闻发布会将于下周举行。', as a report's prose may).
_CLOSING_NOTICE_RE = re.compile(
    r"[(（【\[]?\s*(?:本文来源|文章来源|本文来自|本文系|本文为"
    rf"|(?:(?:免责声明|版权声明|特别声明)\s*[:：]?|声明\s*[:：])(?={_STATEMENT_TOPIC})"
    r"|转载请注明|未经授权|文章观点仅代表|本文仅代表|看明星八卦|点击进入专题|此前报道\s*(?:[:：]|$)"
    r"|(?:相关阅读|相关新闻|相关日志|相关资讯|相关链接|相关文章|相关报道|延伸阅读|推荐阅读)"
    r"(?=\s*[)）】\]]?\s*(?:[:：>》|｜]|$|请|敬请|详见|尽在|点击)|\s))[\s\S]*"
    r"|-*\s*THE\s+END\s*-*|END"
    r"|(?:\[\s*上一篇\s*\]|\[\s*下一篇\s*\]|\s)+"
    r"|#[^#\s]+#.*"
    r"|(?:标签|关键词|文章关键词|关键字|Tags?)\s*[:：]\s*[^。！？!?]{0,60}"
    r"|(?:来源|稿件来源|信息来源)\s*[:：|｜]\s*\S{1,20}"
    r"|\S{0,10}记者\s*[\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4}){0,3}"
    r"|(?:(?:责任)?编辑|责编|校对|审核|审校|监制|统筹)[\s:：|｜]+\S{2,4}"
    r"(?:\s+(?:校对|审核|审校|编辑)[\s:：|｜]+\S{2,4})*",
    re.IGNORECASE,
)
_CLOSING_MAX_CHARS = 160

# Lines that END an article: they and every line after them are furniture, wherever the
# furniture below them is (teasers, bios, menus that no single-line rule knows). Only in the
# body's closing part (see _CLOSING_SHARE and _closing_kind), so that the same words near the
# top of a body are kept:
# - a related-content heading on its own line above links or teasers: '相关日志' (WordPress
#   related-posts boxes: blog.alipay.com), '延伸 · 推荐' / '延伸阅读' (163.com, sina.com.cn),
#   '相关新闻' (people.com.cn, chinanews.com.cn, sohu.com), '相关阅读' (cjn.cn, sina.com.cn),
#   '推荐阅读' (people.com.cn, fund.eastmoney.com), '相关链接' (fzgg.gansu.gov.cn, sohu.com);
_RELATED_HEADING_RE = re.compile(
    r"[【\[［]?\s*(?:相关(?:阅读|链接|日志|新闻|文章|报道|资讯|推荐|稿件|专题)|延伸阅读|推荐阅读"
    r"|扩展阅读|拓展阅读|更多阅读|猜你喜欢|热门推荐|往期(?:回顾|推荐|精选)|延伸\s*[·・•]?\s*推荐)"
    r"\s*[】\]］]?\s*[:：]?\s*(?:>>|》》|>)?"
)
# - a reproduction notice: '本文为X授权网易财经《亦观察》发布，转载请注明出处。' (163.com
#   columns, an author bio below it; '转载请注明' also on cjddsb.com, mydrivers.com),
#   '版权声明：…' (cjddsb.com, guancha.cn, stcn.com), '免责声明：…' (qq.com, hexun.com),
#   '特别声明：…' (thepaper.cn 澎湃号, 163.com);
#   A ban on reproduction is a notice where it ends its clause ('未经授权，不得转载。',
#   '澎湃新闻，未经授权不得转载': thepaper.cn); a regulation's clause goes on ('不得转载未经
#   核实的新闻信息') and is text. A statement only where it is the site's (_STATEMENT_TOPIC),
#   not a notice's own ('特别声明：本次招聘不收取任何费用' above its contact lines);
_REPRODUCTION_NOTICE_RE = re.compile(
    r"转载请注明|(?:请勿|禁止|不得|谢绝)(?:任何形式的?)?转载\s*(?:[。！!，,；;)）】\]]|$)"
    rf"|^[(（【\[]?\s*(?:版权声明|免责声明|特别声明)\s*[:：](?={_STATEMENT_TOPIC})"
)
# - a QR-code prompt: '扫一扫在手机打开当前页' (www.gov.cn, fzgg.gansu.gov.cn,
#   www.shanxi.gov.cn), '微信扫一扫：分享' (ccdi.gov.cn, chinanews.com.cn), '用微信扫描二维码'
#   share boxes (163.com, ifeng.com, qq.com), '扫一扫，用手机看新闻！' (qq.com), '扫描上方二维码
#   关注微信公众号' (stcn.com), '扫描下方二维码解锁更多技能' (WeChat accounts on thepaper.cn
#   澎湃号). Short, naming the code and what it is for, and no sentence ('市民可扫码关注“上海
#   发布”。' is text);
_QR_PROMPT_RE = re.compile(
    r"(?=.*(?:扫一扫|二维码|扫码|小程序码))(?=.*(?:关注|订阅|解锁|在手机|手机上|用手机|当前页"
    r"|阅读原文|更多|分享|朋友圈))[^。]{2,40}"
)
# - the previous/next article links under the text: '上一篇：<a>…</a>' (gsc.org.cn,
#   sina.com.cn), '【上一篇】 …' (fund.eastmoney.com), '上一篇' alone above its link
#   (cjddsb.com);
_NEIGHBOUR_LINK_RE = re.compile(
    r"[【\[［]\s*(?:上一篇|下一篇|上一条|下一条)\s*[】\]］]"
    r"|(?:上一篇|下一篇|上一条|下一条)\s*(?:[:：]|$)"
)
# - WeChat's '在看' button prompt: '看都看完了，点【在看】试试', '点个在看你最好看',
#   '分享、点赞、在看' (WeChat official-account articles, mp.weixin.qq.com, and their reposts
#   on thepaper.cn 澎湃号 and other portals).
#   The button is named as one: '点个在看', '点【在看】', a list of buttons; not the words 在看 in
#   a sentence ('老王说，在看台上也能看清。', '工作重点在看落实成效').
_WECHAT_PROMPT_RE = re.compile(
    r".{0,16}?(?:(?:点|戳)\s*(?:个|一下|亮)\s*[【\[「“\"]?\s*在看"
    r"|(?:点|戳)\s*[【\[「“\"]\s*在看\s*[】\]」”\"]"
    r"|(?:分享|点赞|转发|收藏)(?:\s*[、，,]\s*(?:分享|点赞|转发|收藏))*\s*[、，,]\s*在看).{0,12}"
)
_PROMPT_MAX_CHARS = 40
# The body's closing part, where a closing marker may end it: what follows the marker is at
# most this share of what precedes it (its last third). Nearer the top the same lines are
# kept: a '相关阅读' heading or a QR prompt between two halves of a report is its own.
_CLOSING_SHARE = 0.5
# A line this long is a paragraph of text. A prompt or a previous/next link is the end of the
# article only where no such paragraph follows it (a reply menu, link lines and buttons are
# shorter): a long article may ask readers to scan a code between two of its paragraphs.
_TEXT_LINE_CHARS = 50
# Kinds of closing markers (see _closing_kind).
_NOT_CLOSING, _CLOSES, _PROMPT, _ORGANIZER = 0, 1, 2, 3


def _closing_kind(paragraph: str) -> int:
    """Which kind of closing marker a line is: a related-content heading or a reproduction
    notice ends the text whatever follows (teasers, bios); a prompt or a previous/next link
    only above lines too short to be text; an organizer line only above the rest of a site
    footer's contact block."""
    if _RELATED_HEADING_RE.fullmatch(paragraph):
        return _CLOSES
    if _is_organizer_line(paragraph):
        return _ORGANIZER
    if len(paragraph) <= _CLOSING_MAX_CHARS and _REPRODUCTION_NOTICE_RE.search(paragraph):
        return _CLOSES
    if len(paragraph) <= _CLOSING_MAX_CHARS and _NEIGHBOUR_LINK_RE.match(paragraph):
        return _PROMPT
    if len(paragraph) <= _PROMPT_MAX_CHARS and (
        _QR_PROMPT_RE.fullmatch(paragraph) or _WECHAT_PROMPT_RE.fullmatch(paragraph)
    ):
        return _PROMPT
    return _NOT_CLOSING


def _ends_body(kind: int, after: list[str]) -> bool:
    if kind == _PROMPT:
        return all(len(line) < _TEXT_LINE_CHARS for line in after)
    if kind == _ORGANIZER:
        return all(
            len(line) <= _FOOTER_MAX_CHARS
            and (_is_organizer_line(line) or _CONTACT_LINE_RE.match(line) is not None)
            for line in after
        )
    return kind == _CLOSES


def _closing_cut(lines: list[str]) -> int:
    """How many lines to keep: up to the first closing marker in the body's closing part."""
    total = sum(len(line) for line in lines)
    before = 0
    for index, line in enumerate(lines):
        if index and total - before - len(line) <= _CLOSING_SHARE * before:
            kind = _closing_kind(line)
            if kind and _ends_body(kind, lines[index + 1 :]):
                return index
        before += len(line)
    return len(lines)


def is_trailing_furniture(paragraph: str) -> bool:
    """A paragraph that clean_body drops when it closes the body (notices, credits, pagers)."""
    return _is_trailing_furniture(_clean_paragraph(paragraph))


def _is_trailing_furniture(paragraph: str) -> bool:
    return bool(
        (len(paragraph) <= _CLOSING_MAX_CHARS and _CLOSING_NOTICE_RE.fullmatch(paragraph))
        or _TRAILING_EDITOR_RE.fullmatch(paragraph)
        or _TRAILING_COUNTER_RE.fullmatch(paragraph)
        or (_PAGER_RE.fullmatch(paragraph) and not paragraph.isdigit())
        or _TRAILING_SIGN_RE.fullmatch(paragraph) is not None
    )


def _is_leading_furniture(paragraph: str) -> bool:
    return bool(_LEADING_PROMO_RE.fullmatch(paragraph) or _LEADING_LABEL_RE.fullmatch(paragraph))


def _clean_paragraph(line: str) -> str:
    # Removing furniture or '???' can expose more of either ('【打印】???面对'); repeat until
    # stable so that clean_body is idempotent. Collapsing is idempotent, so once the two
    # removals change nothing the collapsed line is the fixed point: no second pass over it.
    while True:
        line = _collapse(line)
        removed = _GBK_NBSP_RE.sub("", _BRACKET_FURNITURE_RE.sub("", line))
        if removed == line:
            return line
        line = removed


def _is_organizer_line(paragraph: str) -> bool:
    """A footer line that may be the text's own ('主办单位：…' without a copyright)."""
    return (
        bool(_ORGANIZER_RE.match(paragraph))
        and not _FOOTER_PROOF_RE.search(paragraph)
        and not _signed_footer(paragraph)
    )


def _signed_footer(text: str) -> bool:
    """Whether `_COPYRIGHT_SIGN` matches somewhere in `text`, in linear time: only the first
    sign of each line is tried, since the rest of its line holds the rest after a later one."""
    start = 0
    while (sign := _SIGN_RE.search(text, start)) is not None:
        line_end = text.find("\n", sign.end())
        line_end = len(text) if line_end < 0 else line_end
        if _SIGN_PROOF_RE.search(text, sign.end(), line_end):
            return True
        start = line_end
    return False


def _is_footer(paragraph: str) -> bool:
    if _FOOTER_START_RE.match(paragraph):
        return True
    return len(paragraph) <= _FOOTER_MAX_CHARS and bool(_FOOTER_ANYWHERE_RE.search(paragraph))


# Any footer paragraph holds one of these: a cheap test before the exact one (the density
# pass asks it of every text block of a page).
_FOOTER_HINT_RE = re.compile(
    r"主办|承办|协办|版权|办公地址|ICP|公网安备|网站标|网站识|技术支持|Copyright|©|联系我们",
    re.IGNORECASE,
)


def is_site_footer(text: str) -> bool:
    """A paragraph of the site's footer ('主办单位：…', '版权所有', '沪ICP备…', '技术支持：…')."""
    return may_hold_site_footer(text) and _is_footer(_clean_paragraph(text))


# A substring of every match of _FOOTER_HINT_RE, tested with `in` (C substring searches)
# before the regex: its alternation with IGNORECASE is tried at every position of the text,
# ~3 µs for a 100-character paragraph, and nearly every paragraph of an article holds none
# of the words. The CJK words and '©' have no case; 'ICP' and 'Copyright' both hold a 'p',
# and only 'p' and 'P' match 'p' under IGNORECASE (no other code point folds to it), so a
# text without any of these needles holds no match. ~1 µs for such a paragraph.
_FOOTER_HINT_NEEDLES = (
    "主办", "承办", "协办", "版权", "办公地址", "公网安备", "网站标", "网站识", "技术支持", "©",
    "联系我们", "p", "P",
)  # fmt: skip


def may_hold_site_footer(text: str) -> bool:
    """Some paragraph of `text` may be a footer: it holds one of the footer words (none has a
    blank, so a text joined from paragraphs holds one exactly when one of them does)."""
    for needle in _FOOTER_HINT_NEEDLES:
        if needle in text:
            return bool(_FOOTER_HINT_RE.search(text))
    return False


# The extractor cleans a body to look for the author in its closing lines, and the record's
# normalizer cleans the same string again: the last few results are kept (a str in, a str out).
@functools.lru_cache(maxsize=8)
def clean_body(text: str | None) -> str:
    """Paragraphs separated by exactly one '\\n', each stripped and non-empty.

    Whitespace runs (incl. U+00A0, U+3000, U+2002-U+200B, U+FEFF) become one space, indentation
    is removed, GBK-mangled '???' padding is dropped, share/print toolbars and bracketed
    furniture are removed, and a footer paragraph (版权所有, ICP备, 公网安备, …) is dropped
    together with everything after it, and so is a closing marker near the end (a '主办单位'
    line, a '相关阅读' heading, a reproduction notice, a QR-code or WeChat prompt). At the
    end, editor credit lines ('(责编：X)'), like counters ('+1') and pagers ('【1】【2】') are
    dropped; at the start, a promo link ending in '>>' and media labels ('图集'). Idempotent.
    """
    if not text:
        return ""
    kept: list[str] = []
    for line in text.splitlines():
        paragraph = _clean_paragraph(line)
        if not paragraph:
            continue
        if _is_footer(paragraph) and not _is_organizer_line(paragraph):
            break
        if _SHARE_BAR_RE.fullmatch(paragraph):
            continue
        kept.append(paragraph)
    # Cutting at a closing marker and dropping closing lines each shorten what follows an
    # earlier marker: repeat both until stable, so that clean_body is idempotent.
    size = -1
    while size != len(kept):
        size = len(kept)
        del kept[_closing_cut(kept) :]
        while kept and _is_trailing_furniture(kept[-1]):
            kept.pop()
    start = 0
    while start < len(kept) and _is_leading_furniture(kept[start]):
        start += 1
    return "\n".join(kept[start:])


# --------------------------------------------------------------------------------------------
# Fingerprint
# --------------------------------------------------------------------------------------------


def fingerprint(title: str | None, body: str | None) -> str:
    """40-hex sha1 of title + '\\n' + body with all whitespace removed from each.

    Whitespace is removed per part, not from the joined string, so that moving characters
    between title and body changes the fingerprint while re-indentation does not.
    """
    key = _without_blanks(title or "") + "\n" + _without_blanks(body or "")
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()


# The characters of folding.WS_RUN_RE that str.split() does not split on (it splits on exactly
# the code points `\s` matches: tests/unit/normalize/test_body.py checks all of them).
_ZERO_WIDTH = ("\u200b", "\u2060", "\ufeff")


def _without_blanks(text: str) -> str:
    """`WS_RUN_RE.sub("", text)`, 7x faster on a body: the fingerprint's key must not change
    (the state compares fingerprints across runs)."""
    text = "".join(text.split())
    for char in _ZERO_WIDTH:
        if char in text:  # str.translate would look up every character in a dict
            text = text.replace(char, "")
    return text
