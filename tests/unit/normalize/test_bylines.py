"""crawler.normalize.bylines: source (来源), author and editor spellings (portals.md 6, 7)."""

from __future__ import annotations

import pytest

from crawler.normalize.bylines import clean_person, clean_source, split_byline
from tests.support.tables import first_values

# --------------------------------------------------------------------------------------------
# split_byline / clean_source / clean_person
# --------------------------------------------------------------------------------------------

BYLINE_CASES = [
    pytest.param("来源：X 作者：Y 责任编辑：Z", "X", "Y", "Z", id="three-fields"),
    pytest.param("来源：人民日报", "人民日报", None, None, id="fullwidth-colon"),
    pytest.param("来源: 长江网", "长江网", None, None, id="cjn-ascii-colon-space"),
    pytest.param("来源:崇明区委组织部", "崇明区委组织部", None, None, id="ascii-colon-no-space"),
    pytest.param(
        '来源：<a href="http://www.people.com.cn/">人民网</a>', "人民网", None, None, id="link"
    ),
    pytest.param(
        "来源于：<!-- 文章来源 begin -->中山日报<!-- 文章来源 end -->",
        "中山日报",
        None,
        None,
        id="zsnews-comment-markers",
    ),
    pytest.param(
        "信息来源：<!--<$[信息来源]>begin-->省发改委<!--<$[信息来源]>end-->",
        "省发改委",
        None,
        None,
        id="hanweb-placeholder",
    ),
    pytest.param("稿件来源：党委宣传部", "党委宣传部", None, None, id="webplus"),
    pytest.param("文章来源：北京党建</font>", "北京党建", None, None, id="bjdj-stray-tag"),
    pytest.param("来源于：东区办事处", "东区办事处", None, None, id="laiyuanyu"),
    pytest.param("出处：求是网", "求是网", None, None, id="chuchu"),
    pytest.param(
        "来源：本站原创 作者：医技药剂党支部", "本站原创", "医技药剂党支部", None, id="zyyfy"
    ),
    pytest.param(
        "来源：本站原创&nbsp;&nbsp;作者：医技药剂党支部",
        "本站原创",
        "医技药剂党支部",
        None,
        id="zyyfy-nbsp-entity",
    ),
    pytest.param(
        "来源：本站原创\xa0\xa0作者：医技药剂党支部",
        "本站原创",
        "医技药剂党支部",
        None,
        id="zyyfy-nbsp-char",
    ),
    pytest.param("来源: | 发布时间: 2018-05-17 | 浏览次数:", None, None, None, id="vsb-empty"),
    pytest.param("来源：人民网－人民日报", "人民网－人民日报", None, None, id="fullwidth-hyphen"),
    pytest.param(
        "来源：人民网-中国共产党新闻网 | 责编：张三",
        "人民网-中国共产党新闻网",
        None,
        "张三",
        id="pipe-separated",
    ),
    pytest.param("时间：2019-09-18 06:23 来源： 山西日报", "山西日报", None, None, id="date-first"),
    pytest.param(
        "2020年5月13日 00:00  来源：崇明区委组织部", "崇明区委组织部", None, None, id="shjcdj"
    ),
    pytest.param("来源：新华网 2019-12-10 07:57:40", "新华网", None, None, id="date-ends-source"),
    pytest.param("来源：学习强国 阅读：1234", "学习强国", None, None, id="counter-ends-source"),
    pytest.param("来源：中国文明网【打印】【关闭】", "中国文明网", None, None, id="print-links"),
    pytest.param(
        "出处：求是网\u3000\u3000作者：王五", "求是网", "王五", None, id="ideographic-gap"
    ),
    pytest.param("(责编：汤诗瑶、丁涛)", None, None, "汤诗瑶、丁涛", id="people-editor-parens"),
    pytest.param("（责编：汤诗瑶、丁涛）", None, None, "汤诗瑶、丁涛", id="fullwidth-parens"),
    pytest.param("【编辑:陈海峰】", None, None, "陈海峰", id="lenticular-editor"),
    pytest.param("责任编辑： 尹世杰", None, None, "尹世杰", id="editor-space-after-colon"),
    pytest.param("责任编辑 王五", None, None, "王五", id="editor-space-only"),
    pytest.param("值班编辑：李明", None, None, "李明", id="duty-editor"),
    pytest.param("作者：李四 责任编辑：王五", None, "李四", "王五", id="author-editor"),
    pytest.param("记者 赵六", None, "赵六", None, id="reporter-space"),
    pytest.param("本报记者 张三 通讯员 李四", None, "张三", None, id="reporter-correspondent"),
    pytest.param("文/陈七", None, "陈七", None, id="wen-slash"),
    pytest.param("撰文：周八", None, "周八", None, id="zhuanwen"),
    pytest.param("作者：", None, None, None, id="empty-author-at-end"),
    pytest.param("原文：见附件", None, None, None, id="yuanwen-is-not-wen"),
    pytest.param("", None, None, None, id="empty"),
]


