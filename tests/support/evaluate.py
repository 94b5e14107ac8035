"""Compare a record with a hand label of ../shared/real_pages/labels.json, field by field."""

from __future__ import annotations

import re
from typing import Any

_SPACE = re.compile(r"\s+")

FIELDS = ("title", "date", "time", "source", "author", "editor", "body_start", "body_end")


def _squash(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def _choices(label: dict[str, Any], key: str) -> list[Any]:
    return [label.get(key), *label.get(f"{key}_alt", [])]


def compare(record: dict[str, Any] | None, label: dict[str, Any]) -> dict[str, bool | None]:
    """field -> True (right), False (wrong) or None (not labelled / not applicable)."""
    record = record or {}
    out: dict[str, bool | None] = {}
    title = _squash(record.get("title"))
    out["title"] = any(title == _squash(t) for t in _choices(label, "title") if t)
    published = [p for p in _choices(label, "published") if p]
    got = record.get("published_at") or ""
    out["date"] = any(got[:10] == p[:10] for p in published) if published else None
    # A time is judged only where the page shows one; seconds only where the label has them.
    timed = [p for p in published if "T" in p]
    if timed:
        out["time"] = any(
            got[:10] == p[:10] and got[11 : 11 + len(p) - 11] == p[11:] for p in timed
        )
    else:
        out["time"] = None
    for key in ("source", "author", "editor"):
        out[key] = _squash(record.get(key)) in {_squash(v) for v in _choices(label, key)}
    body = _squash(record.get("body"))
    starts = [_squash(s) for s in _choices(label, "body_start") if s]
    ends = [_squash(s) for s in _choices(label, "body_end") if s]
    out["body_start"] = bool(body) and any(body.startswith(s) for s in starts) if starts else None
    out["body_end"] = bool(body) and any(body.endswith(s) for s in ends) if ends else None
    return out
