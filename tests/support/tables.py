"""Helpers for table-driven tests: a fixed clock and the input column of a case table."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from crawler.normalize.dates import SHANGHAI

# A fixed "now" (2025-01-01 12:00 in Shanghai) so that future-date rejection is deterministic.
NOW = datetime.datetime(2025, 1, 1, 12, 0, tzinfo=SHANGHAI)


def first_values(
    cases: list[Any], where: Callable[[Any], object] = lambda _expected: True
) -> list[Any]:
    """The input column of a table (same ids), for property tests such as idempotence."""
    return [pytest.param(case.values[0], id=case.id) for case in cases if where(case.values[-1])]
