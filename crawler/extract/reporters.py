"""Reporter credit lines at the edges of the body: who wrote it, printed as text (pure).

Newspapers and their sites print the byline as a line of the article itself, above the first
paragraph or below the last one, not in the header band:

- `本报记者罗科苏盈发自北京` (163.com reprints of 21世纪经济报道), `本刊记者 张三`
  (zgjjjc.ccdi.gov.cn, qstheory.cn);
- an outlet before the role: `新京报记者 陆一夫` (163.com, bjnews.com.cn), `扬子晚报记者 张楠`
  (qq.com, yangtse.com), `《棱镜》作者 周纯` (qq.com), `顶端新闻·河南商报记者马俊峰/文` (河南
  e-papers: newpaper.dahe.cn);
- a labelled credit: `作者：《中国企业家》记者 林涛` (blog reposts: alipay/blogbus),
  `执笔/叨叨姐、胡一刀&李小飞刀` (huanqiu.com), `原创： 路闻卓立编译` (WeChat reposts on
  sina.com.cn and qq.com), `文/张三`; `执笔人：张三 李四 王五` closing a research or survey
  report (调研报告 reprinted on qianlong.com, gov.cn and provincial 研究室 sites);
- the site's name and the names, with a place: `中央纪委国家监委网站 曹溢 自江西报道`
  (ccdi.gov.cn), `中央纪委国家监委网站 吴晶 薛鹏` below a repeated headline;
- in brackets closing the last paragraph: `（姚峰 上海报道）` (163.com reprints of 21世纪经济
  报道), `（总台记者 张倩）` (yangtse.com, cctv.com), `(信报记者 蔡雪婧)` (sina.com.cn),
  `(文/图 刘玺东 易赛楠)` (cjddsb.com, local news sites), `（记者 张三 通讯员 李四）` (the
  通讯员 is a contributor, not the author).

A credit is recognised only as a whole short line (or a whole closing bracket): the same
words inside prose are left alone.
"""

from __future__ import annotations

import re

from crawler.extract.surnames import person_name
from crawler.normalize.body import is_trailing_furniture
from crawler.normalize.bylines import clean_person, clean_source, split_byline

