"""Navigation decisions (pure): given a list page's entries, what to fetch and whether to go on.

The spider turns a `PageDecision` into requests, stats and log lines; every rule that decides
how far a column is walked lives here, testable with plain values.

The stop rule, and why it is safe
---------------------------------
Lists are newest first. A run may stop paging a column early only on what a *finished, fully
saved walk* of that column established, never on what a cut-short run happened to save:

- An entry is **established** for a column when the state knew it (exported, or rejected for
  a permanent reason) *before* the last walk of that column which ended the run normally,
  reached the column's end or an established entry, and was saved and ingested
  (`StateView.established`). A killed, stopped or failed run records no walk, so what it
  saved stays known (never exported twice) but not established.
- A page whose **bottom entry is established** ends the walk: everything below it was
  walked by that finished run (by induction, down to the column's end).
- A page whose bottom entry is dated more than `overlap_days` before the newest
  **established** date of the column ends the walk too (back-dated publications within the
  overlap are still found). Dates of merely known articles never count: a cut-short run that
  saved today's newest article must not make older unsaved ones look "old".
- With no established entry (a first crawl, or after every earlier run was cut short) the
  column is walked to its end.

Also: `since` skips older entries and ends the walk at a page holding only older ones;
`max_pages` and the hard `depth_limit` end it; a page repeating an earlier page's entries ends
it. Only a walk from the column's first page that reached its end or an established entry,
without `since` and without a failed list page, is complete (`PageDecision.complete`, and the
spider's bookkeeping): the others must not establish anything.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from crawler.extract.lists import ListEntry
from crawler.normalize.dates import parse_cn_datetime


class EntryStatus(StrEnum):
    NEW = "new"  # not in the state: fetch
    REFRESH = "refresh"  # known, published inside the refresh_days window: fetch again
    KNOWN = "known"  # exported before: skip
    REJECTED = "rejected"  # rejected before for a permanent reason: skip
    OLDER = "older"  # before `since`: skip


class Stop(StrEnum):
    """Why a column's walk ends at this page."""

    REPEATED = "repeated_page"  # the same entries as an earlier page of the column
    BEFORE_SINCE = "before_since"  # every entry is older than `since`
    ESTABLISHED = "stopped_at_known"  # the bottom entry was established by a finished walk
    MAX_PAGES = "max_pages_reached"
    MAX_DEPTH = "max_depth_reached"
    LAST_PAGE = "last_page"  # no next page


# Stops after which the column counts as walked: below the page there is nothing, or
# nothing a finished walk has not handled.
_COMPLETE = frozenset({Stop.ESTABLISHED, Stop.LAST_PAGE})


class KnownEntry(Protocol):
    published_date: datetime.date | None


class StateView(Protocol):
    """What navigation reads from a spider's state (crawler/run/state.py implements it)."""

    def known(self, url: str) -> KnownEntry | None: ...

    def rejected(self, url: str) -> str | None: ...

    def established(self, column: str, url: str) -> bool: ...

    def newest_established_date(self, column: str) -> datetime.date | None: ...


@dataclass(frozen=True)
class Limits:
    """A run's navigation settings and clock."""

    now: datetime.datetime  # Shanghai time: list dates after it are not dates
    since: datetime.date | None = None
    max_pages: int | None = None
    depth_limit: int = 0  # LIST_MAX_PAGES; 0: none
    overlap_days: int = 3  # INCREMENTAL_OVERLAP_DAYS
    refresh_days: int | None = None


@dataclass
class PageDecision:
    follow: list[tuple[ListEntry, EntryStatus]] = field(default_factory=list)
    statuses: Counter[EntryStatus] = field(default_factory=Counter)
    stop: Stop | None = None  # None: request `next_url`
    next_url: str | None = None
    # Whether this page ends a complete walk of the column (when the walk began at its
    # first page and no list page of it failed: the spider knows that, not this page).
    complete: bool = False


def entry_status(url: str, state: StateView | None, limits: Limits) -> EntryStatus:
    if state is None:
        return EntryStatus.NEW
    known = state.known(url)
    if known is not None:
        window = limits.refresh_days
        if window and (
            known.published_date is None
            or known.published_date >= limits.now.date() - datetime.timedelta(days=window)
        ):
            return EntryStatus.REFRESH
        return EntryStatus.KNOWN
    return EntryStatus.REJECTED if state.rejected(url) else EntryStatus.NEW


def _entry_date(entry: ListEntry, limits: Limits) -> datetime.date | None:
    parsed = parse_cn_datetime(entry.date_raw, now=limits.now) if entry.date_raw else None
    return parsed.date if parsed else None


def _below_established(
    column: str, bottom: ListEntry, status: EntryStatus, state: StateView, limits: Limits
) -> bool:
    """Whether the page's bottom entry shows the following pages hold nothing unsaved."""
    if status is EntryStatus.REFRESH:
        return False  # the refresh window reaches further down
    if status in (EntryStatus.KNOWN, EntryStatus.REJECTED) and state.established(
        column, bottom.url
    ):
        return True
    newest = state.newest_established_date(column)
    bottom_date = _entry_date(bottom, limits)
    if newest is None or bottom_date is None:
        return False
    return bottom_date < newest - datetime.timedelta(days=limits.overlap_days)


def decide_page(
    column: str,
    page: int,
    entries: list[ListEntry],
    *,
    next_url: str | None,
    state: StateView | None,
    limits: Limits,
    seen_pages: set[tuple[str, ...]],
) -> PageDecision:
    """What to do with one non-empty list page of `column` (page numbers start at 1).

    `state` is None when the run ignores it (`full=1`, no state); `seen_pages` holds the entry
    URL tuples of the column's earlier pages in this run and is updated.
    """
    decision = PageDecision()
    # An empty page here is one whose every entry was on another host (the spider filtered
    # them out): nothing to follow or to judge, the walk goes on to the next page.
    page_key = tuple(e.url for e in entries)
    if page_key and page_key in seen_pages:
        # Calendar-like lists and query-string variants serve the same entries forever.
        decision.stop = Stop.REPEATED
        return decision
    seen_pages.add(page_key)
    status = EntryStatus.NEW
    for entry in entries:
        entry_date = _entry_date(entry, limits) if limits.since else None
        if limits.since and entry_date and entry_date < limits.since:
            status = EntryStatus.OLDER
        else:
            status = entry_status(entry.url, state, limits)
            if status in (EntryStatus.NEW, EntryStatus.REFRESH):
                decision.follow.append((entry, status))
        decision.statuses[status] += 1
    if limits.since and decision.statuses[EntryStatus.OLDER] == len(entries):
        decision.stop = Stop.BEFORE_SINCE
    elif (
        entries
        and state is not None
        and _below_established(column, entries[-1], status, state, limits)
    ):
        decision.stop = Stop.ESTABLISHED
    elif limits.max_pages and page >= limits.max_pages:
        decision.stop = Stop.MAX_PAGES
    elif limits.depth_limit and page >= limits.depth_limit:
        # A pager that never ends (page numbers keep growing) is cut at a hard depth.
        decision.stop = Stop.MAX_DEPTH
    elif not next_url:
        decision.stop = Stop.LAST_PAGE
    else:
        decision.next_url = next_url
    # A walk under `since` skipped older entries without saving them: it establishes nothing.
    decision.complete = decision.stop in _COMPLETE and not limits.since
    return decision
