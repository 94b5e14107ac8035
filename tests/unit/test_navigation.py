"""crawler.navigation: the stop rules as a table (one row per rule and its edge)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from crawler.extract.lists import ListEntry
from crawler.navigation import EntryStatus, Limits, Stop, decide_page

NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
NEXT = "http://portal.test/col/index_1.html"


@dataclass(frozen=True)
class Known:
    published_date: datetime.date | None


@dataclass
class FakeState:
    """known: url -> date; established: urls a finished complete walk saw saved."""

    known_dates: dict[str, datetime.date | None] = field(default_factory=dict)
    rejects: set[str] = field(default_factory=set)
    established_urls: set[str] = field(default_factory=set)

    def known(self, url: str) -> Known | None:
        return Known(self.known_dates[url]) if url in self.known_dates else None

    def rejected(self, url: str) -> str | None:
        return "http_404" if url in self.rejects else None

    def established(self, column: str, url: str) -> bool:
        return url in self.established_urls

    def newest_established_date(self, column: str) -> datetime.date | None:
        dates = [
            d for u, d in self.known_dates.items() if u in self.established_urls and d is not None
        ]
        return max(dates, default=None)


def page(*days: int) -> list[ListEntry]:
    """Entries a1.. dated 2026-11-<day>, newest first."""
    return [
        ListEntry(url=f"http://portal.test/a{i}.html", title=f"t{i}", date_raw=f"2026-11-{d:02d}")
        for i, d in enumerate(days, 1)
    ]


def url(i: int) -> str:
    return f"http://portal.test/a{i}.html"


OLD = datetime.date(2026, 10, 1)
ROWS = [
    # (id, entries, state, limits, next url, page, stop, complete, fetched)
    ("no-state-next-page", page(30, 29), None, {}, NEXT, 1, None, False, 2),
    ("no-state-last-page", page(30, 29), None, {}, None, 1, Stop.LAST_PAGE, True, 2),
    (
        "known-but-not-established-goes-on",  # a cut-short run saved these: not evidence
        page(30, 29),
        FakeState(known_dates={url(1): OLD, url(2): OLD}),
        {},
        NEXT,
        1,
        None,
        False,
        0,
    ),
    (
        "established-bottom-stops",
        page(30, 29),
        FakeState(known_dates={url(2): OLD}, established_urls={url(2)}),
        {},
        NEXT,
        1,
        Stop.ESTABLISHED,
        True,
        1,
    ),
    (
        "rejected-established-bottom-stops",
        page(30, 29),
        FakeState(rejects={url(2)}, established_urls={url(2)}),
        {},
        NEXT,
        1,
        Stop.ESTABLISHED,
        True,
        1,
    ),
    (
        "established-top-only-goes-on",  # pinned or re-dated entries at the top stop nothing
        page(30, 29),
        FakeState(known_dates={url(1): OLD}, established_urls={url(1)}),
        {},
        NEXT,
        1,
        None,
        False,
        1,
    ),
    (
        "bottom-older-than-newest-established-minus-overlap-stops",
        page(30, 20),
        FakeState(
            known_dates={"http://portal.test/x.html": datetime.date(2026, 11, 25)},
            established_urls={"http://portal.test/x.html"},
        ),
        {"overlap_days": 3},
        NEXT,
        1,
        Stop.ESTABLISHED,
        True,
        2,
    ),
    (
        "bottom-within-overlap-goes-on",
        page(30, 23),
        FakeState(
            known_dates={"http://portal.test/x.html": datetime.date(2026, 11, 25)},
            established_urls={"http://portal.test/x.html"},
        ),
        {"overlap_days": 3},
        NEXT,
        1,
        None,
        False,
        2,
    ),
    (
        "newest-known-but-not-established-date-is-no-evidence",
        page(30, 1),
        FakeState(known_dates={"http://portal.test/x.html": datetime.date(2026, 11, 30)}),
        {"overlap_days": 3},
        NEXT,
        1,
        None,
        False,
        2,
    ),
    (
        "refresh-window-goes-on",
        page(30, 29),
        FakeState(
            known_dates={url(1): datetime.date(2026, 11, 30), url(2): datetime.date(2026, 11, 29)},
            established_urls={url(1), url(2)},
        ),
        {"refresh_days": 10},
        NEXT,
        1,
        None,
        False,
        2,
    ),
    (
        "all-before-since-stops-incomplete",
        page(3, 2),
        None,
        {"since": datetime.date(2026, 11, 10)},
        NEXT,
        1,
        Stop.BEFORE_SINCE,
        False,
        0,
    ),
    (
        "since-walk-to-the-end-is-incomplete",
        page(30, 2),
        None,
        {"since": datetime.date(2026, 11, 10)},
        None,
        1,
        Stop.LAST_PAGE,
        False,
        1,
    ),
    (
        "max-pages-stops-incomplete",
        page(30, 29),
        None,
        {"max_pages": 2},
        NEXT,
        2,
        Stop.MAX_PAGES,
        False,
        2,
    ),
    (
        "depth-limit-stops-incomplete",
        page(30, 29),
        None,
        {"depth_limit": 5},
        NEXT,
        5,
        Stop.MAX_DEPTH,
        False,
        2,
    ),
]


@pytest.mark.parametrize(
    ("entries", "state", "limits", "next_url", "number", "stop", "complete", "fetched"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_decide_page(  # noqa: PLR0917 (one argument per table column)
    entries: list[ListEntry],
    state: FakeState | None,
    limits: dict[str, object],
    next_url: str | None,
    number: int,
    stop: Stop | None,
    complete: bool,
    fetched: int,
) -> None:
    decision = decide_page(
        "要闻",
        number,
        entries,
        next_url=next_url,
        state=state,
        limits=Limits(now=NOW, **limits),  # type: ignore[arg-type]
        seen_pages=set(),
    )
    assert decision.stop == stop
    assert decision.complete is complete
    assert len(decision.follow) == fetched
    assert decision.next_url == (next_url if stop is None else None)


def test_a_repeated_page_stops_the_walk() -> None:
    seen: set[tuple[str, ...]] = set()
    limits = Limits(now=NOW)
    first = decide_page("要闻", 1, page(30, 29), next_url=NEXT, state=None, limits=limits,
                        seen_pages=seen)  # fmt: skip
    again = decide_page("要闻", 2, page(30, 29), next_url=NEXT, state=None, limits=limits,
                        seen_pages=seen)  # fmt: skip
    assert first.stop is None
    assert again.stop is Stop.REPEATED and not again.complete and not again.follow


def test_statuses_are_counted() -> None:
    state = FakeState(known_dates={url(1): OLD}, rejects={url(2)})
    decision = decide_page("要闻", 1, page(30, 29, 28), next_url=NEXT, state=state,
                           limits=Limits(now=NOW), seen_pages=set())  # fmt: skip
    assert decision.statuses == {
        EntryStatus.KNOWN: 1,
        EntryStatus.REJECTED: 1,
        EntryStatus.NEW: 1,
    }
    assert [entry.url for entry, _ in decision.follow] == [url(3)]


def test_a_page_left_empty_by_offsite_entries_goes_on():
    # Every entry of the page was on another host (the spider filtered them out).
    state = FakeState(known_dates={url(1): OLD}, established_urls={url(1)})
    decision = decide_page("要闻", 1, [], next_url=NEXT, state=state, limits=Limits(now=NOW),
                           seen_pages=set())  # fmt: skip
    assert decision.stop is None and decision.next_url == NEXT and not decision.follow