# A role word is no name: '记者 张三 李四 报道', '记者 张三 通讯员 李四', '（某某县纪委 供稿）'.
_NAME = (
    r"(?!报道|摄影|通讯员|实习生|供稿|供图|整理|撰稿|执笔|评论员|编辑|综合|编译|消息|来稿|投稿"
    r"|本报|本网|本刊|本台|本站)"
    r"[\u4e00-\u9fff·]{2,4}"
)
# Lazy: the fewest names that let the rest of the line read as a tail or a contributor
# ('本报记者 张三 人民日报通讯员 李四': the outlet opens the contributor, it is no name).
_NAMES = rf"{_NAME}(?:(?:\s*[、，,&＆]\s*|\s+){_NAME}){{0,4}}?"
_NAMES_ONLY = re.compile(_NAMES)
# An outlet printed before the role word: '新京报', '《棱镜》', '顶端新闻·河南商报', '本报'.
_OUTLET = r"(?:《[^》]{1,12}》|[\u4e00-\u9fff·]{2,12}?)"
_ROLE = r"(?:特约|首席)?(?:记者|作者)"
# The separator after a label: a colon, a slash, or the '|'/'丨' of WeChat credit lines
# ('文 | 张三', '作者丨李四': WeChat posts reprinted on thepaper.cn 澎湃号, 163.com 网易号 and
# sohu.com).
_SEP = r"\s*[:：/／|｜丨]\s*"
# What may follow the names: a dateline place, a role, a photo credit ('撰文：张三 摄影：李四'
# in magazines reprinted on qq.com and sina.com.cn; '文/张三 图/李四' on 大河报 and 羊城晚报
# pages), the writer's post in brackets ('作者：张三（中央党校教授）': qstheory.cn, people.com.cn
# theory pages).
_TAIL = (
    r"(?:\s*(?:发自|自)[\u4e00-\u9fff]{2,6}(?:报道)?|\s+[\u4e00-\u9fff]{2,6}报道|\s+报道"
    r"|\s*编译|\s*整理|\s*/\s*文\S{0,8}|\s*/\s*摄|\s+\S{0,6}供图"
    rf"|\s*(?:摄影|图片|摄|图){_SEP}{_NAMES}|\s+摄影\s+{_NAMES}|\s*[（(][^（()）]{{2,30}}[)）])"
)
# '采写'/'文字' open the credits of new-media pieces (xinhuanet.com, news.cn 客户端 reprints on
# 163.com and qq.com); '文·图' is '文/图' (河南 and 广东 e-papers).
_LABEL = (
    r"(?:作者|撰文|撰稿|采写|文字|执笔人|执笔|编译|文\s*[/／·・]\s*图|图\s*[/／·・]\s*文|文图|文)"
)
_CONTRIBUTOR = rf"(?:\s*{_OUTLET}?(?:通讯员|实习生)\s*{_NAMES})*"
# A WeChat repost's first line names the account after the author: '原创： 张三 某某公众号'.
_ACCOUNT = r"(?:\s+\S{2,12})?"
# The last branch is the names before the role: '马俊峰/文' (河南商报 and 大河报 pages on
# newpaper.dahe.cn), '张三/文 李四/图' (羊城晚报 ycwb.com, 南方都市报 reprints on 163.com).
_CREDIT = re.compile(
    rf"原创\s*[:：]\s*(?P<e>{_NAME}){_TAIL}?{_ACCOUNT}"
    rf"|{_LABEL}{_SEP}(?:{_OUTLET}?{_ROLE}\s*)?(?P<a>{_NAMES}){_TAIL}?{_CONTRIBUTOR}"
    rf"|(?:{_OUTLET})?{_ROLE}(?P<colon>{_SEP})?\s*(?P<b>{_NAMES}){_TAIL}?{_CONTRIBUTOR}"
    rf"|(?:{_LABEL}\s+)(?P<c>{_NAMES}){_TAIL}?"
    rf"|(?P<g>{_NAMES})\s*/\s*(?:文|撰文)(?:\s+{_NAMES}\s*/\s*(?:图|摄影?))?"
)
# Only in brackets: names and a place: '（姚峰 上海报道）'.
_BRACKETED = re.compile(rf"(?P<d>{_NAME})\s+[\u4e00-\u9fff]{{2,6}}报道")
# Only in brackets: an organisation, then its writers: '（某某县纪委监委 张三）',
# '（某某市委宣传部 张三 李四）', '（某某市纪委监委 张三 整理）' closing the articles of the
# provincial and county 纪委监委 sites and of gov.cn pages reprinting them (ccdi.gov.cn prints
# its own '（中央纪委国家监委网站 斯凌整理）', read with the page's 来源). The organisation must
# end with an organisation word: '（德清县发改局）' alone names no writer, and a department after
# it is no writer either ('（某某市人民政府 办公室）'). No named site and no shared page: the
# pattern is described, not observed; keep it narrow.
_ORG_WORD = r"(?:纪委监委|监委|纪委|委员会|委|局|部|办|院|厅|处|社|网|报|台|站|中心|政府|公司)"
_ORG_CREDIT = re.compile(
    rf"(?![据转摘])[\u4e00-\u9fff]{{2,20}}{_ORG_WORD}\s+(?P<f>{_NAMES})(?:\s*(?:整理|报道|撰稿|执笔))?"
)
_UNIT_END = re.compile(r"(?:室|部|局|处|科|司|委|办|组|队|所|站|院|厅|会|中心|科室)$")
_NAME_SPLIT = re.compile(r"\s*[、，,&＆]\s*|\s+")
# Words that follow '记者' in prose: '本报记者获悉', '记者从会上了解到'; and the reporter's turn
# in an interview transcript: '记者：您好', '记者：请问'.
_PROSE_AFTER_ROLE = re.compile(
    r"本(?:文|报|刊|网|站)|获悉|了解|发现|看到|注意到|采访|从|在|向|对|近日|日前|走访|调查"
    r"|您|你|请|谢谢|好的"
)
_CREDIT_MAX = 40
# A mark that opens a credit line in e-papers: '□本报记者 张三' (newpaper.dahe.cn,
# epaper.legaldaily.com.cn), '■ 文/本报记者 张三' (epaper.ynet.com, 南方日报), '◎ 记者 张三'.
_ORNAMENTS = "□■◎●○◆◇★☆▲△▼▽※ "
_TRAINEE = re.compile(r"(?<=[\u4e00-\u9fff·])\s+(?:见习|实习)记者\s*(?=[\u4e00-\u9fff])")
_HEADLINE_LIKE_MAX = 60
_SENTENCE_END = tuple("。！？!?…”；;")
_LEAD_LINES = 8
_CLOSING_LINES = 4
_CLOSING_BRACKET = re.compile(r"[（(](?P<inner>[^（()）]{2,40})[)）]\s*$")


