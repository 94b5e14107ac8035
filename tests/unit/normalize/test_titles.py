"""crawler.normalize.titles: whitespace and site-name suffixes."""

from __future__ import annotations

import pytest

from crawler.normalize.titles import clean_title

# --------------------------------------------------------------------------------------------
# clean_title
# --------------------------------------------------------------------------------------------

SHJCDJ_TITLE = "崇明区新海镇:“三个到位”答好疫情防控“考题”"

TITLE_CASES = [
    pytest.param(
        f"{SHJCDJ_TITLE}_上海基层党建网", ["上海基层党建网"], SHJCDJ_TITLE, id="shjcdj-underscore"
    ),
    pytest.param("标题 - 人民网", ["人民网"], "标题", id="spaced-hyphen"),
    pytest.param("标题-人民网", ["人民网"], "标题", id="hyphen"),
    pytest.param("标题--人民网", ["人民网"], "标题", id="double-hyphen"),
    pytest.param("标题——人民网", ["人民网"], "标题", id="em-dashes"),
    pytest.param("标题|人民网", ["人民网"], "标题", id="pipe"),
    pytest.param("标题｜人民网", ["人民网"], "标题", id="fullwidth-pipe"),
    pytest.param("标题 - 党建 - 人民网", ["人民网", "党建"], "标题", id="stacked-suffixes"),
    pytest.param("标题_栏目_人民网", ["人民网"], "标题_栏目", id="unknown-column-kept"),
    pytest.param("人民网", ["人民网"], "人民网", id="title-equal-to-site-kept"),
    pytest.param("人民网评：标题", ["人民网"], "人民网评：标题", id="site-name-prefix-kept"),
    pytest.param("标题 - 人民网", [], "标题 - 人民网", id="no-site-names"),
    pytest.param(
        "【不忘初心 牢记使命】标题", ["人民网"], "【不忘初心 牢记使命】标题", id="bracket-prefix"
    ),
    pytest.param(" \u3000标题\n  第二行\xa0 ", [], "标题 第二行", id="whitespace-collapsed"),
    pytest.param("投身外交(3)\ue004", [], "投身外交(3)", id="private-use-glyph-dropped"),
    pytest.param("\ue004\U000f0001", [], None, id="only-private-use"),
    pytest.param(
        "调整2007\u3000年末国债", [], "调整2007年末国债", id="number-unit-ideographic-space"
    ),
    pytest.param("2024 年 1 月 数据", [], "2024年1月 数据", id="number-unit-spaces"),
    pytest.param("第 3 期 特稿", [], "第3期 特稿", id="ordinal-spaces"),
    pytest.param("iPhone 16 发布", [], "iPhone 16 发布", id="number-before-other-word-kept"),
    pytest.param("2024 中国品牌日", [], "2024 中国品牌日", id="number-before-name-kept"),
    pytest.param("  ", [], None, id="blank"),
    pytest.param(None, [], None, id="none"),
]


@pytest.mark.parametrize(("raw", "site_names", "expected"), TITLE_CASES)
def test_clean_title(raw: str | None, site_names: list[str], expected: str | None) -> None:
    assert clean_title(raw, site_names) == expected


@pytest.mark.parametrize(
    ("raw", "site_names"), [pytest.param(*case.values[:2], id=case.id) for case in TITLE_CASES]
)
def test_clean_title_idempotent(raw: str | None, site_names: list[str]) -> None:
    once = clean_title(raw, site_names)
    assert clean_title(once, site_names) == once


def test_clean_title_accepts_any_iterable() -> None:
    assert clean_title("标题_人民网", (name for name in ["人民网"])) == "标题"
