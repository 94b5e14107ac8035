"""The report of one spider in a distributed run: every worker's stats merged.

Counts that the exporter knows exactly (records written, rejects, failures) come from the
run's files; the rest (requests, responses, retries, extraction methods, drift) are the sums
of what each worker published. Spidermon does not run on workers (each sees a share of the
portal only); the checks here are the run-wide ones: articles seen, requests lost to dying
workers, the failed share.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from crawler.distributed.keys import RunKeys
from crawler.run.feeds import PART_SUFFIX, local_path
from crawler.run.report import COVERAGE_FIELDS, build_report

if TYPE_CHECKING:
    from crawler.distributed.exporter import SpiderOutput
    from crawler.distributed.state import RedisCrawlState


def read_lines(path: Path | None) -> Iterator[dict[str, Any]]:
    if path is None or not path.exists():
        return
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def merge_stats(payloads: list[dict[str, Any]]) -> dict[str, Any]:
    """Numbers summed, the earliest start and the latest finish."""
    merged: dict[str, Any] = {}
    starts, finishes = [], []
    for payload in payloads:
        for key, value in payload["stats"].items():
            if key == "start_time":
                starts.append(_time(value))
            elif key == "finish_time":
                finishes.append(_time(value))
            elif isinstance(value, int | float) and not isinstance(value, bool | str):
                merged[key] = merged.get(key, 0) + value
    merged.pop("distributed/published", None)
    if starts := [s for s in starts if s]:
        merged["start_time"] = min(starts)
    if finishes := [f for f in finishes if f]:
        merged["finish_time"] = max(finishes)
    return merged


def spider_report(
    server: Any, keys: RunKeys, settings: Any, out: SpiderOutput, state: RedisCrawlState
) -> dict[str, Any]:
    payloads = [json.loads(v) for v in server.hvals(keys.spider_key(out.name, "stats"))]
    stats = merge_stats(payloads)
    records = list(read_lines(out.paths["item"]))
    rejects = list(read_lines(out.paths["reject"]))
    failed = list(read_lines(out.paths["failed"]))
    lost = server.llen(keys.spider_key(out.name, "failed"))
    updated = sum(1 for r in records if r.get("updated"))
    present: Counter[str] = Counter()
    for record in records:
        for name, key in COVERAGE_FIELDS.items():
            present[name] += bool(record.get(key))
    for key in [k for k in stats if k.startswith(("rejects/", "failed/", "state/"))]:
        del stats[key]
    stats.update({
        "finish_reason": "finished",
        "item_scraped_count": len(records),
        "rejects/count": len(rejects),
        "failed/count": len(failed) + lost,
        "state/new": len(records) - updated,
        "state/updated": updated,
        "state/known_articles": state.counts()["articles"],
    })  # fmt: skip
    for row in rejects:
        stats[f"rejects/{row['reason']}"] = stats.get(f"rejects/{row['reason']}", 0) + 1
    for row in failed:
        stats[f"failed/{row['reason']}"] = stats.get(f"failed/{row['reason']}", 0) + 1
    if lost:
        stats["failed/worker_lost"] = lost
    requests = stats.get("downloader/request_count", 0)
    share = settings.getfloat("HEALTH_MAX_FAILED_SHARE")
    seen = len(records) + len(rejects) + stats.get("list/entries_known", 0)
    stats.update({
        "health/FinishReasonMonitor": "ok",
        "health/ArticlesSeenMonitor": "ok" if seen else "failed",
        "health/LostRequests": "failed" if lost else "ok",
        "health/FailedShare": "failed" if requests and stats["failed/count"] > share * requests
        else "ok",
    })  # fmt: skip
    empty = [u for p in payloads for u in p.get("empty_list_pages", [])]
    declared = [u for p in payloads for u in p.get("declared_empty_list_pages", [])]
    report = {
        "spider": out.name,
        "run_id": keys.run_id,
        **build_report(stats, present, empty, declared),
        "workers": len(payloads),
        "duplicates_dropped": out.duplicates,
        "lost_requests": lost,
    }
    template = settings.get("REPORT_URI")
    path = local_path(template, SimpleNamespace(name=out.name, run_id=keys.run_id)) if template \
        else None  # fmt: skip
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + PART_SUFFIX)
        part.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
        os.replace(part, path)
    report["path"] = str(path)
    return report
