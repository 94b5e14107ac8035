"""`python -m crawler reextract SPIDER [--run RUN_ID ...]` and `python -m crawler dataset SPIDER
--to PATH`: the archive's two commands (wired in crawler/__main__.py by `add_commands`)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DEGRADED = 0, 1, 2, 3


def _error(message: str, code: int = EXIT_USAGE) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def command_settings(pairs: list[str]) -> Any:
    from scrapy.utils.project import get_project_settings  # noqa: PLC0415

    settings = get_project_settings()
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ValueError(f"-s {pair}: expected NAME=VALUE")
        settings.set(name, value, priority="cmdline")
    # The add-ons that move paths (LOCAL_RUN: output, state and archive under scratch/) act
    # when a crawler is made; these commands read the paths before, so apply them here too.
    from crawler.run.local import apply_local_run  # noqa: PLC0415

    apply_local_run(settings)  # silent: the crawler made later (reextract) logs it once
    return settings


def _portal_spider(settings: Any, name: str) -> Any:
    from scrapy.spiderloader import get_spider_loader  # noqa: PLC0415

    loader = get_spider_loader(settings)
    if name not in loader.list():
        raise ValueError(f"unknown spider {name!r}; known: {', '.join(sorted(loader.list()))}")
    spidercls = loader.load(name)
    if not hasattr(spidercls, "check_profile"):
        raise ValueError(f"{name} is not a portal spider: it has no archive to re-extract")
    return spidercls


def reextract(args: argparse.Namespace) -> int:
    from scrapy.crawler import CrawlerProcess  # noqa: PLC0415

    from crawler.archive.index import ArchiveIndex  # noqa: PLC0415
    from crawler.archive.replay import (  # noqa: PLC0415
        archive_folder,
        reextract_settings,
        reextract_spider,
    )
    from crawler.run.errors import StartError  # noqa: PLC0415
    from crawler.site.model import ProfileError  # noqa: PLC0415

    try:
        settings = command_settings(args.set)
        spidercls = _portal_spider(settings, args.spider)
        spidercls.check_profile(settings, {})
    except (ProfileError, ValueError) as exc:
        return _error(str(exc))
    folder = archive_folder(settings, args.spider)
    if folder is None:
        return _error("WARC_DIR must be a local folder")
    index = ArchiveIndex.build(folder)
    if not index.files:
        return _error(f"no WARC files under {folder} (crawl {args.spider} with WARC_ENABLED)")
    if args.runs:
        unknown = sorted(set(args.runs) - set(index.runs()))
        if unknown:
            return _error(f"run(s) {', '.join(unknown)} not in {folder}; archived: "
                          f"{', '.join(index.runs())}")  # fmt: skip
        index = ArchiveIndex.build(folder, set(args.runs))
    if not index.articles():
        return _error(f"no archived article page under {folder}")
    overrides = reextract_settings(settings.getdict("ITEM_PIPELINES"))
    for name, value in overrides.items():
        if settings.getpriority(name) is None or settings.getpriority(name) < 40:
            settings.set(name, value, priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(reextract_spider(spidercls))
    started = time.perf_counter()
    refused: list[StartError] = []

    def start_error(failure: Any) -> None:
        # A held lock or a damaged state: one line and its exit code, not a Twisted traceback.
        failure.trap(StartError)
        refused.append(failure.value)

    process.crawl(crawler, archive_index=index).addErrback(start_error)
    process.start()
    if refused:
        return _error(f"{args.spider}: {refused[0]}", refused[0].exit_code)
    elapsed = time.perf_counter() - started
    report = getattr(crawler, "run_report", None)
    stats = crawler.stats.get_stats()
    pages = stats.get("archive/replayed", 0)
    if report is None:
        return _error("the re-extraction did not run to its end", EXIT_FAILED)
    print(
        f"reextract {args.spider}: {report['status']} - {len(index.articles())} archived "
        f"articles from {len(index.runs())} run(s), {pages} responses replayed in "
        f"{elapsed:.1f}s, 0 requests sent; {report['exported']} exported ({report['updated']} "
        f"updated, {report['new']} new), {stats.get('state/unchanged', 0)} unchanged, "
        f"{report['rejected']} rejected - {report['path']}"
    )
    return {"ok": EXIT_OK, "degraded": EXIT_DEGRADED}.get(report["status"], EXIT_FAILED)


def dataset(args: argparse.Namespace) -> int:
    from crawler.archive.dataset import DatasetError, build, run_feeds  # noqa: PLC0415
    from crawler.run.feeds import local_path  # noqa: PLC0415

    if args.source:
        folder = Path(args.source)
    else:
        try:
            settings = command_settings(args.set)
        except ValueError as exc:
            return _error(str(exc))
        feeds = list(settings.getdict("FEEDS"))
        spider = SimpleNamespace(name=args.spider, run_id="run")
        path = local_path(str(feeds[0]), spider) if feeds else None  # type: ignore[arg-type]
        if path is None:
            return _error("FEEDS names no local file: give the folder with --from")
        folder = path.parent
    feeds = run_feeds(folder)
    if not feeds:
        return _error(f"no finished feed in {folder}")
    started = time.perf_counter()
    try:
        rows = build(feeds, Path(args.to))
    except DatasetError as exc:
        return _error(str(exc))
    print(f"{args.to}: {rows} articles from {len(feeds)} feeds of {folder} "
          f"in {time.perf_counter() - started:.2f}s")  # fmt: skip
    return EXIT_OK


def add_commands(sub: Any) -> None:
    p = sub.add_parser(
        "reextract",
        help="run the current profile and pipelines over the archived responses (no network)",
    )
    p.add_argument("spider")
    p.add_argument("--run", dest="runs", action="append", metavar="RUN_ID",
                   help="only the responses archived by this run (repeatable; default all)")  # fmt: skip
    p.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE",
                   help="a Scrapy setting, as for scrapy crawl")  # fmt: skip
    p.add_argument("--log-level", default="WARNING", help="Scrapy log level")
    p.set_defaults(func=reextract)
    d = sub.add_parser("dataset", help="the newest version of every article, as one file")
    d.add_argument("spider")
    d.add_argument("--to", required=True, help="PATH.parquet, PATH.duckdb or PATH.sqlite")
    d.add_argument("--from", dest="source", help="the feeds' folder (default: from FEEDS)")
    d.add_argument("-s", dest="set", action="append", default=[], metavar="NAME=VALUE",
                   help="a Scrapy setting, as for scrapy crawl (LOCAL_RUN=1: the scratch feeds)")  # fmt: skip
    d.set_defaults(func=dataset)
