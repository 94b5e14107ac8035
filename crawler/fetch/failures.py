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

from crawler.contracts import Reason


class BlockedByChallenge(IgnoreRequest):
    """The portal answered with an anti-bot challenge instead of content."""


class PageOverBudget(IgnoreRequest):
    """The page would take too long to parse (see sniff.html_over_budget)."""


class RedirectLoop(IgnoreRequest):
    """A redirect back to a URL already in the request's redirect chain."""


class OffsiteRedirect(IgnoreRequest):
    """A redirect to a host outside the spider's allowed domains."""


def classify_failure(failure: Any) -> tuple[str, Reason, str]:
    """(disposition, reason, detail): "reject" for a permanent reason, else "failed"."""
    reason, detail = _reason(failure.value)
    return ("reject" if reason.permanent else "failed"), reason, detail


def _reason(exc: BaseException) -> tuple[Reason, str]:
    if isinstance(exc, HttpError):
        status = exc.response.status
        return Reason.http(status), f"HTTP {status}"
    message = str(exc)
    typed = {
        BlockedByChallenge: Reason.BLOCKED,
        PageOverBudget: Reason.OVER_BUDGET,
        RedirectLoop: Reason.REDIRECT_LOOP,
        OffsiteRedirect: Reason.OFFSITE_REDIRECT,
    }
    for kind, reason in typed.items():
        if isinstance(exc, kind):
            return reason, message
    if isinstance(exc, IgnoreRequest):
        # Scrapy's own RedirectMiddleware and size cap raise a plain IgnoreRequest: its
        # message is all there is to tell them apart.
        if "max redirections" in message:
            return Reason.REDIRECT_LOOP, message
        if "DOWNLOAD_MAXSIZE" in message:
            return Reason.TOO_LARGE, message
        return Reason.IGNORED, message
    if isinstance(exc, DownloadCancelledError) or "max size" in message.lower():
        return Reason.TOO_LARGE, message
    if isinstance(exc, (DownloadTimeoutError, twisted_error.TimeoutError)):
        return Reason.TIMEOUT, message
    if isinstance(exc, ResponseDataLossError):
        return Reason.DATA_LOSS, message
    if isinstance(exc, CannotResolveHostError):
        return Reason.DNS_ERROR, message
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
        return Reason.CONNECTION_ERROR, message
    return Reason.DOWNLOAD_ERROR, f"{type(exc).__name__}: {message}"
