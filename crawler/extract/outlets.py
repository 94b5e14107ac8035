"""Names printed without a label beside the date: the outlet, or the posting account (pure).

Also the plausibility check every 来源 value passes (`plausible_source`), and the placeholder
names a CMS prints for an unknown author.
"""

from __future__ import annotations

import re

from crawler.extract.surnames import person_name
from crawler.extract.vocabulary import COUNTER_LABEL
from crawler.normalize.dates import find_date

PLACEHOLDER_NAMES = frozenset({"未知", "佚名", "匿名", "不详", "无", "admin", "管理员"})
# A sentence, not a name: '…网站”。' ends with sentence punctuation.
_SENTENCE_END = tuple("。！？!?”")


# A clause, not a name: '本文转载自网络，如有侵权请联系删除' (the disclaimer self-media posts on
# toutiao.com and sohu.com put in their 来源 field), '…。更多内容请关注'. Outlet lists are joined
# by '、' ('广州参考、广州南沙发布、羊城晚报'), not by sentence punctuation.
_SENTENCE_INSIDE = re.compile(r"[。！？!?]|，.{6,}")
_SOURCE_VALUE_MAX = 40


def plausible_source(value: str | None) -> bool:
    """A 来源 value, not a counter ('访问量： 199') nor a sentence fragment ('…网站”。')."""
    text = " ".join((value or "").split())
    return (
        bool(text)
        and len(text) <= _SOURCE_VALUE_MAX
        and not COUNTER_LABEL.search(text)
        and not text.endswith(_SENTENCE_END)
        and not _SENTENCE_INSIDE.search(text)
        and "://" not in text
    )


# An outlet printed without a label next to the date below the headline, as its own element:
# `<p>新华社</p><p>2020-01-03 18:13</p>` (thepaper.cn), `<span>中国网</span> <span>2019-11-25
# 10:37:31</span>` (toutiao.com), `<span>2019-09-26 10:56:28</span> <a>证券时报网</a>`
# (hexun.com), `2005年03月21日 11:21 <font>《理财周刊》</font>` (sina.com.cn 2005 pages). Only
# a name with an outlet's ending counts: a person or a column name sits there too.
# Outlet endings also cover the apps and editions of papers and stations: '中国青年报客户端',
# '新华社客户端' (163.com, qq.com reprints), '人民日报海外版', '中国之声', '东方卫视', '央广在线'.
_OUTLET_END = re.compile(
    r"(?:网|报|社|刊|台|》|新闻|频道|杂志|电视台|广播|客户端|海外版|之声|卫视|在线)$"
)
_CHUNK_SEP = re.compile(r"\s{2,}|\s*[|｜]\s*")
# A chunk that is only a separator between the date and the name: `<span>2019-05-17</span>
# <span class="point"> · </span><span>苏皖城市报道</span>` (163.com 网易号 pages), `2020-03-09 /
# 人民日报` (thepaper.cn, ifeng.com meta lines).
_SEPARATOR_CHUNK = re.compile(r"[·•・/／\-–—]+")
_DATE_NEIGHBOUR_MAX = 15
# The body's dateline naming the outlet: '腾讯音乐讯 一向…' (qq.com 腾讯娱乐/腾讯科技: '腾讯科技讯
# 7月12日消息'), '新浪娱乐讯 北京时间…' (sina.com.cn), '央视网消息：' (cctv.com), '人民网北京7月12
# 日电' (people.com.cn). A name beside the date that opens the dateline is the outlet even
# without an outlet's ending ('腾讯音乐', '新浪娱乐').
_DATELINE_TAIL = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,6}\s*\d{1,2}月\d{1,2}日)?\s*(?:讯|电|消息)")
_DATELINE_LINES = 3


def _date_neighbours(header: str) -> list[str]:
    """The chunks right after and right before the first date chunk of the header band."""
    chunks = [c.strip("[]［］ ") for c in _CHUNK_SEP.split(header[:160])]
    chunks = [c for c in chunks if c and not _SEPARATOR_CHUNK.fullmatch(c)]
    for index, chunk in enumerate(chunks):
        if find_date(chunk):
            return [chunks[n] for n in (index + 1, index - 1) if 0 <= n < len(chunks)]
    return []


def _unlabelled_name(text: str) -> bool:
    return (
        2 <= len(text) <= _DATE_NEIGHBOUR_MAX
        and not find_date(text)
        and ":" not in text
        and "：" not in text
        and plausible_source(text)
    )


# A place is no outlet: the dateline opens with its place too ('北京7月12日电' after the
# outlet was dropped in a reprint), and since 2022 platforms print the poster's IP location
# (IP属地) beside the date ('· 北京'). A guard: no shared page has either. Provinces and
# municipalities by their short names, and names ending in an administrative unit.
_PROVINCES = frozenset(
    """
    北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北
    湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 中国
    """.split()
)
_PLACE_END = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|村|街道)$")


