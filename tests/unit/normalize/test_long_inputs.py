"""Every normalizer stays linear on long blank and separator runs."""

from __future__ import annotations

import pytest

from crawler.normalize.body import clean_body
from crawler.normalize.bylines import clean_person, clean_source, split_byline
from crawler.normalize.dates import find_date, parse_cn_datetime
from crawler.normalize.titles import clean_title
from tests.support.tables import NOW

# --------------------------------------------------------------------------------------------
# Purity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("发布时间：" + " " * 20_000 + "x", id="blank-after-label"),
        pytest.param(" " * 20_000 + "1589328000000" + " " * 20_000 + "x", id="blank-around-digits"),
        pytest.param("2020年5月13日" + "\xa0" * 20_000 + "星期", id="blank-after-date"),
        pytest.param("," * 20_000 + "x", id="separator-run"),
        pytest.param("??" * 10_000 + "面", id="question-mark-run"),
        # A lookahead to the line's end tried after every '©' of an organizer line: ~65 s.
        pytest.param("主办单位 " + "Copyright " * 20_000, id="copyright-run-after-organizer"),
    ],
)
def test_long_blank_runs(text: str) -> None:
    # Inputs that once made regexes with adjacent \s* / [...]+$ backtrack quadratically (6 s);
    # a regression shows as a slow suite, not as a timing assertion (timings stay out of tests).
    found = find_date(text)
    assert found is None or found in text
    parse_cn_datetime(text, now=NOW)
    split_byline(text)
    assert clean_source(clean_source(text)) == clean_source(text)
    assert clean_person(clean_person(text)) == clean_person(text)
    assert clean_body(clean_body(text)) == clean_body(text)
    assert clean_title(clean_title(text, ["人民网"]), ["人民网"]) == clean_title(text, ["人民网"])
