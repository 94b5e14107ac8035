"""Scheduled-run safety, in process: the state lock, damaged states, URL and content keys,
output errors, run ids, the article spider's urls input, profile checks, hostile HTML."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import pytest_twisted

from crawler.fetch.sniff import html_over_budget, looks_binary
from crawler.run.errors import LockHeld, StateError
from crawler.run.lock import StateLock
from crawler.run.outputs import unique_run_id
from crawler.run.schema import SCHEMA_VERSION
from crawler.run.state import CrawlState
from crawler.run.urls import canonical_url, url_key
from crawler.site.loading import load_profile_file
from crawler.site.model import ProfileError
from spiders.article import ArticleSpider, read_urls, url_problem
from spiders.portal import PortalSpider
from tests.conftest import ROOT, run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

TRACKING = ("utm_*", "from", "spm")
PROFILE = ROOT / "crawler" / "profiles" / "shjcdj.toml"


def feed_urls(out: Path) -> list[str]:
    return [
        json.loads(line)["url"]
        for feed in sorted((out / "shjcdj").glob("*Z.jsonl"))
        for line in feed.read_text(encoding="utf-8").splitlines()
    ]


# --- one writer per state ----------------------------------------------------------------------


@pytest_twisted.ensureDeferred
async def test_a_held_lock_stops_the_run_before_any_file(portal, tmp_path):
    _, base_url, _ = portal
    out = tmp_path / "out"
    lock = StateLock(out / "state" / "shjcdj.lock").acquire()
    try:
        with pytest.raises(LockHeld, match=r"pid \d+ started \d{8}|pid \d+ started 20"):
            await run_crawl(ShjcdjSpider, out, base_url=base_url)
    finally:
        lock.release()
    assert not (out / "shjcdj").exists()


@pytest_twisted.ensureDeferred
async def test_state_lock_wait_waits_for_the_holder_and_says_so(portal, tmp_path, caplog):
    _, base_url, expected = portal
    out = tmp_path / "out"
    lock = StateLock(out / "state" / "shjcdj.lock").acquire()
    threading.Timer(0.5, lock.release).start()
    started = time.monotonic()
    result = await run_crawl(ShjcdjSpider, out, {"STATE_LOCK_WAIT": 10}, base_url=base_url)
    assert time.monotonic() - started >= 0.5
    assert len(result.items) == len(expected["articles"])
    waiting = [r.getMessage() for r in caplog.records if "waiting up to 10 s" in r.getMessage()]
    assert len(waiting) == 1 and "another run holds this spider's state (pid " in waiting[0]


@pytest_twisted.ensureDeferred
async def test_a_killed_runs_sidecars_are_learned_whatever_their_lines_hold(portal, tmp_path):
    """The `.part` rejects and failed files a killed run left go into the state at the next
    start: this spider's lines only, a line that is not a record skipped, missing fields
    defaulted; the run starts and finishes as usual."""
    _, base_url, expected = portal
    out = tmp_path / "out"
    runs = out / "shjcdj" / "_runs"
    runs.mkdir(parents=True)
    gone = base_url + "jcdj/202001/t20200101_404.html"
    other = base_url + "jcdj/202001/t20200101_other.html"
    failed = base_url + "jcdj/202001/t20200101_503.html"
    (runs / "20260101T000000.000Z.rejects.jsonl.part").write_text(
        json.dumps({"url": gone, "reason": "http_404", "spider": "shjcdj"}) + "\n"
        + json.dumps({"url": other, "reason": "http_404", "spider": "ccdi"}) + "\n"
    )  # fmt: skip
    (runs / "20260101T000000.000Z.failed.jsonl.part").write_text(
        "not json\n[1, 2]\n" + json.dumps({"url": 5, "reason": "http_503"}) + "\n"
        + json.dumps({"url": failed, "reason": "http_503", "kind": None, "attempts": None}) + "\n"
    )  # fmt: skip
    result = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert len(result.items) == len(expected["articles"])
    assert result.stats["state/recovered_rejects"] == 1
    assert result.stats["state/recovered_failures"] == 1
    db = sqlite3.connect(out / "state" / "shjcdj.sqlite")
    try:
        rejects = {url for (url,) in db.execute("SELECT url FROM rejects")}
        query = "SELECT url, kind, attempts FROM failed WHERE url = ?"
        failures = list(db.execute(query, [failed]))
    finally:
        db.close()
    assert gone in rejects and other not in rejects
    assert failures == [(failed, "article", 1)]


# --- damaged state -----------------------------------------------------------------------------


def damage(path: Path, how: str) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:3000])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "garbage":
        path.write_bytes(b"not a database " * 300)
    elif how == "newer":
        db = sqlite3.connect(path)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        db.commit()
        db.close()
    elif how == "extra_column":
        db = sqlite3.connect(path)
        db.execute("ALTER TABLE articles ADD COLUMN summary TEXT")
        db.commit()
        db.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["truncated", "empty", "garbage", "newer", "extra_column"])
@pytest_twisted.ensureDeferred
async def test_a_damaged_state_stops_the_run_before_any_request(portal, tmp_path, how):
    _, base_url, _ = portal
    out = tmp_path / "out"
    await run_crawl(ShjcdjSpider, out, base_url=base_url)
    state = out / "state" / "shjcdj.sqlite"
    damage(state, how)
    before = sorted(p.name for p in (out / "shjcdj").iterdir())
    with pytest.raises(StateError) as caught:
        await run_crawl(ShjcdjSpider, out, base_url=base_url)
    message = str(caught.value)
    assert message.startswith(f"{state}: ")
    assert "\n" not in message
    assert "python -m crawler state rebuild shjcdj" in message
    assert sorted(p.name for p in (out / "shjcdj").iterdir()) == before


def test_a_v1_state_is_migrated_and_rekeyed(tmp_path):
    path = tmp_path / "shjcdj.sqlite"
    db = sqlite3.connect(path)
    db.executescript(
        (ROOT / "crawler" / "run" / "schema.py")
        .read_text()
        .split('TABLES = """')[1]
        .split('"""')[0]
    )
    db.execute(
        "INSERT INTO articles VALUES ('/a/1.html?from=list', 'http://x.cn/a/1.html?from=list',"
        " 'f1', '2024-01-01', 'c', 't', 't')"
    )
    db.commit()
    db.close()
    state = CrawlState(path, "x.cn", TRACKING)
    assert state.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert state.known("https://x.cn/a/1.html") is not None
    assert state.known_content("f1") == "http://x.cn/a/1.html?from=list"
    state.close()
    assert (tmp_path / "shjcdj.sqlite.v1.bak").exists()