def _place(name: str) -> bool:
    return name in _PROVINCES or bool(_PLACE_END.search(name))


def _opens_dateline(name: str, lead: list[str]) -> bool:
    if _place(name):
        return False
    for line in lead[:_DATELINE_LINES]:
        text = " ".join(line.split())
        if text.startswith(name) and _DATELINE_TAIL.match(text, len(name)):
            return True
    return False


# A channel is no outlet though it ends like one: '2024-07-12 10:00 国内新闻' / '财经频道' (a
# column label beside the date: a guard, no named site seen), while '澎湃新闻', '封面新闻',
# '红星新闻' are outlets: a category word before the ending tells them apart.
_CHANNEL_NAME = re.compile(
    r"(?:国内|国际|社会|财经|体育|娱乐|科技|军事|本地|地方|图片|视频|滚动|时政|要闻|综合|文化|"
    r"教育|健康|汽车|房产|旅游|时尚|政务)(?:新闻|频道|资讯)"
)


def guess_source_by_date(header: str, lead: list[str] | None = None) -> str | None:
    """The outlet beside the date; `lead`, the body's first lines, may confirm a name without
    an outlet's ending by opening its dateline."""
    for text in _date_neighbours(header):
        if _CHANNEL_NAME.fullmatch(text):
            continue
        if _unlabelled_name(text) and (
            _OUTLET_END.search(text) or _opens_dateline(text, lead or [])
        ):
            return text
    return None


# The publishing account beside the date on self-media platforms, whose reposts name their
# origin in a '来源：X' line closing the text: `<span>2019-05-17</span> · <span>苏皖城市报道
# </span>` … `<p>来源：无锡交警</p>` (163.com 网易号), `<span>华夏人文</span> <span>2020-03-09
# 18:14:21</span>` … `<p>来源：网络</p>` (toutiao.com 头条号; 搜狐号 and 百家号 pages print the
# same pair). The page names its source there, so the name beside the date is the account that
# wrote or posted it: the author. Only used when the source came from such a closing line.
# Toolbar and counter words printed beside the date are no account: '分享到', '0 人参与评论',
# '我要评论', '+关注', '字号', '打印'.
_ACCOUNT_NOT_NAMES = re.compile(
    r"原创|转载|分享|关注|收藏|举报|评论|跟贴|参与|字号|字体|打印|阅读|浏览|点击|返回|首页|扫|"
    r"来源|作者|编辑|记者|责编|\d"
)
# Nor is what else an ordinary page may print beside its date: an outlet ('2024-07-12 新华网'
# above a text closing '来源：新华社'), the publishing office ('2024-07-12 | 某某市人民政府
# 办公室'), the column ('国内要闻', '时政') or a place (the IP location, above). Guards, not
# readings (no shared page has them): such a name cannot be told from the posting account,
# so no author.
_ORG_END = re.compile(
    r"(?:政府|办公室|办公厅|委员会|纪委|监委|委|局|厅|处|科|部|院|所|中心|站|协会|学会|联合会|"
    r"公司|集团|银行|大学|学院|学校|医院)$"
)
_COLUMN_END = re.compile(
    r"(?:要闻|新闻|动态|资讯|快讯|头条|专题|时政|热点|推荐|公告|通知|综述|聚焦|播报|速递|观察|时评|"
    r"国内|国际|社会|财经|体育|娱乐|科技|文化|教育|军事|健康|汽车|房产|旅游|时尚|政务)$"
)


def guess_account_by_date(header: str, source: str | None) -> str | None:
    """The unlabelled name beside the date that is not the page's `source`, else None."""
    for text in _date_neighbours(header):
        if (
            _unlabelled_name(text)
            and re.search(r"[\u4e00-\u9fffA-Za-z]", text)
            and text != source
            and not _ACCOUNT_NOT_NAMES.search(text)
            and text not in PLACEHOLDER_NAMES
            and not _OUTLET_END.search(text)
            and not _ORG_END.search(text)
            and not _COLUMN_END.search(text)
            and not _place(text)
        ):
            return text
    return None


# What is left beside the date in a box named for both date and source (`<div
# class="date-source">2019年11月25日 18:57 参考消息</div>` on sina.com.cn, `<div
# class="article-source">` on baijiahao.baidu.com and thepaper.cn) is the outlet only if it
# reads as one: not a counter or a toolbar ('阅读 123', '分享到'), nor a bare person name
# ('2024-07-12 10:00 张三'; guards, not seen on a named site here). A name with an outlet's
# ending ('华商报') is an outlet whatever its first character.
def outlet_beside_date(text: str) -> bool:
    if _ACCOUNT_NOT_NAMES.search(text) or not re.search(r"[\u4e00-\u9fffA-Za-z]", text):
        return False
    if _OUTLET_END.search(text):
        return True
    return not all(person_name(name) for name in text.split())
