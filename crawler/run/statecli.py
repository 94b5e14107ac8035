"""`python -m crawler state check|rebuild <spider>`: verify the state, or derive it anew.

The state is derived from the finished feeds (an article is known once a finished feed holds
it), so a damaged state file can always be rebuilt from them: nothing is exported twice
afterwards, and the first run after a rebuild walks every column to its end once (the walks
are not in the feeds), which finds anything a cut-short run missed.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.contracts import is_permanent
from crawler.run.errors import EXIT_FAILED, EXIT_OK, StartError
from crawler.run.feeds import anchored, feed_pattern, local_path, state_feeds
from crawler.run.lock import StateLock
from crawler.run.state import CrawlState, _records, owned, recover_output
from crawler.site.loading import PROFILES_DIR, load_profile
from crawler.site.model import ProfileError


class _Names:
    """What FEEDS-style templates need of a spider to name its folders."""

    def __init__(self, name: str):
        self.name = name
        self.run_id = "RUN"


def add_repairs(actions: Any) -> None:
    """Add check/rebuild to the `state` command's sub-parsers."""
    helps = {
        "check": "verify the state against the finished feeds",
        "rebuild": "rebuild the state from the finished feeds (the old file is set aside)",
    }
    for action, text in helps.items():
        parser = actions.add_parser(action, help=text)
        parser.add_argument("spider", help="the spider (profile id), e.g. shjcdj")
        parser.add_argument(
            "-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
            help="a setting, as for scrapy (STATE_DIR, FEEDS, PROFILES_DIR, ...)",
        )  # fmt: skip
        parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from crawler.archive.cli import command_settings  # noqa: PLC0415 (LOCAL_RUN paths too)

    try:
        settings = command_settings(args.settings)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        return (check if args.action == "check" else rebuild)(args.spider, settings)
    except (StartError, ProfileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", EXIT_FAILED)


def _folders(spider: str, settings: Any) -> list[Path]:
    names = _Names(spider)
    templates = [*settings.getdict("FEEDS"), settings.get("REJECTS_URI") or ""]
    folders: list[Path] = []
    for template in templates:
        path = local_path(str(template), names) if template else None  # type: ignore[arg-type]
        if path is not None and path.parent not in folders:
            folders.append(path.parent)
    return folders


def _feeds(spider: str, settings: Any) -> list[Path]:
    """The finished feeds of every JSON-lines FEEDS template, as a crawl ingests them."""
    names = _Names(spider)
    found: list[Path] = []
    for uri in state_feeds(settings.getdict("FEEDS")):
        pattern = feed_pattern(str(uri), names)  # type: ignore[arg-type]
        found += [Path(p) for p in sorted(glob.glob(pattern or "")) if Path(p) not in found]
    return found


def _home_host(spider: str, settings: Any, feeds: list[Path]) -> str | None:
    """The portal's own host as the runs saw it: the profile's, or the mirror's the feeds hold
    (a state built from demo or staging runs keys their URLs host-less too)."""
    directory = Path(settings.get("PROFILES_DIR") or PROFILES_DIR)
    host = urlsplit(load_profile(spider, directory).base_url).hostname
    hosts: Counter[str] = Counter()
    for feed in feeds:
        for record in _records(feed):
            if owned(record, spider):  # not another portal's, in a shared folder
                hosts[urlsplit(record.get("url") or "").hostname or ""] += 1
    if not hosts or host in hosts:
        return host
    return hosts.most_common(1)[0][0]


def _permanent_rejects(folders: list[Path], spider: str) -> list[tuple[str, str]]:
    """(url, reason) of the spider's permanent rejects in its rejects files, which runs do not
    ask again (a folder spiders share holds other spiders' lines too)."""
    found = []
    for folder in folders:
        for path in sorted(folder.glob("*.rejects.jsonl")) if folder.is_dir() else ():
            found += [(r["url"], r["reason"]) for r in _records(path)
                      if r.get("url") and is_permanent(r.get("reason") or "")
                      and owned(r, spider)]  # fmt: skip
    return found


def _paths(spider: str, settings: Any) -> tuple[Path, Path]:
    state_dir = anchored(settings.get("STATE_DIR"))
    return state_dir / f"{spider}.sqlite", state_dir / f"{spider}.lock"


def rebuild(spider: str, settings: Any) -> int:
    path, lock_path = _paths(spider, settings)
    lock = StateLock(lock_path).acquire(0)  # no run may write while the state is rebuilt
    try:
        folders = _folders(spider, settings)
        for folder in folders:
            recover_output(folder, spider)  # under the lock: no live run of this spider
        feeds = _feeds(spider, settings)
        home = _home_host(spider, settings, feeds)
        kept = None
        if path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
            kept = path.with_name(f"{path.name}.damaged-{stamp}")
            while kept.exists():  # never over an earlier one: each is what was there
                kept = kept.with_name(kept.name + "+")
            os.replace(path, kept)
        for suffix in ("-wal", "-shm"):
            # The old file's journal belongs to it alone; beside a new file it would be read.
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        state = CrawlState(path, home, settings.getlist("URL_TRACKING_PARAMS"), spider, spider)
        try:
            records = sum(state.ingest_feed(feed) for feed in feeds)
            state.record_rejects(_permanent_rejects(folders, spider))
            articles = state.counts()["articles"]
        finally:
            state.close()
    finally:
        lock.release()
    aside = f"; the old file is kept as {kept}" if kept else ""
    print(
        f"rebuilt {path}: {articles} articles from {len(feeds)} finished feeds "
        f"({records} records){aside}; the next run walks every column to its end once"
    )
    return EXIT_OK


def check(spider: str, settings: Any) -> int:
    path, lock_path = _paths(spider, settings)
    if not path.exists():
        print(f"error: {path}: no state (a first run creates it)", file=sys.stderr)
        return EXIT_FAILED
    lock = StateLock(lock_path).acquire(0)
    try:
        feeds = _feeds(spider, settings)
        home = _home_host(spider, settings, feeds)
        state = CrawlState(path, home, settings.getlist("URL_TRACKING_PARAMS"), spider, spider)
        try:
            problems, pending = _compare(state, feeds, spider)
            counts = state.counts()
        finally:
            state.close()
    finally:
        lock.release()
    if counts["articles"] and not feeds:
        # Nothing to check against: the feeds are elsewhere (other FEEDS, LOCAL_RUN=1?).
        problems.append(
            f"{counts['articles']} known articles but no finished feed under the FEEDS "
            "templates; give the crawl's -s settings (FEEDS, LOCAL_RUN=1)"
        )
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"error: {path}: does not match the feeds; python -m crawler state rebuild "
              f"{spider}", file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    waiting = f", {pending} finished feed(s) to ingest on the next run" if pending else ""
    print(
        f"ok: {path}: schema v{state.schema_version}, {counts['articles']} articles, "
        f"{counts['rejects']} rejects, {counts['failed']} failed URLs, "
        f"{len(feeds)} finished feeds{waiting}"
    )
    return EXIT_OK


def _compare(state: CrawlState, feeds: list[Path], spider: str) -> tuple[list[str], int]:
    """Every ingested feed's records of this spider's portal are known articles; say which
    are not (a feed folder spiders share holds others' records too)."""
    problems: list[str] = []
    pending = 0
    for feed in feeds:
        if not state.ingested_file(feed):
            pending += 1
            continue
        missing = [
            r["url"]
            for r in _records(feed)
            if r.get("url") and owned(r, spider) and not state.known(r["url"])
        ]
        if missing:
            problems.append(f"{feed}: {len(missing)} record(s) not in the state, e.g. {missing[0]}")
    return problems, pending
