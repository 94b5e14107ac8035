"""Crash safety: SIGKILL a crawl at several points, rerun: every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from crawler.contracts import is_permanent
from crawler.demo.build import build_site
from crawler.demo.server import serve
from crawler.run.inuse import hold, in_use
from crawler.run.state import recover_output, repair_part_file
from tests.conftest import ROOT
from tests.support.crashes import crawl_command, kill_when, lines_written, run_to_end

pytestmark = pytest.mark.slow


def exit_for(out: Path) -> int:
    """The exit code the newest run report asks for (a last short run may be degraded)."""
    report = json.loads(max((out / "_runs").glob("*Z.report.json")).read_text("utf-8"))
    return {"ok": 0, "degraded": 3}.get(report["status"], 1)


def test_sigkill_then_rerun_exports_every_article_exactly_once(tmp_path):
    site = tmp_path / "site"
    expected = build_site(site, synthetic_articles=120)
    # A slow portal, so that the crawl can be caught mid-way.
    server, base_url = serve(site, delay=0.02)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    out = tmp_path / "output" / "shjcdj"
    try:
        # Kill points: during start-up, then after 5, 40 and 90 records were written.
        for records_before_kill in (0, 5, 40, 90):
            kill_when(
                crawl_command(base_url), tmp_path, env,
                lambda n=records_before_kill: n == 0 or (out.is_dir() and lines_written(out) >= n),
            )  # fmt: skip
        final = run_to_end(crawl_command(base_url), tmp_path, env)
    finally:
        server.shutdown()
    assert final.returncode == exit_for(out), final.stderr[-3000:]
    assert not list(out.glob("*.part")), "a half-written file is left"
    urls: Counter[str] = Counter()
    for feed in out.glob("*Z.jsonl"):
        for line in feed.read_text(encoding="utf-8").splitlines():
            urls[json.loads(line)["url"]] += 1  # every line of every file parses
    assert {u: n for u, n in urls.items() if n > 1} == {}
    assert sorted(urls) == sorted(base_url + p for p in expected["articles"])


def permanent_rejects(folder: Path, suffix: str) -> Counter[str]:
    urls: Counter[str] = Counter()
    for path in folder.glob(f"*.rejects.jsonl{suffix}"):
        for raw in path.read_bytes().splitlines(keepends=True):
            if raw.endswith(b"\n") and is_permanent((line := json.loads(raw))["reason"]):
                urls[line["url"]] += 1
    return urls


def test_a_killed_runs_rejects_are_learned_not_rejected_again(tmp_path):
    """The state records a run's permanent rejects when it closes; a killed run never does.
    The next run learns them from the recovered rejects file instead of fetching each page
    again and writing it to a second rejects file."""
    site = tmp_path / "site"
    build_site(site, synthetic_articles=120)
    server, base_url = serve(site, delay=0.02)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    runs = tmp_path / "output" / "shjcdj" / "_runs"
    try:
        kill_when(
            crawl_command(base_url), tmp_path, env,
            lambda: runs.is_dir() and bool(permanent_rejects(runs, ".part")),
        )  # fmt: skip
        killed = permanent_rejects(runs, ".part")
        assert killed, "the crawl was killed before it rejected a page: no case to test"
        final = run_to_end(crawl_command(base_url), tmp_path, env)
    finally:
        server.shutdown()
    out = tmp_path / "output" / "shjcdj"
    assert final.returncode == exit_for(out), final.stderr[-3000:]
    everywhere = permanent_rejects(runs, "")
    assert {url: n for url, n in everywhere.items() if n > 1} == {}
    assert set(killed) <= set(everywhere)
    with closing(sqlite3.connect(tmp_path / "state" / "shjcdj.sqlite")) as db:
        known = {url for (url,) in db.execute("SELECT url FROM rejects")}
    assert set(killed) <= known


def test_repair_sets_a_torn_line_aside(tmp_path):
    part = tmp_path / "20260101T000000.000Z.jsonl.part"
    part.write_bytes(b'{"url": "a"}\n{"url": "b"}\n{"url": "c", "bo')
    final, torn, aside = repair_part_file(part)
    assert final.name == "20260101T000000.000Z.jsonl"
    assert final.read_bytes() == b'{"url": "a"}\n{"url": "b"}\n'
    assert torn == len(b'{"url": "c", "bo')
    assert aside is not None and aside.read_bytes() == b'{"url": "c", "bo'
    assert not part.exists()


def test_repair_drops_a_complete_looking_but_broken_last_line(tmp_path):
    part = tmp_path / "x.jsonl.part"
    part.write_bytes(b'{"url": "a"}\n{"url": "b", "x\n')
    final, torn, _ = repair_part_file(part)
    assert final.read_bytes() == b'{"url": "a"}\n'
    assert torn == len(b'{"url": "b", "x\n')


def test_jobdir_pause_and_resume(tmp_path):
    site = tmp_path / "site"
    expected = build_site(site, synthetic_articles=80)
    server, base_url = serve(site, delay=0.02)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    out = tmp_path / "output" / "shjcdj"
    command = [*crawl_command(base_url), "-s", f"JOBDIR={tmp_path / 'job'}"]
    try:
        process = subprocess.Popen(
            command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out.is_dir() and lines_written(out) >= 20):
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)  # Ctrl-C: a graceful pause
        # Paused is not finished: the run says so (exit 1, finish reason "shutdown").
        assert process.wait(timeout=60) == 1
        resumed = subprocess.run(
            command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
            check=False,
        )  # fmt: skip
    finally:
        server.shutdown()
    assert resumed.returncode == exit_for(out), resumed.stderr[-3000:]
    feeds = sorted(out.glob("*Z.jsonl"))
    assert len(feeds) == 2
    urls = [json.loads(x)["url"] for f in feeds for x in f.read_text("utf-8").splitlines()]
    assert sorted(urls) == sorted(base_url + p for p in expected["articles"])


def test_spiders_sharing_output_folders_leave_each_others_files_alone(tmp_path):
    """FEEDS, REJECTS_URI, FAILED_URI and WARC_DIR without %(name)s: one folder for every
    spider. A spider starting while another writes there must not close the other's live
    `.part` files (its writes would go on into an unlinked file: lost, and the run failed);
    a killed spider's files wait for its own next start. Every article once per spider."""
    site = tmp_path / "site"
    expected = build_site(site, synthetic_articles=40)
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    profile = (ROOT / "crawler" / "profiles" / "shjcdj.toml").read_text(encoding="utf-8")
    (profiles / "shjcdj.toml").write_text(profile, encoding="utf-8")
    (profiles / "twin.toml").write_text(profile.replace('id = "shjcdj"', 'id = "twin"'), "utf-8")
    shared = tmp_path / "shared"
    feeds = {f"{shared}/feeds/%(run_id)s.jsonl": {"format": "jsonlines", "encoding": "utf8"}}
    settings = [
        "-s", f"PROFILES_DIR={profiles}", "-s", f"FEEDS={json.dumps(feeds)}",
        "-s", f"REJECTS_URI={shared}/runs/%(run_id)s.rejects.jsonl",
        "-s", f"FAILED_URI={shared}/runs/%(run_id)s.failed.jsonl",
        "-s", f"REPORT_URI={shared}/runs/%(name)s-%(run_id)s.report.json",
        "-s", f"WARC_DIR={shared}/warc", "-s", f"STATE_DIR={tmp_path / 'state'}",
    ]  # fmt: skip
    server, base_url = serve(site, delay=0.03)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}

    def command(spider: str) -> list[str]:
        base = crawl_command(base_url)
        return [*base[:4], spider, *base[5:], *settings]

    def written(site: str) -> int:
        """Complete lines of `site`'s records in the unfinished feeds."""
        lines = 0
        for part in (shared / "feeds").glob("*.jsonl.part"):
            for line in part.read_bytes().splitlines(keepends=True):
                lines += line.endswith(b"\n") and f'"site": "{site}"'.encode() in line
        return lines

    try:
        # twin is writing when shjcdj starts; shjcdj is killed mid-crawl while twin goes on.
        twin = subprocess.Popen(
            command("twin"), cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while written("twin") < 3 and twin.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert twin.poll() is None, "twin ended before the other spider started"
        kill_when(command("shjcdj"), tmp_path, env, lambda: written("shjcdj") >= 3)
        assert written("shjcdj") >= 3, "shjcdj was not killed mid-crawl"
        _, twin_err = twin.communicate(timeout=300)
        # Both again: twin first, which must leave the killed shjcdj's files to shjcdj.
        again = [run_to_end(command(name), tmp_path, env) for name in ("twin", "shjcdj")]
    finally:
        server.shutdown()
    assert twin.returncode in (0, 3), twin_err[-3000:]
    for result in again:
        assert result.returncode in (0, 3), result.stderr[-3000:]
    # The killed shjcdj's feed, rejects and WARC files waited for shjcdj's own rerun.
    assert "Recovered" not in again[0].stderr and "Closed the WARC" not in again[0].stderr
    assert "Recovered" in again[1].stderr and "Closed the WARC" in again[1].stderr
    assert not list(shared.rglob("*.part")), "a half-written file is left"
    per_site: dict[str, Counter[str]] = {"shjcdj": Counter(), "twin": Counter()}
    for feed in (shared / "feeds").glob("*Z.jsonl"):
        for line in feed.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            per_site[record["site"]][record["url"]] += 1
    wanted = sorted(base_url + p for p in expected["articles"])
    for name, urls in per_site.items():
        assert {u: n for u, n in urls.items() if n > 1} == {}, name
        assert sorted(urls) == wanted, name


def test_recovery_leaves_live_files_and_other_spiders_killed_files(tmp_path):
    mine = tmp_path / "a.jsonl.part"
    mine.write_bytes(b'{"url": "http://x.cn/1", "site": "shjcdj"}\n')
    theirs = tmp_path / "b.rejects.jsonl.part"
    theirs.write_bytes(b'{"url": "http://x.cn/2", "reason": "not_found", "spider": "twin"}\n')
    torn = tmp_path / "c.jsonl.part"  # no complete line: nobody's, closed by anyone
    torn.write_bytes(b'{"url": "http://x.cn/3"')
    live = tmp_path / "d.jsonl.part"
    with live.open("ab") as writer:
        hold(writer.fileno())
        assert in_use(live)
        recovery = recover_output(tmp_path, "shjcdj")
    assert sorted(p.name for p in recovery.finished) == ["a.jsonl", "c.jsonl"]
    assert theirs.exists() and live.exists() and not in_use(live)
    assert [p.name for p in recover_output(tmp_path, "twin").finished] == [
        "b.rejects.jsonl",
        "d.jsonl",
    ]