def _names(match: re.Match[str]) -> str | None:
    names = next((match[g] for g in "abcdefg" if match.groupdict().get(g)), None)
    if not names or _PROSE_AFTER_ROLE.match(names):
        return None
    # '记者 张三 通讯员 李四': the 通讯员 is a contributor.
    names = re.split(r"通讯员|实习生", names, maxsplit=1)[0].strip()
    # '记者：' also opens the reporter's turns of an interview or press-conference transcript
    # ('记者：解放军继2月9日进行…' in a 国防部 press conference recommended on 163.com; a
    # short turn '记者：为什么', '记者：那么' is a question). After the colon form the names
    # must read as a person's (a common surname first); the spaced form '记者 张三' is
    # unchanged.
    if match.groupdict().get("colon") and not all(
        person_name(name) for name in _NAME_SPLIT.split(names)
    ):
        return None
    return names or None


def credit_names(line: str, source: str | None = None, bracketed: bool = False) -> str | None:
    """The author names of a whole-line reporter credit, else None."""
    text = " ".join(line.split()).lstrip(_ORNAMENTS)
    if len(text) > _CREDIT_MAX + 4 and "习记者" not in text and _has_sentence_stop(text):
        # A paragraph of prose, the body's usual line: too long for a credit even without its
        # brackets and their spaces, and field_credit refuses a sentence (what the steps
        # below would conclude, without their regex passes over the paragraph).
        return None
    # '本报记者 张三 见习记者 李四': a trainee reporter is a reporter too.
    text = _TRAINEE.sub(" ", text)
    if text[:1] in "(（" and text[-1:] in ")）":
        text, bracketed = text[1:-1].strip(), True
    if len(text) > _CREDIT_MAX:
        return field_credit(text)
    if len(text) < 2:
        return None
    # '中央纪委国家监委网站 曹溢 自江西报道': the page's own 来源 first.
    known = clean_source(source) if source else None
    if known and text.startswith(known + " "):
        text = text[len(known) + 1 :]
        match = re.fullmatch(rf"(?P<c>{_NAMES}){_TAIL}?", text)
        if match:
            return _names(match)
    match = _CREDIT.fullmatch(text)
    if match is None and bracketed:
        match = _BRACKETED.fullmatch(text)
        org = _ORG_CREDIT.fullmatch(text) if match is None else None
        if org is not None:
            names = _names(org)
            # '（某某市人民政府 办公室）', '（某某县纪委监委 宣传部）': the second word is a
            # department of the first, not a writer.
            if names and not any(_UNIT_END.search(n) for n in _NAME_SPLIT.split(names)):
                return names
            return None
    return _names(match) if match else field_credit(text)


