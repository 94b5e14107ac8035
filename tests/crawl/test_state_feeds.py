"""The state with any FEEDS URI, re-export after a profile fix, a reset that resets (issue 10,
items 3-4)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import pytest_twisted

from crawler.demo.build import build_site
from crawler.items import EXPORT_FIELDS
from crawler.run.feeds import state_feed_problem
from spiders.portal import PortalSpider
from tests.conftest import ROOT, run_crawl
from tests.support.cli import fast, run

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

PROFILE = ROOT / "crawler" / "profiles" / "shjcdj.toml"


def feeds(uri: Path, **options) -> dict:
    return {"FEEDS": {str(uri): {"format": "jsonlines", "fields": EXPORT_FIELDS, **options}}}


@pytest.mark.parametrize(
    "template",
    ["%(name)s/%(time)s.jsonl", "%(name)s/%(run_id)s-%(batch_id)d.jsonl"],
    ids=["time", "batch_id"],
)
@pytest_twisted.ensureDeferred
async def test_templated_feed_names_keep_the_state(portal, tmp_path, template):
    # Symptom: `%(time)s` gave KeyError: 'time' in the state extension and every run
    # exported all 35 again.
    _, base_url, expected = portal
    out = tmp_path / "out"
    settings = {**feeds(out / template), "FEED_EXPORT_BATCH_ITEM_COUNT": 10 * ("batch" in template)}
    first = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    assert len(first.items) == len(expected["articles"])
    assert first.stats.get("log_count/ERROR", 0) == 0
    second = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    assert second.items == []
    assert second.stats["state/known_articles"] == len(expected["articles"])


@pytest_twisted.ensureDeferred
async def test_fixed_feed_name_with_overwrite_is_read_every_run(portal, tmp_path):
    # Symptom: a fixed name with `overwrite` was ingested once, so run 3 re-exported run 2's.
    site, base_url, _ = portal
    out = tmp_path / "out"
    settings = feeds(out / "latest.jsonl", overwrite=True)
    await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    build_site(site, newest_articles=3)
    second = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    assert len(second.items) == 3
    third = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    assert third.items == []


def test_feeds_the_state_cannot_read_are_refused_in_one_line(tmp_path):
    assert state_feed_problem({"s3://bucket/%(name)s.jsonl": {"format": "jsonlines"}})
    assert state_feed_problem({"out.json": {"format": "json"}})
    assert "fields leaves out" in state_feed_problem(
        {"out.jsonl": {"format": "jsonlines", "fields": ["url", "title"]}}
    )
    assert state_feed_problem({"out.jsonl": {"format": "jsonlines"}}) is None
    only_json = 'FEEDS={"out.json": {"format": "json"}}'
    result = run(["-m", "scrapy", "crawl", "shjcdj", "-s", only_json], tmp_path)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "STATE_ENABLED needs a local JSON-lines feed" in errors[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "arguments", [{"full": "1"}, {"full": "1", "refresh_days": "100000"}], ids=["full", "both"]
)
@pytest_twisted.ensureDeferred
async def test_profile_fix_is_reexported(portal, tmp_path, arguments):
    # Symptom: after correcting a wrong breadcrumb selector, -a full=1 (-a refresh_days=…)
    # fetched 50 pages and exported 0: the fingerprint covered title + body only.
    _, base_url, expected = portal
    out = tmp_path / "out"
    broken = tmp_path / "broken"
    broken.mkdir()
    text = PROFILE.read_text(encoding="utf-8")
    assert 'breadcrumb = "div.main > div.crumb"' in text
    (broken / "shjcdj.toml").write_text(
        text.replace('breadcrumb = "div.main > div.crumb"', 'breadcrumb = "div.detail-info"'),
        encoding="utf-8",
    )
    wrong = await run_crawl(ShjcdjSpider, out, {"PROFILES_DIR": str(broken)}, base_url=base_url)
    changed = [i["url"] for i in wrong.items if i["breadcrumb"] != ["党建首页", i["column"]]]
    assert changed
    fixed = await run_crawl(ShjcdjSpider, out, base_url=base_url, **arguments)
    assert sorted(i["url"] for i in fixed.items) == sorted(wrong_ones(wrong.items))
    assert all(i["updated"] for i in fixed.items)
    assert all(i["breadcrumb"] == ["党建首页", i["column"]] for i in fixed.items)
    assert fixed.stats.get("state/unchanged", 0) == len(expected["articles"]) - len(fixed.items)


def wrong_ones(items: list[dict]) -> list[str]:
    return [i["url"] for i in items if i["breadcrumb"] != ["党建首页", i["column"]]]


@pytest.mark.slow
def test_reset_really_resets(demo_portal, demo_expected, tmp_path):
    # Symptom: the "rm -r state/ resets" hint rebuilt the state from output/ and exported 0.
    crawl = ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", *fast()]
    assert run(crawl, tmp_path).returncode == 0
    shutil.rmtree(tmp_path / "state")
    assert run(crawl, tmp_path).returncode == 0
    assert [
        bool(p.read_text()) for p in sorted((tmp_path / "output" / "shjcdj").glob("*.jsonl"))
    ] == [True, False]
    reset = run(["-m", "crawler", "reset", "shjcdj"], tmp_path)
    assert reset.returncode == 0, reset.stderr
    assert "the next crawl starts from nothing" in reset.stdout
    assert not list((tmp_path / "output" / "shjcdj").glob("*.jsonl"))
    assert len(list((tmp_path / "output" / "shjcdj" / "_superseded").rglob("*.jsonl"))) == 2
    assert run(crawl, tmp_path).returncode == 0
    (feed,) = (tmp_path / "output" / "shjcdj").glob("*.jsonl")
    lines = feed.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(demo_expected["articles"])
    assert json.loads(lines[0])["updated"] is False
    unknown = run(["-m", "crawler", "reset", "nosuch"], tmp_path)
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1


def test_reset_refuses_while_a_run_holds_the_state_and_moves_a_killed_runs_part(tmp_path):
    # Symptom: `reset` during a crawl deleted the live database and said the next crawl
    # starts from nothing; the crawl's feed, finished later, was read back (0 exported).
    from crawler.run.lock import StateLock  # noqa: PLC0415

    output = tmp_path / "output" / "shjcdj"
    output.mkdir(parents=True)
    (output / "20260101T000000.000Z.jsonl").write_text('{"url": "http://x.cn/a"}\n')
    (output / "20260102T000000.000Z.jsonl.part").write_text('{"url": "http://x.cn/b"}\n{"ur')
    state = tmp_path / "state" / "shjcdj.sqlite"
    state.parent.mkdir()
    state.write_bytes(b"")
    lock = StateLock(tmp_path / "state" / "shjcdj.lock").acquire()
    try:
        held = run(["-m", "crawler", "reset", "shjcdj"], tmp_path)
    finally:
        lock.release()
    assert held.returncode == 75 and held.stderr.count("\n") == 1, held.stderr
    assert "another run holds this spider's state" in held.stderr
    assert state.exists() and len(list(output.glob("*.jsonl*"))) == 2  # nothing touched
    done = run(["-m", "crawler", "reset", "shjcdj"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not state.exists() and not list(output.glob("*.jsonl*"))
    moved = sorted(p.name for p in (output / "_superseded").rglob("*.jsonl*"))
    assert moved == [
        "20260101T000000.000Z.jsonl", "20260102T000000.000Z.jsonl",
        "20260102T000000.000Z.jsonl.torn",
    ]  # fmt: skip


@pytest_twisted.ensureDeferred
async def test_a_json_array_feed_beside_the_jsonlines_one_is_not_read_back(portal, tmp_path):
    # `-O out.json` adds a JSON-array feed: the state reads the JSON-lines feed only.
    _, base_url, expected = portal
    out = tmp_path / "out"
    settings = feeds(out / "%(name)s" / "%(run_id)s.jsonl")
    settings["FEEDS"][str(out / "out.json")] = {"format": "json", "overwrite": True}
    first = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
    assert first.stats.get("log_count/ERROR", 0) == 0
    assert first.stats["state/ingested"] == len(expected["articles"])
    assert len(json.loads((out / "out.json").read_text(encoding="utf-8"))) == len(first.items)


def test_reset_with_local_run_resets_the_scratch_archive_only(tmp_path):
    """`-s LOCAL_RUN=1` as for the crawl: the trial's feeds and state go, output/ stays."""
    archive = tmp_path / "output" / "shjcdj" / "20260101T000000.000Z.jsonl"
    archive.parent.mkdir(parents=True)
    archive.write_text('{"url": "http://x.cn/a"}\n')
    scratch = tmp_path / "trial"
    trial = scratch / "output" / "shjcdj" / "20260102T000000.000Z.jsonl"
    trial.parent.mkdir(parents=True)
    trial.write_text('{"url": "http://x.cn/b"}\n')
    (scratch / "state").mkdir()
    (scratch / "state" / "shjcdj.sqlite").write_bytes(b"")
    done = run(
        ["-m", "crawler", "reset", "shjcdj", "-s", "LOCAL_RUN=1", "-s", f"LOCAL_RUN_DIR={scratch}"],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert not trial.exists() and not (scratch / "state" / "shjcdj.sqlite").exists()
    assert list((scratch / "output" / "shjcdj" / "_superseded").rglob("*.jsonl"))
    assert archive.exists()
    bad = run(["-m", "crawler", "reset", "shjcdj", "-s", "LOCAL_RUN"], tmp_path)
    assert bad.returncode == 2 and bad.stderr == "error: -s LOCAL_RUN: expected NAME=VALUE\n"


@pytest.mark.parametrize("scratch_dir", ["output", ".", "", "scratch/..", "./output/x", "ABS"])
def test_reset_refuses_a_scratch_folder_that_is_the_archive(tmp_path, scratch_dir):
    scratch_dir = str(tmp_path / "output") if scratch_dir == "ABS" else scratch_dir
    feed = tmp_path / "output" / "shjcdj" / "20260101T000000.000Z.jsonl"
    feed.parent.mkdir(parents=True)
    feed.write_text('{"url": "http://x.cn/a"}\n')
    command = ["-m", "crawler", "reset", "shjcdj", "-s", "LOCAL_RUN=1"]
    refused = run([*command, "-s", f"LOCAL_RUN_DIR={scratch_dir}"], tmp_path)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert refused.stderr.startswith(f"error: LOCAL_RUN_DIR={scratch_dir!r}: ")
    assert feed.exists()


def test_reset_closes_a_killed_runs_rejects_file_so_the_fresh_state_does_not_learn_it(tmp_path):
    runs = tmp_path / "output" / "shjcdj" / "_runs"
    runs.mkdir(parents=True)
    left = runs / "20260101T000000.000Z.rejects.jsonl.part"
    left.write_text('{"url": "http://x.cn/404.html", "reason": "http_404", "spider": "shjcdj"}\n')
    done = run(["-m", "crawler", "reset", "shjcdj"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert not left.exists() and (runs / "20260101T000000.000Z.rejects.jsonl").exists()


def shared_feed_folder(tmp_path: Path, files: dict[str, str]) -> tuple[Path, list[str]]:
    """A feed folder two spiders share (FEEDS without %(name)s), and the -s settings for it."""
    shared = tmp_path / "all"
    shared.mkdir()
    for name, text in files.items():
        (shared / name).write_text(text, encoding="utf-8")
    template = json.dumps({f"{shared}/%(run_id)s.jsonl": {"format": "jsonlines"}})
    return shared, ["-s", f"FEEDS={template}", "-s", f"STATE_DIR={tmp_path / 'state'}"]


def test_reset_in_a_shared_feed_folder_moves_only_its_own_feeds(tmp_path):
    shared, settings = shared_feed_folder(tmp_path, {
        "20260101T000000.000Z.jsonl": '{"url": "http://x.cn/a", "site": "shjcdj"}\n',
        "20260102T000000.000Z.jsonl": '{"url": "http://y.cn/b", "site": "twin"}\n',
        "20260102T000000.000Z.jsonl.torn": '{"url": "http://y.cn/c", "si',
        "20260103T000000.000Z.jsonl.part": '{"url": "http://y.cn/d", "site": "twin"}\n',
    })  # fmt: skip
    done = run(["-m", "crawler", "reset", "shjcdj", *settings], tmp_path)
    assert done.returncode == 0, done.stderr
    moved = sorted(p.name for p in (shared / "_superseded").rglob("*.jsonl*"))
    assert moved == ["20260101T000000.000Z.jsonl"]
    assert sorted(p.name for p in shared.glob("*.jsonl*")) == [
        "20260102T000000.000Z.jsonl", "20260102T000000.000Z.jsonl.torn",
        "20260103T000000.000Z.jsonl.part",
    ]  # fmt: skip


def test_state_rebuild_and_check_in_a_shared_feed_folder_keep_to_their_portal(tmp_path):
    _, settings = shared_feed_folder(tmp_path, {
        "20260101T000000.000Z.jsonl": '{"url": "http://x.cn/a", "site": "shjcdj"}\n'
                                      '{"url": "http://x.cn/b", "site": "shjcdj"}\n',
        "20260102T000000.000Z.jsonl": '{"url": "http://y.cn/c", "site": "twin"}\n',
    })  # fmt: skip
    rebuilt = run(["-m", "crawler", "state", "rebuild", "shjcdj", *settings], tmp_path)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert ": 2 articles from 2 finished feeds" in rebuilt.stdout
    checked = run(["-m", "crawler", "state", "check", "shjcdj", *settings], tmp_path)
    assert checked.returncode == 0, checked.stderr
