"""Words of page furniture and byline labels shared by the extraction modules (pure).

Class/id words are compared as *tokens* (see `class_tokens`): `list_con` is the tokens
`list` + `con`, `leftNav` is `left` + `nav`, `photo` is `photo` (not `hot`), `inside` is
`inside` (not `side`), `canvas` is `canvas` (not `nav`). Substring matching rejected real
article containers on commercial and government templates alike.
"""

from __future__ import annotations

import re

from crawler.normalize.body import COUNTER_LABELS

# Class/id tokens of page furniture: such boxes never hold the article body or headline.
# `<div class="nav">`, `<ul class="hot-list">`, `<div id="footer">`, `<div class="xgwz">`
# (相关文章, TRS sites: ccdi.gov.cn, www.gov.cn), `<div class="share-box">` (people.com.cn,
# 163.com), `<div class="breadcrumb">`/`<div class="position">` (every CMS family).
FURNITURE_TOKENS = frozenset(
    """
    nav navbar navigation menu menus footer foot banner sidebar side aside related relate
    xgwz xgxw share sharing comment comments breadcrumb breadcrumbs crumb crumbs position
    location copyright links friend friendlink recommend hot rank ranking tool tools toolbar
    """.split()
)
# Tokens of furniture only where the box is a list (list items, or mostly links: see
# chrome._is_list_box): `<ul class="list">`, `<div class="news-list">`, `<ul class="tie-list">`
# (163.com), but `<div class="panel-list-border">` wraps the article on Bootstrap news
# templates (fund.eastmoney.com, gsc.org.cn) and `<div class="list_con">` holds the text on
# the pages the issue reports lost.
LIST_TOKENS = frozenset({"list"})
# Furniture for bodies only: an article's own header block may hold the headline
# (`<div class="header"> … <div class="h-title">`: xinhuanet.com, chinanews.com.cn).
HEADER_TOKENS = frozenset({"header"})
# Tags that are furniture by themselves, for bodies and headlines / for bodies only.
FURNITURE_TAGS = frozenset({"nav", "footer", "a"})
HEADER_TAGS = frozenset({"header"})
# Class/id tokens of the box that prints the 来源 without a label:
# `<span class="source">` (sina.com.cn, huanqiu.com), `<a class="source">` (sina.com.cn),
# `<span id="source_baidu">` (people.com.cn), `<div class="article-source">` (thepaper.cn).
SOURCE_TOKENS = frozenset({"source", "media", "laiyuan", "ly"})
# Class/id tokens of an author box: `<span class="author">` (163.com, guancha.cn),
# `<p class="article-author">` (qq.com, thepaper.cn).
AUTHOR_TOKENS = frozenset({"author", "writer", "zuozhe"})

# Breadcrumb prefixes: '当前位置：' (TRS, Hanweb), '您的位置：' (gov.cn, ccdi), '您现在的位置'.
CRUMB_PREFIX = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|您所在的位置|所在位置|位置)\s*[:：]\s*"
)
# Breadcrumb separators seen on portals: '>', full-width '＞', '»', '›', '→', '>>'.
CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|[>＞»›→])\s*")
# Class/id tokens of a breadcrumb box: `<div class="other_Location">` (gsc.org.cn, Hanweb
# sites), `<div class="position">` (zj.gov.cn, gansu.gov.cn), `<div class="crumbs">` (163.com).
CRUMB_TOKENS = frozenset(
    {"location", "position", "crumb", "crumbs", "breadcrumb", "weizhi", "dqwz", "path"}
)

# A labelled byline field: what sits right below a headline.
BYLINE_HINT = re.compile(r"(?:来源|出处|作者|记者|发布|日期|时间)\s*于?\s*[:：]")
# A date label: '发布时间：', '发布日期:', '更新时间：', '日期：'.
DATE_LABEL = re.compile(r"(?:发布|发稿|更新|成文|印发)?(?:日期|时间)\s*[:：]")
# A page-generation label: '生成日期：' / '页面生成时间' (gansu.gov.cn, TRS WCM exports) is
# when the CMS wrote the file, not when the article was published.
GENERATED_LABEL = re.compile(r"生成(?:日期|时间)")
# Editor credits: '责任编辑：X', '【编辑:X】', and the slash form of photo/edit credit lines
# ('摄影/张艳 编辑/苏芳'). A Latin-script name keeps its capitalised second word: '责编：Demi Xia'
# (ednchina.com, eet-china.com), '责任编辑：John Smith' (ftchinese.com); a lower-case word
# after a blank is not part of it ('责任编辑：news 校对…', sohu.com).
EDITOR_LINE = re.compile(
    r"(?:责任编辑|责编|编辑)\s*[:：/／]\s*"
    r"(?:[A-Za-z][A-Za-z0-9_.]*(?: [A-Z][A-Za-z0-9_.]*){1,2}(?![^\s)）】\]])|[^\s)）】\]]{1,20})"
)
# Counters printed next to bylines ('访问量： 199', '浏览次数：12', '点击数：', '123次浏览'):
# never a source.
COUNTER_LABEL = re.compile("|".join((*COUNTER_LABELS, "次浏览")))
