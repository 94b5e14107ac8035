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


@pytest.mark.parametrize(
    ("line", "source", "author", "editor"),
    [
        ("稿源：某某社", "某某社", None, None),
        ("来源 | 某某社", "某某社", None, None),
        ("来源丨某某社丨编辑丨张三", "某某社", None, "张三"),
        ("作者｜李四", None, "李四", None),
        ("编辑 | 张三  校对 | 李四", None, None, "张三"),
        # an empty field keeps its colon and stays empty; '|' between fields is no label
        ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", None, None, None),
        ("2024-07-12 | 来源：某某网", "某某网", None, None),
        ("正文 | 张三", None, None, None),
        ("撰稿人：张三 审核：李四", None, "张三", None),
        ("执笔人：张三 李四", None, "张三 李四", None),
        ("采写：张三  编辑：李四", None, "张三", "李四"),
        # another credit's label ends the value
        ("来源：某某网 发布人：马某", "某某网", None, None),
        ("作者：张三 初审：李四 终审：王五", None, "张三", None),
    ],
)
def test_more_byline_labels(
    line: str, source: str | None, author: str | None, editor: str | None
) -> None:
    parts = split_byline(line)
    assert (parts["source"], parts["author"], parts["editor"]) == (source, author, editor)