# --- known by URL and by content ---------------------------------------------------------------


def test_canonical_urls():
    assert canonical_url("https://X.cn/a.html?from=list#top", TRACKING) == "//x.cn/a.html"
    assert (
        canonical_url("http://x.cn:80/a.html?utm_source=w&id=2", TRACKING) == "//x.cn/a.html?id=2"
    )
    assert url_key("https://x.cn/a.html?spm=1", "x.cn", TRACKING) == "/a.html"
    assert url_key("http://y.cn/a.html", "x.cn", TRACKING) == "//y.cn/a.html"


def add_tracking(site: Path) -> int:
    changed = 0
    for page in site.rglob("index*.html"):
        html = page.read_bytes()  # some pages are GBK: edit the ASCII links as bytes
        new = re.sub(rb'href="([^"]+/t\d+_\d+\.html)"', rb'href="\1?from=list"', html)
        changed += new != html
        page.write_bytes(new)
    return changed


@pytest_twisted.ensureDeferred
async def test_list_links_that_gain_a_tracking_parameter_are_known(portal, tmp_path):
    site, base_url, expected = portal
    out = tmp_path / "out"
    first = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert add_tracking(site)
    again = await run_crawl(ShjcdjSpider, out, base_url=base_url, full="1")
    assert again.items == []
    assert sorted(feed_urls(out)) == sorted(i["url"] for i in first.items)
    assert len(first.items) == len(expected["articles"])


@pytest_twisted.ensureDeferred
async def test_a_new_url_with_known_content_is_a_duplicate(portal, tmp_path):
    site, base_url, expected = portal
    out = tmp_path / "out"
    no_tracking = {"URL_TRACKING_PARAMS": []}  # the URL is new: only the content matches
    first = await run_crawl(ShjcdjSpider, out, no_tracking, base_url=base_url)
    add_tracking(site)
    again = await run_crawl(ShjcdjSpider, out, no_tracking, base_url=base_url, full="1")
    assert again.items == []
    assert again.stats["dedup/content_known"] == len(first.items)
    (report,) = sorted((out / "shjcdj" / "_runs").glob("*.report.json"))[-1:]
    assert json.loads(report.read_text("utf-8"))["duplicate_reasons"] == {
        "content_known": len(first.items)
    }
    assert len(feed_urls(out)) == len(expected["articles"])


# --- output errors -----------------------------------------------------------------------------


@pytest_twisted.ensureDeferred
async def test_a_full_disk_ends_the_run_and_loses_nothing(portal, tmp_path, caplog):
    _, base_url, expected = portal
    out = tmp_path / "out"
    full = {
        "FEED_STORAGES": {"": "tests.support.faults.FullDiskStorage",
                          "file": "tests.support.faults.FullDiskStorage"},
        "FULL_DISK_AFTER": 10,
    }  # fmt: skip
    cut = await run_crawl(ShjcdjSpider, out, full, base_url=base_url)
    assert cut.stats["finish_reason"] == "disk_full"
    (report,) = (out / "shjcdj" / "_runs").glob("*.report.json")
    data = json.loads(report.read_text("utf-8"))
    assert data["status"] == "failed"
    assert "No space left on device" in data["errors"]["output/feed"]
    errors = [r for r in caplog.records if r.levelname == "ERROR" and "Output error" in r.message]
    assert len(errors) == 1
    assert list((out / "shjcdj").glob("*.jsonl.part"))  # kept for the next run
    again = await run_crawl(ShjcdjSpider, out, base_url=base_url)
    assert again.stats["finish_reason"] == "finished"
    urls = feed_urls(out)
    assert sorted(urls) == sorted(set(urls))
    assert sorted(urls) == sorted(base_url + p for p in expected["articles"])


