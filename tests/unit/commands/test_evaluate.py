"""crawler.commands.evaluate: the verdict on a record's time against a label's readings."""

from __future__ import annotations

import pytest

from crawler.commands.evaluate import compare

LABEL = {"title": "t", "published": "2009-11-09T00:00", "published_alt": ["2009-11-09"]}
TIMED_ONLY = {"title": "t", "published": "2019-09-07T19:02"}


@pytest.mark.parametrize(
    ("label", "published_at", "precision", "expected"),
    [
        pytest.param(LABEL, "2009-11-09T00:00:00+08:00", "day", True, id="date-only-alt"),
        pytest.param(LABEL, "2009-11-10T00:00:00+08:00", "day", False, id="other-day"),
        pytest.param(TIMED_ONLY, "2019-09-07T00:00:00+08:00", "day", False, id="time-missing"),
        pytest.param(TIMED_ONLY, "2019-09-07T19:02:26+08:00", "second", True, id="minute-match"),
        pytest.param(TIMED_ONLY, "2019-09-07T18:41:00+08:00", "minute", False, id="other-time"),
    ],
)
def test_time_verdict(label, published_at: str, precision: str, expected: bool) -> None:
    record = {"published_at": published_at, "published_precision": precision}
    assert compare(record, label)["time"] is expected
