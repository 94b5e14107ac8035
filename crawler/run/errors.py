"""Exit codes of `scrapy crawl` and `scrapy crawlall`, and the errors that stop a run at start.

A start error is a one-line message for the operator (a file and what to do about it); the
commands print it without a traceback and exit with its code.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DEGRADED = 3
# Another run of the same spider holds its state: nothing was done (sysexits EX_TEMPFAIL,
# "try again later"; a timer that fires again does just that).
EXIT_LOCKED = 75


class StartError(Exception):
    """The run cannot start; nothing was fetched or written."""

    exit_code = EXIT_FAILED


class StateError(StartError):
    """The state file is unreadable, damaged, locked, or of a schema this crawler does not know."""


class LockHeld(StartError):
    """Another run of the same spider holds the state lock."""

    exit_code = EXIT_LOCKED