def test_run_ids_never_repeat(tmp_path):
    class Spider:
        run_id = "20260101T000000.000Z"
        logger = __import__("logging").getLogger("test")

    (tmp_path / "20260101T000000.000Z.jsonl").write_text("")
    (tmp_path / "20260101T000000.001Z.report.json").write_text("")
    spider = Spider()
    unique_run_id(spider, [tmp_path], None)  # type: ignore[arg-type]
    assert spider.run_id == "20260101T000000.002Z"


# --- the article spider's urls input -----------------------------------------------------------


def test_urls_file_bom_missing_file_and_bad_lines(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_bytes("\ufeffhttp://a.cn/1.html\n# c\n\nhttps://a.cn/2.html\n".encode())
    assert read_urls(str(urls)) == ["http://a.cn/1.html", "https://a.cn/2.html"]
    with pytest.raises(ValueError, match="no such file"):
        read_urls(str(tmp_path / "missing.txt"))
    assert url_problem("/relative/1.html") == "relative_url"
    assert url_problem("javascript:void(0)") == "unsupported_scheme"
    assert url_problem("file:///etc/passwd") == "unsupported_scheme"
    assert url_problem("data:text/html,x") == "unsupported_scheme"
    assert url_problem("http://[::1") == "malformed_url"
    assert url_problem("http://a.cn:99999/") == "malformed_url"
    assert url_problem("http://a.cn/1.html") is None


@pytest_twisted.ensureDeferred
async def test_bad_urls_lines_are_reported_once_and_the_rest_crawled(demo_portal, tmp_path):
    paths = ["jcdj/202005/t20200513_1001.html", "jcdj/202112/t20211220_1013.html"]
    bad = ["/jcdj/x.html", "javascript:void(0)", "http://[::1", "file:///etc/passwd"]
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([bad[0], demo_portal + paths[0], *bad[1:], demo_portal + paths[1]]))
    out = tmp_path / "out"
    settings = {"FAILED_URI": str(out / "%(name)s" / "%(run_id)s.failed.jsonl")}
    result = await run_crawl(ArticleSpider, out, settings, urls=str(urls))
    assert sorted(i["url"] for i in result.items) == sorted(demo_portal + p for p in paths)
    (failed,) = out.rglob("*.failed.jsonl")
    lines = [json.loads(x) for x in failed.read_text("utf-8").splitlines()]
    assert sorted((x["url"], x["reason"]) for x in lines) == sorted([
        (bad[0], "relative_url"), (bad[1], "unsupported_scheme"), (bad[2], "malformed_url"),
        (bad[3], "unsupported_scheme"),
    ])  # fmt: skip


# --- profile checks ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda t: re.sub(r"allowed_domains = \[[^\]]*\]", "allowed_domains = []", t),
         "allowed_domains: must list at least one domain"),
        (lambda t: t.replace('name = "党建要闻"', 'name = "基层党建"'),
         "columns[1].name: column '基层党建' is defined twice"),
    ],
)  # fmt: skip
def test_profile_checks(tmp_path, change, problem):
    path = tmp_path / "shjcdj.toml"
    path.write_text(change(PROFILE.read_text("utf-8")), "utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile_file(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


def test_a_non_utf8_profile_names_its_file(tmp_path):
    path = tmp_path / "shjcdj.toml"
    path.write_bytes(PROFILE.read_text("utf-8").encode("gb18030"))
    with pytest.raises(ProfileError, match=rf"^{re.escape(str(path))}: encoding: not UTF-8"):
        load_profile_file(path)


# --- hostile HTML ------------------------------------------------------------------------------


def test_one_nul_byte_is_not_binary():
    page = b"<html><head><title>t</title></head><body>\x00<p>text</p></body></html>"
    assert not looks_binary(page)
    assert looks_binary(b"\x00\x01\x00\x02" * 100)
    assert looks_binary(b"%PDF-1.4 ...")


def test_html_budget():
    attrs = " ".join(f'a{i}="v"' for i in range(100_000)).encode()
    hostile = b"<html><body><p " + attrs + b">x</p></body></html>"
    started = time.monotonic()
    assert "attributes" in (html_over_budget(hostile, 1000, 200_000) or "")
    assert time.monotonic() - started < 1
    assert html_over_budget(b"<p>x</p>" * 1000, 1000, 500) is not None
    page = ROOT / "crawler" / "demo" / "site" / "jcdj" / "202005" / "t20200513_1001.html"
    assert html_over_budget(page.read_bytes(), 1000, 200_000) is None
    data_uri = b'<img src="data:image/png;base64,' + b"A" * 100_000 + b'">'
    assert html_over_budget(data_uri, 1000, 200_000) is None
