"""`python -m crawler evaluate`: per-field accuracy of the generic extractor on labelled pages.

The pages of `../shared/real_pages` and `../shared/corpus` are fed as bytes with a bare
`Content-Type: text/html` (no charset), as a portal would answer, through the `article`
spider's item building and the project's pipelines: encoding detection, extraction and
normalization are all exercised. Each (page, field) is compared with its hand label; list
pages are drafted by the profile assistant and compared on entries, first/last item and
next page.

Not a Scrapy command: it lives here so that `scrapy` finds nothing to import at start-up
beyond this docstring's module (the heavy imports are inside the functions).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Fields of an article label, in table order; list pages have their own.
FIELDS = ("title", "date", "time", "source", "author", "editor", "body_start", "body_end")
LIST_FIELDS = ("n_items", "first_item", "last_item", "next_page")
# The targets (share of labelled pages right, over both folders).
TARGETS = {
    "title": 0.98,
    "date": 0.98,
    "source": 0.98,
    "time": 0.95,
    "author": 0.95,
    "body_start": 0.97,
    "body_end": 0.97,
}
FOLDERS = ("real_pages", "corpus")
DEFAULT_SHARED = Path(__file__).resolve().parents[2].parent / "shared"
# A loopback server's answer for a saved page: HTML, charset left to the page.
SERVED_HEADERS = {"Content-Type": "text/html"}

_SPACE = re.compile(r"\s+")


# --- labels -----------------------------------------------------------------------------------


def load_labels(folder: Path) -> dict[str, dict[str, Any]]:
    """`labels.json` of a ../shared folder, or {} when the folder is absent."""
    path = folder / "labels.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def page_bytes(folder: Path, name: str) -> bytes:
    return (folder / name).read_bytes()


# --- comparison -------------------------------------------------------------------------------


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
    if record.get("published_precision") == "day":
        # Schema 2+: a date-only page gives its midnight; the time is not the page's.
        got = got[:10]
    out["date"] = any(got[:10] == p[:10] for p in published) if published else None
    # A time is judged only where the page shows one; seconds only where the label has them.
    timed = [p for p in published if "T" in p]
    if timed:
        # A date-only reading among the label's choices accepts a date-only record: the
        # labels give one where the page's clock is a placeholder ('2009年11月09日00:00' on
        # people.com.cn 人民日报 print-edition pages), which the normalizer stores as no time.
        untimed = {p for p in published if "T" not in p}
        out["time"] = (len(got) == 10 and got in untimed) or any(
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


def _same_url(got: str | None, want: str | None, page_url: str) -> bool:
    from urllib.parse import urljoin  # noqa: PLC0415

    if want is None or got is None:
        return got == want
    return urljoin(page_url, got) == urljoin(page_url, want)


def compare_list(draft: Any, label: dict[str, Any]) -> dict[str, bool]:
    """List page verdicts: entry count, first and last entry (url + title), next page."""
    entries = list(draft.entries) if draft is not None else []
    url = label["url"]

    def same(entry: Any, want: dict[str, Any]) -> bool:
        return _same_url(entry.url, want["url"], url) and _squash(entry.title) == _squash(
            want["title"]
        )

    next_url = draft.next_url if draft is not None else None
    return {
        "n_items": len(entries) == label["n_items"],
        "first_item": bool(entries) and same(entries[0], label["first_item"]),
        "last_item": bool(entries) and same(entries[-1], label["last_item"]),
        "next_page": _same_url(next_url, label["next_page"], url),
    }


# --- running the pages ------------------------------------------------------------------------


@dataclass
class Results:
    """verdicts[folder][page][field] -> bool; records[folder][page] -> record or None."""

    verdicts: dict[str, dict[str, dict[str, bool]]] = field(default_factory=dict)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)


def served_response(url: str, body: bytes) -> Any:
    """The response a crawl gets for `body` from a server answering a bare text/html."""
    from scrapy.http import HtmlResponse  # noqa: PLC0415

    return HtmlResponse(url, body=body, headers=SERVED_HEADERS)


def article_records(folder: Path, names: list[str]) -> Iterator[tuple[str, Any]]:
    """(page, record or None) for labelled article pages, as the `article` spider exports
    them: the domain's profile if one matches (else generic), then finalize_record."""
    import datetime  # noqa: PLC0415

    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    from crawler.assistant.record_check import exported_record  # noqa: PLC0415
    from crawler.fetch.encoding import fix_encoding  # noqa: PLC0415
    from crawler.normalize.dates import SHANGHAI  # noqa: PLC0415
    from crawler.site.loading import iter_profiles, profile_for_url  # noqa: PLC0415

    min_chars = get_project_settings().getint("BODY_MIN_CHARS")
    profiles = list(iter_profiles())
    now = datetime.datetime.now(SHANGHAI)
    labels = load_labels(folder)
    for name in names:
        url = labels[name]["url"]
        response = fix_encoding(served_response(url, page_bytes(folder, name)))
        record = exported_record(
            response.selector,
            url,
            profile_for_url(url, profiles),
            now=now,
            min_body_chars=min_chars,
        )
        yield name, (None if "rejected" in record else record)


