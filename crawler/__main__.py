"""Developer commands: `python -m crawler extract PATH_OR_URL` prints one page's record;
`python -m crawler evaluate` prints the per-field accuracy on the labelled pages of ../shared.

`python -m crawler state check|rebuild SPIDER` verifies a spider's crawl state against its
finished feeds, or rebuilds it from them (see crawler/run/statecli.py).

`extract` runs the real `article` spider through Scrapy's downloader (file:// for a saved
page), the project's middlewares and item pipelines: the same code path as a crawl.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.archive.cli import add_commands as add_archive_commands
from crawler.commands.state_cli import add_state_actions
from crawler.run.feeds import anchored
from crawler.run.sidecars import RejectItem
from crawler.run.statecli import add_repairs as add_state_repairs
from crawler.run.urls import http_address_problem
from crawler.signals import article_rejected, request_failed
from crawler.site.loading import (
    iter_profiles,
    load_profile_file,
    missing_profiles_dir,
    profile_ids,
    profiles_dir,
)
from crawler.site.model import ProfileError


def _extract(args: argparse.Namespace) -> int:
    target = args.target
    path = Path(target)
    fetch_url = path.resolve().as_uri() if "://" not in target and path.exists() else target
    if "://" not in fetch_url:
        print(f"error: {target}: no such file, and not a URL", file=sys.stderr)
        return 2
    problem = http_address_problem(args.url) if args.url is not None else None
    if problem:
        # The record's url must be an http(s) address (the schema): a saved page keeps it.
        print(f"error: --url {args.url!r}: {problem}; give the page's real address, "
              "e.g. --url https://www.gov.cn/a/t1.html", file=sys.stderr)  # fmt: skip
        return 2
    settings = get_project_settings()
    if args.profiles_dir:
        settings.set("PROFILES_DIR", args.profiles_dir, priority="cmdline")
    try:
        site_ids = sorted(p.id for p in iter_profiles(profiles_dir(settings)))
    except ProfileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.site and args.site not in site_ids:
        print(f"error: --site {args.site}: no such profile; known: {', '.join(site_ids)}",
              file=sys.stderr)  # fmt: skip
        return 2
    settings.setdict(
        {
            "FEEDS": {},
            "FAILED_ENABLED": False,
            "REJECTS_ENABLED": False,
            # A developer's one-page look: no state, no health checks, no report files.
            "STATE_ENABLED": False,
            "SPIDERMON_ENABLED": False,
            "REPORT_URI": "",
            "PROGRESS_INTERVAL": 0,
            "LOG_LEVEL": args.log_level,
            "LOG_ENABLED": args.log_level != "CRITICAL",
            # One page fetched by hand: no robots.txt round trip, no politeness delay.
            "ROBOTSTXT_OBEY": False,
            "DOWNLOAD_DELAY": 0,
            "AUTOTHROTTLE_ENABLED": False,
            "RETRY_TIMES": 0,
        },
        priority="cmdline",
    )
    records: list[dict[str, Any]] = []
    problems: list[str] = []

    def scraped(item: Any) -> None:
        records.append(ItemAdapter(item).asdict())

    def dropped(item: Any, exception: BaseException) -> None:
        # A RejectItem's message is "<reason>: <url> (<detail>)" already.
        problems.append(
            f"rejected: {exception}"
            if isinstance(exception, RejectItem)
            else f"dropped: {exception}"
        )

    def rejected(url: str, reason: str, detail: str = "") -> None:
        problems.append(f"rejected: {reason}: {url} {detail}".strip())

    def failed(url: str, reason: str, detail: str = "", **_: Any) -> None:
        # Nothing fetched (connection refused, DNS, HTTP 5xx, a folder for a file): said in
        # one line, as a reject is; the run's own log stays at --log-level.
        problems.append(f"failed: {reason}: {url} {detail}".strip())

    process = CrawlerProcess(settings)
    crawler = process.create_crawler("article")
    crawler.signals.connect(scraped, signal=signals.item_scraped)
    crawler.signals.connect(dropped, signal=signals.item_dropped)
    crawler.signals.connect(rejected, signal=article_rejected)
    crawler.signals.connect(failed, signal=request_failed)
    kwargs = {"urls": fetch_url, "local": "1"}  # a saved page is a file:// URL
    if args.site:
        kwargs["site"] = args.site
    if args.url:
        kwargs["page_url"] = args.url
    process.crawl(crawler, **kwargs)
    process.start()
    for record in records:
        print(json.dumps(record, ensure_ascii=False, indent=2))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 0 if records else 1


def _demo(args: argparse.Namespace) -> int:
    """Serve the bundled demo portal on loopback and crawl it with the real `scrapy crawl`."""
    import subprocess  # noqa: PLC0415

    from crawler.demo.server import serve  # noqa: PLC0415

    site = Path(__file__).with_name("demo") / "site"
    server, base_url = serve(site)
    print(f"Demo portal (上海基层党建网 reconstruction) serving {site} at {base_url}")
    settings = get_project_settings()
    command = [
        sys.executable, "-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}",
        # The switch for local work: politeness off, output and state in the scratch folder
        # (a demo never touches the archive in output/ nor the real portal's state).
        "-s", "LOCAL_RUN=1", "-s", f"LOG_LEVEL={args.log_level}",
    ]  # fmt: skip
    print("$", " ".join(command))
    try:
        code = subprocess.run(command, check=False).returncode
    finally:
        server.shutdown()
    scratch = anchored(settings.get("LOCAL_RUN_DIR"))
    out_dir = scratch / "output" / "shjcdj"
    runs_dir = out_dir / "_runs"
    reports = sorted(runs_dir.glob("*Z.report.json"))
    if code != 0 or not reports:
        print(f"error: the crawl failed (exit {code})", file=sys.stderr)
        return code or 1
    report_path = reports[-1]
    report = json.loads(report_path.read_text(encoding="utf-8"))
    feed = out_dir / report_path.name.replace(".report.json", ".jsonl")
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    print(f"\nOutput:  {feed}  ({len(records)} articles)")
    by_column: dict[str, int] = {}
    for record in records:
        by_column[record["column"] or "?"] = by_column.get(record["column"] or "?", 0) + 1
    for column, count in sorted(by_column.items()):
        print(f"  {column}: {count}")
    print(f"Layout:  articles only in {out_dir}/*.jsonl; rejects, failed URLs and reports "
          f"in {runs_dir}/")  # fmt: skip
    rejects_path = runs_dir / feed.name.replace(".jsonl", ".rejects.jsonl")
    if rejects_path.exists():
        rejects = [json.loads(x) for x in rejects_path.read_text(encoding="utf-8").splitlines()]
        print(f"Rejects: {rejects_path}  ({len(rejects)} pages)")
        for reject in rejects:
            print(f"  {reject['reason']}: {reject['url']}")
    print(
        f"Report:  {report_path}\n  status {report['status']}: {report['exported']} exported "
        f"({report['new']} new, {report['updated']} updated), {report['known']} already known, "
        f"{report['rejected']} rejected, {report['requests']} requests"
    )
    warcs = sorted((scratch / "archive" / "shjcdj").glob(f"{report.get('run_id')}-*.warc.gz"))
    if warcs:
        size = sum(p.stat().st_size for p in warcs)
        print(f"Archive: {warcs[0].parent}/  ({len(warcs)} WARC file(s) of this run, "
              f"{size // 1024} KB: every request and response; python -m crawler reextract "
              "shjcdj -s LOCAL_RUN=1 replays them)")  # fmt: skip
    coverage = ", ".join(f"{k} {v:.0%}" for k, v in report["coverage"].items() if v is not None)
    if coverage:
        print(f"  coverage: {coverage}")
    for check, verdict in report["checks"].items():
        if verdict not in ("ok", "skipped"):
            print(f"  check {check}: {verdict}")
    if not records:
        print(
            f"\nNothing new since the last run (state: {scratch / 'state' / 'shjcdj.sqlite'}).\n"
            "To crawl the demo from nothing again: rm -r "
            f"{scratch} (for an archive: python -m crawler reset <spider>)."
        )
        return 0
    sample = next((r for r in records if r["url"].endswith("t20200513_1001.html")), records[0])
    shown = {**sample, "body": sample["body"][:80] + "…"}
    print("\nExample record:\n" + json.dumps(shown, ensure_ascii=False, indent=2))
    return 0


def _check_profiles(args: argparse.Namespace) -> int:
    settings = get_project_settings()
    directory = Path(args.profiles_dir) if args.profiles_dir else profiles_dir(settings)
    if (missing := missing_profiles_dir(directory)) is not None:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    ids = profile_ids(directory)
    if not ids:
        print(f"error: {directory}: no profile (<site>.toml) in this folder", file=sys.stderr)
        return 1
    # Every profile, each ok or its error: one bad file does not hide the state of the others.
    failed = 0
    for site_id in ids:
        try:
            profile = load_profile_file(directory / f"{site_id}.toml")
        except ProfileError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
            continue
        print(f"ok: {profile.id} ({profile.name}), {len(profile.columns)} columns")
    return 1 if failed else 0


def _reset(args: argparse.Namespace) -> int:
    from crawler.archive.cli import command_settings  # noqa: PLC0415
    from crawler.run.errors import LockHeld  # noqa: PLC0415
    from crawler.run.reset import reset  # noqa: PLC0415

    try:
        # -s as for a crawl: `-s LOCAL_RUN=1` resets the scratch archive and state, not output/.
        settings = command_settings(args.set)
        names = {p.id for p in iter_profiles(profiles_dir(settings))}
    except (ProfileError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.spider not in names:
        print(f"error: unknown spider {args.spider!r}; known: {', '.join(sorted(names))}",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        moved, removed, target = reset(args.spider, settings)
    except LockHeld as exc:
        print(f"error: {args.spider}: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"{args.spider}: {len(moved)} feed(s) moved to {target or '-'}, "
          f"state removed: {', '.join(map(str, removed)) or 'none'}; the next crawl starts "
          "from nothing")  # fmt: skip
    return 0


def _suggest(args: argparse.Namespace) -> int:
    from crawler.assistant.suggest import run  # noqa: PLC0415 (lxml-heavy, only for this command)

    return run(args)


def _evaluate(args: argparse.Namespace) -> int:
    from crawler.commands.evaluate import run  # noqa: PLC0415 (runs the spider offline)

    return run(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the normalized record of one article page")
    extract.add_argument("target", help="a saved HTML file or an http(s) URL")
    extract.add_argument("--url", help="the page's real address (for a saved file)")
    extract.add_argument("--site", help="use this profile id instead of matching the domain")
    extract.add_argument("--log-level", default="CRITICAL", help="Scrapy log level")
    extract.add_argument("--profiles-dir", help="profiles folder (default: PROFILES_DIR)")
    extract.set_defaults(func=_extract)
    demo = sub.add_parser("demo", help="serve the demo portal and crawl it (make demo)")
    demo.add_argument("--log-level", default="WARNING", help="Scrapy log level")
    demo.set_defaults(func=_demo)
    check = sub.add_parser("check-profiles", help="load and validate every site profile")
    check.add_argument("--profiles-dir", help="profiles folder (default: PROFILES_DIR)")
    check.set_defaults(func=_check_profiles)
    reset = sub.add_parser(
        "reset", help="move a spider's feeds aside and delete its state: the next crawl exports all"
    )
    reset.add_argument("spider")
    reset.add_argument(
        "-s", dest="set", action="append", default=[], metavar="NAME=VALUE",
        help="a setting, as for scrapy crawl (LOCAL_RUN=1: the scratch folder's)",
    )  # fmt: skip
    reset.set_defaults(func=_reset)
    suggest = sub.add_parser(
        "suggest", help="draft a site profile from a sample article (and list) page"
    )
    suggest.add_argument("target", help="a saved article page or an http(s) URL")
    suggest.add_argument("--list", help="a saved list page or its URL")
    suggest.add_argument("--url", help="the article's real address (for a saved file)")
    suggest.add_argument("--list-url", help="the list page's real address (for a saved file)")
    suggest.add_argument("--id", help="the profile id (default: from the host name)")
    suggest.set_defaults(func=_suggest)
    evaluate = sub.add_parser(
        "evaluate", help="per-field accuracy on the labelled pages of ../shared"
    )
    evaluate.add_argument("--shared", help="the shared folder (default: ../shared)")
    evaluate.add_argument("--misses", action="store_true", help="list each wrong (page, field)")
    evaluate.set_defaults(func=_evaluate)
    add_archive_commands(sub)  # reextract, dataset
    state = sub.add_parser("state", help="what the incremental state of a spider knows; repair it")
    state_actions = state.add_subparsers(dest="action", required=True)
    add_state_actions(state_actions)  # show, known, rejected, failed, forget
    add_state_repairs(state_actions)  # check, rebuild
    args = parser.parse_args(argv)
    if not _in_project():
        print("error: no dangjian-crawler project here (no scrapy.cfg naming its settings in "
              "this folder or above, and SCRAPY_SETTINGS_MODULE is unset): run from the "
              "project folder, or set SCRAPY_SETTINGS_MODULE=crawler.settings (output/ and state/ "
              "are then under the current folder)",
              file=sys.stderr)  # fmt: skip
        return 2
    return args.func(args)


def _in_project() -> bool:
    """Whether get_project_settings() will find a settings module: without one every command
    would run on Scrapy's defaults (no STATE_DIR, no FEEDS, no pipelines). It looks where
    Scrapy's init_env looks: SCRAPY_SETTINGS_MODULE, else the [settings] entry of
    SCRAPY_PROJECT (`default`) in the closest scrapy.cfg or a user's one (~/.scrapy.cfg,
    ~/.config/scrapy.cfg, /etc/scrapy.cfg)."""
    import os  # noqa: PLC0415

    from scrapy.utils.conf import get_config  # noqa: PLC0415

    if os.environ.get("SCRAPY_SETTINGS_MODULE"):
        return True
    return get_config().has_option("settings", os.environ.get("SCRAPY_PROJECT", "default"))


if __name__ == "__main__":
    sys.exit(main())