@pytest.mark.parametrize(("line", "source", "author", "editor"), BYLINE_CASES)
def test_split_byline(
    line: str, source: str | None, author: str | None, editor: str | None
) -> None:
    parts = split_byline(line)
    assert set(parts) == {"source", "author", "editor"}
    assert clean_source(parts["source"]) == source
    assert clean_person(parts["author"]) == author
    assert clean_person(parts["editor"]) == editor


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param(
            "来源：X 作者：Y 责任编辑：Z",
            {"source": "X", "author": "Y", "editor": "Z"},
            id="three-fields",
        ),
        pytest.param(
            "来源：人民网－人民日报\xa0\xa0作者：李四",
            {"source": "人民网－人民日报", "author": "李四", "editor": None},
            id="original-spelling-kept",
        ),
        pytest.param(
            "来源: | 发布时间: 2018-05-17 | 浏览次数:",
            {"source": None, "author": None, "editor": None},
            id="vsb-empty",
        ),
        pytest.param(None, {"source": None, "author": None, "editor": None}, id="none"),
    ],
)
def test_split_byline_raw_values(line: str | None, expected: dict[str, str | None]) -> None:
    assert split_byline(line) == expected


CLEAN_SOURCE_CASES = [
    pytest.param("来源：人民日报", "人民日报", id="meta-content-source"),
    pytest.param("人民日报", "人民日报", id="already-clean"),
    pytest.param("来源: 长江网", "长江网", id="ascii-colon"),
    pytest.param("来源于：东区办事处", "东区办事处", id="laiyuanyu"),
    pytest.param("稿件来源：党委宣传部", "党委宣传部", id="gaojian"),
    pytest.param(
        "信息来源：<!--<$[信息来源]>begin-->省发改委<!--<$[信息来源]>end-->",
        "省发改委",
        id="hanweb-placeholder",
    ),
    pytest.param("<!--<$[信息来源]>begin-->省发改委", "省发改委", id="placeholder-residue"),
    pytest.param(
        "<!-- 文章来源 begin -->中山日报<!-- 文章来源 end -->", "中山日报", id="zsnews-comment"
    ),
    pytest.param("文章来源：北京党建</font>", "北京党建", id="stray-tag"),
    pytest.param("来源：人民网－人民日报", "人民网－人民日报", id="compound-source"),
    pytest.param("【来源：新华社】", "新华社", id="lenticular-wrapped"),
    pytest.param("（人民日报）", "人民日报", id="fullwidth-parens-wrapped"),
    pytest.param("[求是网]", "求是网", id="square-wrapped"),
    pytest.param("(上海)人民广播电台(新闻)", "(上海)人民广播电台(新闻)", id="inner-pairs-kept"),
    pytest.param("《求是》", "《求是》", id="book-title-marks-kept"),
    pytest.param("人民日报 |", "人民日报", id="trailing-pipe"),
    pytest.param("\u3000人民日报\xa0｜", "人民日报", id="trailing-fullwidth-pipe-and-spaces"),
    pytest.param("来源：本站原创 作者：医技药剂党支部", "本站原创", id="whole-byline"),
    pytest.param("时间：2019-09-18 06:23 来源： 山西日报", "山西日报", id="whole-header-line"),
    pytest.param("来源于网络", "来源于网络", id="label-like-word-kept"),
    pytest.param("来源：", None, id="label-only"),
    pytest.param("来源: |", None, id="vsb-empty"),
    pytest.param("  ", None, id="blank"),
    pytest.param(None, None, id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_SOURCE_CASES)
def test_clean_source(raw: str | None, expected: str | None) -> None:
    assert clean_source(raw) == expected


@pytest.mark.parametrize("raw", first_values(CLEAN_SOURCE_CASES))
def test_clean_source_idempotent(raw: str | None) -> None:
    assert clean_source(clean_source(raw)) == clean_source(raw)


CLEAN_PERSON_CASES = [
    pytest.param("作者：李四", "李四", id="author-label"),
    pytest.param("(责编：汤诗瑶、丁涛)", "汤诗瑶、丁涛", id="people-editor"),
    pytest.param("（责编：汤诗瑶、丁涛）", "汤诗瑶、丁涛", id="people-editor-fullwidth"),
    pytest.param("汤诗瑶、丁涛)", "汤诗瑶、丁涛", id="unbalanced-closer"),
    pytest.param("【编辑:陈海峰】", "陈海峰", id="lenticular-editor"),
    pytest.param("责任编辑： 尹世杰", "尹世杰", id="editor-space-after-colon"),
    pytest.param("记者 赵六", "赵六", id="reporter-space"),
    pytest.param("本报记者 张三", "张三", id="our-reporter"),
    pytest.param("文/陈七", "陈七", id="wen-slash"),
    pytest.param("文／陈七", "陈七", id="wen-fullwidth-slash"),
    pytest.param("作者：李四 责任编辑：王五", "李四", id="stops-at-next-label"),
    pytest.param("张三 李四", "张三 李四", id="space-separated-names"),
    pytest.param("张三，李四", "张三，李四", id="comma-separated-names"),
    pytest.param("作者：\u3000张三\xa0\xa0", "张三", id="odd-spaces"),
    pytest.param("文静", "文静", id="name-starting-with-wen"),
    pytest.param("作者：", None, id="label-only"),
    pytest.param("", None, id="empty"),
    pytest.param(None, None, id="none"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_PERSON_CASES)
def test_clean_person(raw: str | None, expected: str | None) -> None:
    assert clean_person(raw) == expected


@pytest.mark.parametrize("raw", first_values(CLEAN_PERSON_CASES))
def test_clean_person_idempotent(raw: str | None) -> None:
    assert clean_person(clean_person(raw)) == clean_person(raw)
