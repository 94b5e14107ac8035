"""crawler.normalize.bylines: counters that end a 来源 value, and the names of a byline."""

from __future__ import annotations

import pytest

from crawler.normalize.bylines import clean_source, split_byline, split_names


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("来源：某某网 访问量：199", "某某网"),
        ("来源：本站  访问次数：12", "本站"),
        ("来源：某某网 访问数 88", "某某网"),
        ("来源： 访问量： 199", None),
        ("来源：某某访问团", "某某访问团"),  # 访问 inside a name is no counter
    ],
)
def test_counter_ends_the_source(line: str, source: str | None) -> None:
    assert split_byline(line)["source"] == source
    assert clean_source(line) == source


@pytest.mark.parametrize(
    ("author", "names"),
    [
        ("张三、李四、王五", ["张三", "李四", "王五"]),
        ("张三 李四", ["张三", "李四"]),
        ("作者：张三，李四", ["张三", "李四"]),
        ("叨叨姐、胡一刀&李小飞刀", ["叨叨姐", "胡一刀", "李小飞刀"]),
        ("本报记者 张三", ["张三"]),
        ("John Smith", ["John Smith"]),
        ("张三、张三", ["张三"]),
        (None, []),
    ],
)
def test_split_names(author: str | None, names: list[str]) -> None:
    assert split_names(author) == names
