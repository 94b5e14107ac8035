"""`scrapy crawlall`: one process, every portal spider in turn, exit code from the reports."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer

import pytest

from crawler.commands.crawlall import exit_code
from crawler.demo.build import build_site
from crawler.demo.server import serve
from tests.support.cli import ROOT, run
from tests.support.reports import AlwaysFailing, switch_template

pytestmark = pytest.mark.slow

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=1",
        "-s", "RETRY_BACKOFF_BASE=0"]  # fmt: skip


@pytest.mark.parametrize(
    ("statuses", "code"),
    [
        (["ok"], 0),
        (["ok", "ok"], 0),
        (["ok", "degraded"], 3),
        (["degraded", "failed"], 1),
        (["ok", "failed"], 1),
    ],
)
def test_exit_code(statuses, code):
    assert exit_code(statuses) == code


def test_healthy_portal_exits_0(demo_portal, tmp_path):
    result = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", f"base_url={demo_portal}", *FAST],
                 tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("shjcdj:")]
    assert line.startswith("shjcdj: ok - 35 exported (35 new, 0 updated)")
    assert list((tmp_path / "output" / "shjcdj" / "_runs").glob("*.report.json"))


def test_drifting_template_exits_3(tmp_path):
    site = tmp_path / "site"
    build_site(site)
    switch_template(site, "jcdj")
    server, base_url = serve(site)
    try:
        result = run(
            ["-m", "scrapy", "crawlall", "shjcdj", "-a", f"base_url={base_url}", *FAST], tmp_path
        )
    finally:
        server.shutdown()
    assert result.returncode == 3, result.stderr[-3000:]
    assert "shjcdj: degraded" in result.stdout


def test_dead_portal_exits_1(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), AlwaysFailing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = run(
            ["-m", "scrapy", "crawlall", "shjcdj", "-a", f"base_url={base_url}", *FAST], tmp_path
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1, result.stderr[-3000:]
    assert "shjcdj: failed" in result.stdout


def test_a_profile_that_does_not_load_fails_alone(demo_portal, tmp_path):
    # A scheduled crawlall of every portal: one profile with a typo must not stop the others.
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    good = (ROOT / "crawler" / "profiles" / "shjcdj.toml").read_text(encoding="utf-8")
    (profiles / "shjcdj.toml").write_text(good, encoding="utf-8")
    broken = good.replace('id = "shjcdj"', 'id = "broken"').replace("\nentry = ", "\nentri = ")
    (profiles / "broken.toml").write_text(broken, encoding="utf-8")
    result = run(
        ["-m", "scrapy", "crawlall", "-s", f"PROFILES_DIR={profiles}",
         "-a", f"base_url={demo_portal}", *FAST],
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    problem = f"{profiles / 'broken.toml'}: list.entry: is required"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: broken: {problem}")
    lines = {x.split(":", 1)[0]: x for x in result.stdout.splitlines() if ": " in x}
    assert lines["broken"].startswith(f"broken: failed ({problem}")
    assert lines["shjcdj"].startswith("shjcdj: ok - 35 exported (35 new, 0 updated)")


def test_a_wrong_argument_stops_every_portal_before_any_crawl(tmp_path):
    result = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", "since=yesterday"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: -a since: expected YYYY-MM-DD, got 'yesterday'"]
    # profiles_dir is the spiders' own keyword: passed on, not refused as unknown.
    profiles = ROOT / "crawler" / "profiles"
    keyword = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", f"profiles_dir={profiles}",
                   "-a", "since=yesterday"], tmp_path)  # fmt: skip
    assert "error: -a since: expected YYYY-MM-DD" in keyword.stderr
    # A shared value every crawled spider overrides is not used, so not checked.
    overridden = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", "since=yesterday",
                      "-a", "shjcdj:since=yesterday"], tmp_path)  # fmt: skip
    assert "error: shjcdj: since: expected YYYY-MM-DD" in overridden.stderr
    own = run(["-m", "scrapy", "crawlall", "shjcdj", "-a", "shjcdj:since=yesterday"], tmp_path)
    assert own.returncode == 1 and "error: shjcdj: since: expected YYYY-MM-DD" in own.stderr
    assert not [x for x in result.stdout.splitlines() if x.startswith("shjcdj:")]
    assert not (tmp_path / "output").exists()


def test_a_distributed_run_does_not_start_with_a_profile_that_does_not_load(tmp_path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    good = (ROOT / "crawler" / "profiles" / "shjcdj.toml").read_text(encoding="utf-8")
    (profiles / "shjcdj.toml").write_text(good, encoding="utf-8")
    (profiles / "broken.toml").write_text(
        good.replace('id = "shjcdj"', 'id = "broken"').replace("\nentry = ", "\nentri = "),
        encoding="utf-8",
    )
    # Port 1: nothing listens; the command must stop before it speaks to Redis.
    result = run(["-m", "scrapy", "crawlall", "--redis", "redis://127.0.0.1:1/0",
                  "-s", f"PROFILES_DIR={profiles}"], tmp_path)  # fmt: skip
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: broken: ")


def test_a_spider_that_is_no_portal_spider_is_named_as_such(tmp_path):
    result = run(["-m", "scrapy", "crawlall", "article"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "error: article: not a portal spider (crawlall runs portal spiders: ccdi," in (
        result.stderr
    )


def test_an_unknown_spider_is_one_line_as_in_crawl(tmp_path):
    result = run(["-m", "scrapy", "crawlall", "shjcdj", "nope"], tmp_path)
    assert result.returncode == 1  # a start error, as `scrapy crawl nope`
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    # crawlall runs portal spiders: `article` (which needs its urls) is not offered.
    assert len(errors) == 1 and errors[0].startswith("error: no spider 'nope'; known: ccdi,")


def test_concurrency_must_be_positive(tmp_path):
    result = run(["-m", "scrapy", "crawlall", "--concurrency", "0", "shjcdj"], tmp_path)
    assert result.returncode == 2
    assert "--concurrency: expected a positive integer" in result.stderr