# A line made only of labelled credit fields, the writer's among them: '撰稿：张三 摄影：李四
# 审核：王五', '文字：张三 图片：李四 编辑：王五' (university news pages: news.pku.edu.cn,
# news.tsinghua.edu.cn), '供稿：某某学院 | 撰稿：张三 | 编辑：李四', '…供稿 摄影/张艳 编辑/苏芳'
# (hospital and Party-branch sites: zyyfy's 党支部 pages). Every value is short and the line has
# no sentence: a '作者：' inside prose is not a credit block.
_FIELD_LABELS = (
    "责任编辑|撰稿人|执笔人|作者|撰稿|撰文|采写|执笔|文字|记者|供稿|摄影|图片|视频|编辑|责编"
    "|美编|审核|审校|校对|初审|复审|终审|监制|统筹|策划|出品|单位|通讯员|来源|设计|海报"
    "|(?<![\u4e00-\u9fff])(?:文|图)"
)
_FIELD = re.compile(rf"(?P<label>{_FIELD_LABELS})\s*[:：/／|｜丨]\s*")
_WRITER_FIELDS = frozenset(
    {"作者", "撰稿人", "撰稿", "撰文", "采写", "执笔人", "执笔", "文字", "文", "记者"}
)
_FIELD_LINE_MAX = 80
_FIELD_VALUE_MAX = 20


def _has_sentence_stop(text: str) -> bool:
    return any(p in text for p in "。！？；!?;")


def field_credit(line: str) -> str | None:
    """The writer's names in a line of labelled credit fields, else None."""
    text = " ".join(line.split()).strip("()（）【】[] ")
    if len(text) > _FIELD_LINE_MAX or _has_sentence_stop(text):
        return None
    fields = list(_FIELD.finditer(text))
    if len(fields) < 2 or fields[0].start() != 0:
        return None
    writer = None
    for index, found in enumerate(fields):
        end = fields[index + 1].start() if index + 1 < len(fields) else len(text)
        value = text[found.end() : end].strip(" |｜丨,，;；、")
        if not value or len(value) > _FIELD_VALUE_MAX or re.search("[:：]", value):
            return None
        if writer is None and found["label"] in _WRITER_FIELDS and _NAMES_ONLY.fullmatch(value):
            writer = value
    return writer


def _headline_like(line: str) -> bool:
    text = line.strip()
    return len(text) <= _HEADLINE_LIKE_MAX and not text.endswith(_SENTENCE_END)


def lead_credit(lines: list[str], source: str | None) -> tuple[str | None, list[str]]:
    """(author, lines without the credit) for a credit among the first lines of the body.

    Lines above the credit that read as headline lines (short, no sentence end: a repeated
    headline, a 引题, a deck) go with it; below it the text begins.
    """
    for index, line in enumerate(lines[:_LEAD_LINES]):
        names = credit_names(line, source)
        if names:
            above = lines[:index]
            keep = [] if all(_headline_like(x) for x in above) else above
            return names, keep + lines[index + 1 :]
    return None, lines


def closing_credit(lines: list[str], source: str | None) -> str | None:
    """The author of a credit line among the last lines, or closing the last sentence."""
    for line in reversed(lines[-_CLOSING_LINES:]):
        names = credit_names(line, source)
        if names:
            return names
        end = _CLOSING_BRACKET.search(" ".join(line.split()))
        if end:
            names = credit_names(end["inner"], source, bracketed=True)
            if names:
                return names
        if not is_trailing_furniture(line):
            break
        # A closing notice with a labelled author: '本文来源：中国证券报·中证网 作者：王小伟'
        # (163.com's div.ep-source inside the article box, 4 of its templates); the same
        # '来源：本站原创 作者：X' line that TRS Party-branch sites print above the body.
        labelled = clean_person(split_byline(line)["author"])
        if labelled and _NAMES_ONLY.fullmatch(labelled):
            return labelled
    return None