def list_draft(folder: Path, name: str) -> Any:
    """The assistant's list draft of a labelled list page (None when it finds no list)."""
    from crawler.assistant.list_draft import suggest_list  # noqa: PLC0415
    from crawler.fetch.encoding import fix_encoding  # noqa: PLC0415

    label = load_labels(folder)[name]
    response = fix_encoding(served_response(label["url"], page_bytes(folder, name)))
    return suggest_list(response.selector, label["url"])


def evaluate(shared: Path) -> Results:
    results = Results()
    for folder_name in FOLDERS:
        folder = shared / folder_name
        labels = load_labels(folder)
        verdicts: dict[str, dict[str, bool]] = {}
        records: dict[str, Any] = {}
        articles = sorted(k for k, v in labels.items() if v["kind"] == "article")
        for name, record in article_records(folder, articles):
            records[name] = record
            verdicts[name] = {
                k: v for k, v in compare(record, labels[name]).items() if v is not None
            }
        for name in sorted(k for k, v in labels.items() if v["kind"] == "list"):
            verdicts[name] = compare_list(list_draft(folder, name), labels[name])
        results.verdicts[folder_name] = verdicts
        results.records[folder_name] = records
    return results


def table(results: Results) -> list[str]:
    """One line per field: right/labelled per folder, both, share, target."""
    folders = list(results.verdicts)
    head = f"{'field':12s}" + "".join(f"{f:>14s}" for f in folders)
    head += f"{'both':>14s}  share  target"
    lines = [head]
    for name in (*FIELDS, *LIST_FIELDS):
        cells = []
        right_all = total_all = 0
        for folder in folders:
            got = [v[name] for v in results.verdicts[folder].values() if name in v]
            right, total = sum(got), len(got)
            right_all, total_all = right_all + right, total_all + total
            cells.append(f"{right:>8d}/{total:<5d}" if total else f"{'-':>14s}")
        if not total_all:
            continue
        share = right_all / total_all
        target = TARGETS.get(name)
        mark = "" if target is None else f"{target:.2f} " + ("ok" if share >= target else "MISS")
        both = f"{right_all:>8d}/{total_all:<5d}"
        lines.append(f"{name:12s}" + "".join(cells) + f"{both}  {share:5.3f}  {mark}")
    return lines


def misses(results: Results) -> list[str]:
    return [
        f"{folder}/{page}: {name}"
        for folder, pages in results.verdicts.items()
        for page, verdicts in sorted(pages.items())
        for name, ok in verdicts.items()
        if not ok
    ]


def run(args: Any) -> int:
    shared = Path(args.shared) if args.shared else DEFAULT_SHARED
    if not (shared / "real_pages").exists() and not (shared / "corpus").exists():
        print(f"error: {shared}: no real_pages/ or corpus/ folder", file=sys.stderr)
        return 2
    results = evaluate(shared)
    print("\n".join(table(results)))
    if args.misses:
        print("\nmisses:")
        print("\n".join(f"  {m}" for m in misses(results)))
    return 0
