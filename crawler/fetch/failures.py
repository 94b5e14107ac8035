"""Why a request came to nothing: one short reason per failure, for rejects, failed file, stats."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as twisted_error

# Answers that asking again will not change soon: rejects, not failures.
PERMANENT_STATUSES = frozenset({404, 410})


class BlockedByChallenge(IgnoreRequest):
    """The portal answered with an anti-bot challenge instead of content."""


class PageOverBudget(IgnoreRequest):
    """The page would take too long to parse (see sniff.html_over_budget)."""


def classify_failure(failure: Any) -> tuple[str, str, str]:
    """(disposition, reason, detail): disposition "reject" (permanent) or "failed" (retry later)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        disposition = "reject" if status in PERMANENT_STATUSES else "failed"
        return disposition, f"http_{status}", f"HTTP {status}"
    if isinstance(exc, BlockedByChallenge):
        return "failed", "blocked", str(exc)
    if isinstance(exc, PageOverBudget):
        return "reject", "over_budget", str(exc)
    message = str(exc)
    if isinstance(exc, IgnoreRequest):
        if "max redirections" in message or "redirect loop" in message:
            return "failed", "redirect_loop", message
        if "offsite" in message.lower():
            return "failed", "offsite_redirect", message
        if "DOWNLOAD_MAXSIZE" in message:
            return "failed", "too_large", message
        return "failed", "ignored", message
    if isinstance(exc, DownloadCancelledError) or "max size" in message.lower():
        return "failed", "too_large", message
    if isinstance(exc, (DownloadTimeoutError, twisted_error.TimeoutError)):
        return "failed", "timeout", message
    if isinstance(exc, ResponseDataLossError):
        return "failed", "data_loss", message
    if isinstance(exc, CannotResolveHostError):
        return "failed", "dns_error", message
    if isinstance(
        exc,
        (
            DownloadConnectionRefusedError,
            DownloadFailedError,
            twisted_error.ConnectError,
            twisted_error.ConnectionLost,
            twisted_error.ConnectionDone,
        ),
    ):
        return "failed", "connection_error", message
    return "failed", type(exc).__name__, message
