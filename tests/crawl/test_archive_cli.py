"""The archive's command lines for real: scrapy crawl, then reextract with the portal stopped,
dataset, state."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.__main__ import main
from crawler.demo.server import serve
from tests.conftest import DEMO_SITE, ROOT

pytestmark = pytest.mark.slow
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True,
                          text=True, timeout=180, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def crawled(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("archive-cli")
    server, base_url = serve(DEMO_SITE)
    try:
        result = run(["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}", *FAST], work)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-3000:]
    return work


def test_reextract_command_replays_without_the_portal(crawled):
    (warc,) = (crawled / "archive" / "shjcdj").glob("*.warc.gz")
    run_id = warc.name.split("-")[0]
    result = run(["-m", "crawler", "reextract", "shjcdj", "--run", run_id], crawled)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "0 requests sent; 0 exported" in result.stdout, result.stdout
    reports = sorted((crawled / "output" / "shjcdj" / "_runs").glob("*Z.report.json"))
    assert len(reports) == 2
    report = json.loads(reports[-1].read_text())
    assert report["status"] == "ok" and report["exported"] == 0
    assert report["known"] > 0  # every re-extracted record was unchanged

    bad = run(["-m", "crawler", "reextract", "shjcdj", "--run", "19990101T000000.000Z"], crawled)
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
    assert len(bad.stderr.strip().splitlines()) == 1
    unknown = run(["-m", "crawler", "reextract", "nosuch"], crawled)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr


def test_reextract_while_a_crawl_holds_the_state_is_one_line(crawled):
    # It printed two Twisted tracebacks ending in LockHeld and exited 1.
    from crawler.run.lock import StateLock  # noqa: PLC0415

    lock = StateLock(crawled / "state" / "shjcdj.lock").acquire()
    try:
        held = run(["-m", "crawler", "reextract", "shjcdj"], crawled)
    finally:
        lock.release()
    assert held.returncode == 75, held.stderr[-2000:]
    assert "Traceback" not in held.stderr
    (line,) = [x for x in held.stderr.splitlines() if x.startswith("error: ")]
    assert "another run holds this spider's state" in line


def test_state_commands(crawled, capsys):
    state = ["--state-dir", str(crawled / "state")]
    assert main(["state", "show", "shjcdj", *state]) == 0
    shown = capsys.readouterr().out
    assert "articles: 35" in shown and "column 基层党建" in shown
    assert main(["state", "known", "shjcdj", "--json", *state]) == 0
    known = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(known) == 35
    assert main(["state", "rejected", "shjcdj", *state]) == 0
    assert "http_404" in capsys.readouterr().out
    assert main(["state", "failed", "shjcdj", *state]) == 0
    url = known[0]["url"]
    assert main(["state", "forget", url, "shjcdj", *state]) == 0
    assert "forgot" in capsys.readouterr().out
    assert main(["state", "known", "shjcdj", "--json", *state]) == 0
    assert url not in capsys.readouterr().out
    assert main(["state", "forget", url, "shjcdj", *state]) == 1  # already forgotten
    assert "not in the state" in capsys.readouterr().err
    assert main(["state", "show", "nosuch", *state]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no spider 'nosuch'; known: ccdi, cn12371, govcn,")
    assert main(["state", "show", "govcn", *state]) == 2  # a portal, never crawled here
    assert capsys.readouterr().err.startswith("error: no state for govcn at ")


def test_dataset_command_from_a_real_crawl(crawled, tmp_path):
    out = tmp_path / "shjcdj.parquet"
    result = run(["-m", "crawler", "dataset", "shjcdj", "--to", str(out)], crawled)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "35 articles" in result.stdout


def test_local_run_commands_find_the_scratch_archive_and_feeds(tmp_path):
    """`make demo` prints `reextract shjcdj -s LOCAL_RUN=1`: it must find the demo's WARCs."""
    scratch = ["-s", "LOCAL_RUN=1", "-s", f"LOCAL_RUN_DIR={tmp_path / 'scratch'}"]
    server, base_url = serve(DEMO_SITE)
    try:
        crawl = run(["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={base_url}", *scratch,
                     "-s", "LOG_LEVEL=WARNING"], tmp_path)  # fmt: skip
    finally:
        server.shutdown()
    assert crawl.returncode in (0, 3), crawl.stderr[-3000:]
    replay = run(["-m", "crawler", "reextract", "shjcdj", *scratch], tmp_path)
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert "0 requests sent" in replay.stdout
    table = tmp_path / "articles.parquet"
    built = run(["-m", "crawler", "dataset", "shjcdj", "--to", str(table), *scratch], tmp_path)
    assert built.returncode == 0, built.stderr[-3000:]
    assert table.is_file() and f"{table}: 35 articles" in built.stdout
    # The state commands find the scratch state too; check compares it with the scratch feeds.
    state = tmp_path / "scratch" / "state" / "shjcdj.sqlite"
    state.write_bytes(b"garbage")
    damaged = run(["-m", "scrapy", "crawl", "shjcdj", "-a", "base_url=http://127.0.0.1:9/",
                   *scratch], tmp_path)  # fmt: skip
    assert damaged.returncode == 1 and "-s LOCAL_RUN=1" in damaged.stderr
    rebuilt = run(["-m", "crawler", "state", "rebuild", "shjcdj", *scratch], tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr[-3000:]
    assert "35 articles" in rebuilt.stdout and str(state) in rebuilt.stdout
    checked = run(["-m", "crawler", "state", "check", "shjcdj", *scratch], tmp_path)
    assert checked.returncode == 0 and "35 articles" in checked.stdout
    # Against feeds that are not there (the scratch state, the default FEEDS): not "ok".
    stale = ["-s", f"STATE_DIR={tmp_path / 'scratch' / 'state'}"]
    elsewhere = run(["-m", "crawler", "state", "check", "shjcdj", *stale], tmp_path)
    assert elsewhere.returncode == 1 and "no finished feed" in elsewhere.stderr


def test_state_show_names_unfinished_feeds(crawled, tmp_path, capsys):
    """A killed run's `.part` feed is not in the state until the next run ingests it: `show`
    says so instead of counts that look complete."""
    feeds = tmp_path / "feeds"
    (feeds / "shjcdj").mkdir(parents=True)
    part = feeds / "shjcdj" / "20261201T000000.000Z.jsonl.part"
    part.write_bytes(b'{"url": "http://a/1"}\n{"url": "http://a/2"}\n{"url": "http://a/')
    template = json.dumps({f"{feeds}/%(name)s/%(run_id)s.jsonl": {"format": "jsonlines"}})
    args = ["--state-dir", str(crawled / "state"), "-s", f"FEEDS={template}"]
    assert main(["state", "show", "shjcdj", *args]) == 0
    shown = capsys.readouterr().out
    assert f"unfinished feed {part}: 2 complete lines, not yet in the state" in shown
    assert main(["state", "show", "shjcdj", "--json", *args]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["unfinished_feeds"] == [{"path": str(part), "lines": 2}]


def test_state_show_names_unfinished_rejects_and_failed_files(crawled, tmp_path, capsys):
    runs = tmp_path / "runs"
    runs.mkdir()
    rejects = runs / "20261201T000000.000Z.rejects.jsonl.part"
    rejects.write_bytes(b'{"url": "http://a/1", "reason": "not_found"}\n{"url": "http://a/')
    failed = runs / "20261201T000000.000Z.failed.jsonl.part"
    failed.write_bytes(b"")
    args = [
        "--state-dir", str(crawled / "state"),
        "-s", f"REJECTS_URI={runs}/%(run_id)s.rejects.jsonl",
        "-s", f"FAILED_URI={runs}/%(run_id)s.failed.jsonl",
    ]  # fmt: skip
    assert main(["state", "show", "shjcdj", *args]) == 0
    shown = capsys.readouterr().out
    assert f"unfinished rejects file {rejects}: 1 complete lines" in shown
    assert f"unfinished failed file {failed}: 0 complete lines" in shown
    assert main(["state", "show", "shjcdj", "--json", *args]) == 0
    assert json.loads(capsys.readouterr().out)["unfinished_sidecars"] == [
        {"kind": "rejects", "path": str(rejects), "lines": 1},
        {"kind": "failed", "path": str(failed), "lines": 0},
    ]
