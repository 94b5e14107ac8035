"""`python -m crawler state show|known|rejected|failed|forget URL SPIDER`: the state, visible.

show      counts, newest publication date, columns walked, feeds ingested
known     the exported articles: url, fingerprint, published date, column, first/last seen
rejected  pages rejected for a permanent reason (skipped by incremental runs)
failed    URLs that could not be fetched (asked again with -a retry_failed=1)
forget    drop one URL from all three, so that the next run that lists it fetches it again

Lines are tab-separated (`--json`: one JSON object per line). No module here opens the state
for writing except `forget`; a missing state file is one line on stderr, not a new file.
(Wired in crawler/__main__.py by `add_state_actions`, beside other `state` actions.)
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.run.feeds import unfinished_feeds, unfinished_files

QUERIES = {
    "known": "SELECT url, fingerprint, published_date, column_name, first_seen, last_seen "
    "FROM articles ORDER BY column_name, published_date DESC, url",
    "rejected": "SELECT url, reason, attempts, first_seen, last_seen FROM rejects ORDER BY url",
    "failed": "SELECT url, reason, kind, column_name, attempts, last_seen FROM failed "
    "ORDER BY last_seen, url",
}
TABLES = ("articles", "rejects", "failed")


def _settings(args: argparse.Namespace) -> Any:
    from crawler.archive.cli import command_settings  # noqa: PLC0415

    # -s settings as for a crawl (LOCAL_RUN=1: the scratch state), anchored to the project.
    try:
        return command_settings(getattr(args, "set", []) or [])
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None


def state_path(args: argparse.Namespace) -> Path:
    if args.state_dir:
        return Path(args.state_dir) / f"{args.spider}.sqlite"
    from crawler.run.feeds import anchored  # noqa: PLC0415

    folder = anchored(_settings(args).get("STATE_DIR"))
    return folder / f"{args.spider}.sqlite"


def _open(args: argparse.Namespace, write: bool = False) -> sqlite3.Connection | None:
    path = state_path(args)
    if not path.is_file():
        from crawler.site.loading import profile_ids, profiles_dir  # noqa: PLC0415

        known = profile_ids(profiles_dir(_settings(args)))
        if args.spider not in known:
            # A mistyped name is not an uncrawled portal (a removed portal's state still opens).
            print(f"error: no spider {args.spider!r}; known: {', '.join(known)}", file=sys.stderr)
            return None
        print(f"error: no state for {args.spider} at {path} (it has not been crawled, or "
              "STATE_DIR differs: --state-dir)", file=sys.stderr)  # fmt: skip
        return None
    mode = "rw" if write else "ro"
    return sqlite3.connect(f"file:{path}?mode={mode}", uri=True)


def _print(rows: list[tuple], names: list[str], as_json: bool) -> None:
    for row in rows:
        if as_json:
            print(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False))
        else:
            print("\t".join("" if v is None else str(v) for v in row))


def show(args: argparse.Namespace) -> int:
    db = _open(args)
    if db is None:
        return 2
    with db:
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        newest = db.execute("SELECT max(published_date) FROM articles").fetchone()[0]
        walks = db.execute("SELECT column_name, completed_at FROM walks ORDER BY 1").fetchall()
        ingested = db.execute("SELECT count(*), sum(records), max(ingested_at) FROM ingested")
        files, records, last = ingested.fetchone()
        columns = db.execute(
            "SELECT column_name, count(*), max(published_date) FROM articles GROUP BY 1 ORDER BY 1"
        ).fetchall()
    settings = _settings(args)
    summary = {
        "state": str(state_path(args)),
        "articles": counts["articles"],
        "rejected": counts["rejects"],
        "failed": counts["failed"],
        "newest_published": newest,
        "feeds_ingested": files,
        "records_ingested": records or 0,
        "last_ingested_at": last,
        "columns": {c or "": {"articles": n, "newest": d} for c, n, d in columns},
        "walked": dict(walks),
        "unfinished_feeds": [
            {"path": str(path), "lines": lines}
            for path, lines in unfinished_feeds(args.spider, settings.getdict("FEEDS"))
        ],
        "unfinished_sidecars": [
            {"kind": kind, "path": str(path), "lines": lines}
            for kind, uri in (("rejects", "REJECTS_URI"), ("failed", "FAILED_URI"))
            for path, lines in unfinished_files(args.spider, [settings.get(uri) or ""])
        ],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    for key in ("state", "articles", "rejected", "failed", "newest_published",
                "feeds_ingested", "records_ingested", "last_ingested_at"):  # fmt: skip
        print(f"{key}: {summary[key]}")
    for column, info in summary["columns"].items():
        walked = summary["walked"].get(column)
        print(f"column {column or '-'}: {info['articles']} articles, newest {info['newest']}, "
              f"walked to its end {walked or 'never'}")  # fmt: skip
    for feed in summary["unfinished_feeds"]:
        # Not in the counts above yet: the state learns a feed's records once it is finished.
        print(f"unfinished feed {feed['path']}: {feed['lines']} complete lines, not yet in "
              "the state (a run is writing it, or a stopped one left it for the next to "
              "ingest)")  # fmt: skip
    for sidecar in summary["unfinished_sidecars"]:
        print(f"unfinished {sidecar['kind']} file {sidecar['path']}: {sidecar['lines']} complete "
              "lines (a run is writing it, or a stopped one left it: the next run records it "
              "in the state)")  # fmt: skip
    return 0


def listing(args: argparse.Namespace) -> int:
    db = _open(args)
    if db is None:
        return 2
    with db:
        cursor = db.execute(QUERIES[args.action])
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    _print(rows, names, args.json)
    return 0


def _keys(url: str) -> list[str]:
    """The keys a URL may have in the state: host-less (the portal's own host or a mirror of
    it, see state.url_key) or the whole canonical URL (another host)."""
    from w3lib.url import canonicalize_url  # noqa: PLC0415

    canonical = canonicalize_url(url)
    parts = urlsplit(canonical)
    return [parts.path + (f"?{parts.query}" if parts.query else ""), canonical]


def forget(args: argparse.Namespace) -> int:
    if not args.url.startswith(("http://", "https://")):
        print(f"error: {args.url}: not an http(s) URL", file=sys.stderr)
        return 2
    db = _open(args, write=True)
    if db is None:
        return 2
    keys = _keys(args.url)
    marks = ", ".join("?" * len(keys))
    removed: dict[str, int] = {}
    with db:
        for table in TABLES:
            cursor = db.execute(f"DELETE FROM {table} WHERE key IN ({marks})", keys)
            removed[table] = cursor.rowcount
    db.close()
    if not any(removed.values()):
        print(f"error: {args.url}: not in the state of {args.spider}", file=sys.stderr)
        return 1
    done = ", ".join(f"{n} {t}" for t, n in removed.items() if n)
    print(f"forgot {args.url}: {done}. The next run fetches it when it lists it "
          "(-a full=1 walks every list page).")  # fmt: skip
    return 0


def add_state_actions(actions: Any) -> None:
    """Add show/known/rejected/failed/forget to the `state` command's sub-parsers."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--state-dir", help="the state folder (default: STATE_DIR)")
    common.add_argument("--json", action="store_true", help="one JSON object per line")
    common.add_argument(
        "-s",
        dest="set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting, as for scrapy crawl (LOCAL_RUN=1: the scratch state)",
    )
    helps = {
        "show": "counts, columns, feeds ingested",
        "known": "the articles already exported",
        "rejected": "pages rejected for good",
        "failed": "URLs that could not be fetched",
    }
    for action, text in helps.items():
        p = actions.add_parser(action, help=text, parents=[common])
        p.add_argument("spider")
        p.set_defaults(func=show if action == "show" else listing, action=action)
    p = actions.add_parser("forget", help="forget one URL so the next run fetches it",
                           parents=[common])  # fmt: skip
    p.add_argument("url")
    p.add_argument("spider")
    p.set_defaults(func=forget, action="forget")
