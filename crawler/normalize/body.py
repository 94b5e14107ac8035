"""Body text: padding, furniture, footers; and the content fingerprint (pure)."""

from __future__ import annotations

import functools
import hashlib
import re

from crawler.normalize.folding import WS_RUN_RE as _WS_RUN_RE
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
    r"|大|中|小|分享到|分享|纠错|推荐"
)
# Bracketed page furniture ('【打印】【关闭】', '【字号：大 中 小】') is removed wherever it
# appears in a paragraph: it is printed inline after the last sentence on many CMSs.
_BRACKET_FURNITURE_RE = re.compile(
    rf"[【\[［]\s*(?:{_FURNITURE_WORDS})(?:\s*[:：]?\s*(?:{_FURNITURE_WORDS}))*\s*[】\]］]"
)
# A paragraph made only of share/print words and separators is a toolbar ('| |',
# '分享到：微信 微博'); single-character words 大/中/小 are font-size switches there.
_SHARE_BAR_RE = re.compile(
    r"(?:[\s|｜:：【】\[\]［］/·•,，]|分享到|分享|微信|微博|朋友圈|QQ空间|QQ|新浪微博|腾讯微博"
    r"|人人网|豆瓣|复制链接|扫一扫|打印本页|打印|关闭窗口|关闭|返回顶部|返回|加入收藏|收藏"
    r"|字号|字体|默认|大|中|小)+",
    re.IGNORECASE,
)
# Site footers begin with one of these words; any province character may precede ICP/公网安备
# (沪ICP备, 京公网安备).
_FOOTER_START_RE = re.compile(
    r"主办单位|承办单位|协办单位|主办\s*[:：]|版权所有|网站办公地址|[\u4e00-\u9fff]?ICP[备证]"
    r"|ICP备案|[\u4e00-\u9fff]?公网安备|网站标识码|网站识别码|技术支持|Copyright|©|联系我们",
    re.IGNORECASE,
)
# A short paragraph that mentions a copyright or registration number is a footer even when it
# starts with the site name ('上海基层党建网 版权所有'); long paragraphs are prose.
_FOOTER_ANYWHERE_RE = re.compile(r"版权所有|ICP[备证]|公网安备")
_FOOTER_MAX_CHARS = 100


# Furniture that closes a body (checked from the last paragraph backwards, so only at the END:
# the same words inside prose are kept):
# - an editor credit on its own line: '(责编：汤诗瑶、丁涛)', '【编辑:陈海峰】',
#   '责任编辑： 尹世杰'; the extractor has already read the editor from it;
# - a like counter left by a '赞' button: '+1';
# - an in-article pager: '【1】【2】【3】【4】', '上一页 1 2 下一页'.
_TRAILING_EDITOR_RE = re.compile(
    r"[(（【\[［]?\s*(?:责任编辑|值班编辑|责编|编辑)(?:\s*[:：]\s*|\s+)"
    r"[^\s:：()（）【】\[\]［］。！？!?][^:：()（）【】\[\]［］。！？!?]{0,24}[)）】\]］]?"
)
_TRAILING_COUNTER_RE = re.compile(r"[+＋]\s*[0-9]{1,6}")
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
# - a source or credit line on its own: '来源：网络' (toutiao.com, gov.cn pages),
#   '新京报记者 陆一夫' (163.com, qq.com), '编辑 刘晓阳 校对 李铭' (bjnews via 163.com,
#   yangtse.com); the extractor has read them already.
_CLOSING_NOTICE_RE = re.compile(
    r"[(（【\[]?\s*(?:本文来源|文章来源|本文来自|本文系|本文为|免责声明|版权声明|特别声明|声明"
    r"|转载请注明|未经授权|文章观点仅代表|本文仅代表|看明星八卦|点击进入专题|此前报道|相关阅读"
    r"|相关新闻|相关日志|相关资讯|延伸阅读|推荐阅读)[\s\S]*"
    r"|-*\s*THE\s+END\s*-*|END"
    r"|(?:\[\s*上一篇\s*\]|\[\s*下一篇\s*\]|\s)+"
    r"|#[^#\s]+#.*"
    r"|(?:来源|稿件来源|信息来源)\s*[:：]\s*\S{1,20}"
    r"|\S{0,10}记者\s*[\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4}){0,3}"
    r"|(?:(?:责任)?编辑|校对|审核|审校|监制|统筹)[\s:：]+\S{2,4}"
    r"(?:\s+(?:校对|审核|审校|编辑)[\s:：]+\S{2,4})*",
    re.IGNORECASE,
)
_CLOSING_MAX_CHARS = 160


def is_trailing_furniture(paragraph: str) -> bool:
    """A paragraph that clean_body drops when it closes the body (notices, credits, pagers)."""
    return _is_trailing_furniture(_clean_paragraph(paragraph))


def _is_trailing_furniture(paragraph: str) -> bool:
    return bool(
        (len(paragraph) <= _CLOSING_MAX_CHARS and _CLOSING_NOTICE_RE.fullmatch(paragraph))
        or _TRAILING_EDITOR_RE.fullmatch(paragraph)
        or _TRAILING_COUNTER_RE.fullmatch(paragraph)
        or (_PAGER_RE.fullmatch(paragraph) and not paragraph.isdigit())
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


def _is_footer(paragraph: str) -> bool:
    if _FOOTER_START_RE.match(paragraph):
        return True
    return len(paragraph) <= _FOOTER_MAX_CHARS and bool(_FOOTER_ANYWHERE_RE.search(paragraph))


# The extractor cleans a body to look for the author in its closing lines, and the record's
# normalizer cleans the same string again: the last few results are kept (a str in, a str out).
@functools.lru_cache(maxsize=8)
def clean_body(text: str | None) -> str:
    """Paragraphs separated by exactly one '\\n', each stripped and non-empty.

    Whitespace runs (incl. U+00A0, U+3000, U+2002-U+200B, U+FEFF) become one space, indentation
    is removed, GBK-mangled '???' padding is dropped, share/print toolbars and bracketed
    furniture are removed, and a footer paragraph (主办单位, 版权所有, ICP备, 公网安备, …) is
    dropped together with everything after it. At the end, editor credit lines ('(责编：X)'),
    like counters ('+1') and pagers ('【1】【2】') are dropped; at the start, a promo link
    ending in '>>' and media labels ('图集'). Idempotent.
    """
    if not text:
        return ""
    kept: list[str] = []
    for line in text.splitlines():
        paragraph = _clean_paragraph(line)
        if not paragraph:
            continue
        if _is_footer(paragraph):
            break
        if _SHARE_BAR_RE.fullmatch(paragraph):
            continue
        kept.append(paragraph)
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
    key = _WS_RUN_RE.sub("", title or "") + "\n" + _WS_RUN_RE.sub("", body or "")
    return hashlib.sha1(key.encode("utf-8"), usedforsecurity=False).hexdigest()
