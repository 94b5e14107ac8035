"""The real command lines in subprocesses: `scrapy crawl`, `python -m crawler extract`."""

from __future__ import annotations

import json

import pytest

from crawler.site.loading import iter_profiles
from tests.conftest import DEMO_SITE, ROOT
from tests.support.cli import SAMPLE, fast, run
from tests.support.labels import REAL_PAGES, labels, requires_shared

pytestmark = pytest.mark.slow


def test_scrapy_crawl_writes_feed_and_rejects(demo_portal, demo_expected, tmp_path):
    result = run(
        ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", *fast()], tmp_path
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (feed,) = (tmp_path / "output" / "shjcdj").glob("*Z.jsonl")
    (rejects,) = (tmp_path / "output" / "shjcdj" / "_runs").glob("*Z.rejects.jsonl")
    assert not list(tmp_path.rglob("*.part"))
    records = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(demo_expected["articles"])
    assert "\\u" not in feed.read_text(encoding="utf-8")
    reasons = sorted(json.loads(line)["reason"] for line in rejects.read_text().splitlines())
    assert reasons == sorted(demo_expected["rejects"].values())
    # Rejects are logged as reason + URL, not as a whole record.
    assert "Dropped: missing_title: http" in result.stderr
    assert "body=" not in result.stderr


def test_scrapy_crawl_output_option(demo_portal, tmp_path):
    result = run(
        [
            "-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}",
            "-a", "columns=组工信息", "-O", "out.jsonl", *fast(),
        ],
        tmp_path,
    )  # fmt: skip
    # One column alone may miss a coverage rule: the exit code is the report's verdict.
    (report,) = (tmp_path / "output" / "shjcdj" / "_runs").glob("*.report.json")
    status = json.loads(report.read_text("utf-8"))["status"]
    assert result.returncode == {"ok": 0, "degraded": 3}[status], result.stderr[-3000:]
    records = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert records and {r["column"] for r in records} == {"组工信息"}


def test_malformed_profile_fails_with_one_line(tmp_path):
    good = (ROOT / "crawler" / "profiles" / "shjcdj.toml").read_text(encoding="utf-8")
    (tmp_path / "shjcdj.toml").write_text(good.replace("\nentry = ", "\nentri = "), "utf-8")
    result = run(["-m", "scrapy", "crawl", "shjcdj", "-s", f"PROFILES_DIR={tmp_path}"], ROOT)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    hint = "(the table has 'entri': a misspelling of 'entry'?)"
    assert errors == [f"error: {tmp_path / 'shjcdj.toml'}: list.entry: is required {hint}"]
    assert "Traceback" not in result.stderr


def test_bad_spider_argument_fails_with_one_line(tmp_path):
    result = run(["-m", "scrapy", "crawl", "shjcdj", "-a", "since=yesterday"], tmp_path)
    assert result.returncode == 1
    assert "error: since: expected YYYY-MM-DD, got 'yesterday'" in result.stderr
    assert "Traceback" not in result.stderr


def test_scrapy_list(tmp_path):
    result = run(["-m", "scrapy", "list"], ROOT)
    assert result.returncode == 0
    # One spider per profile plus `article`: adding a portal as the README says keeps this true.
    assert result.stdout.split() == sorted(["article", *(p.id for p in iter_profiles())])
    assert {
        "article",
        "ccdi",
        "cn12371",
        "govcn",
        "people_cpc",
        "people_dangjian",
        "shjcdj",
    } <= set(result.stdout.split())


def test_extract_saved_demo_page(demo_expected, tmp_path):
    url = "http://www.shjcdj.cn/" + SAMPLE
    result = run(["-m", "crawler", "extract", str(DEMO_SITE / SAMPLE), "--url", url], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads(result.stdout)
    expected = demo_expected["articles"][SAMPLE]
    assert record["url"] == url
    assert record["site"] == "shjcdj"
    for name in ("title", "published_at", "published_raw", "source", "breadcrumb", "body"):
        assert record[name] == expected[name], name


def test_extract_rejected_page_says_why(demo_expected, tmp_path):
    path = next(p for p, why in demo_expected["rejects"].items() if why == "missing_title")
    result = run(
        [
            "-m",
            "crawler",
            "extract",
            str(DEMO_SITE / path),
            "--url",
            "http://www.shjcdj.cn/" + path,
        ],
        tmp_path,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "rejected: missing_title" in result.stderr


def test_extract_from_url(demo_portal, tmp_path):
    result = run(["-m", "crawler", "extract", demo_portal + SAMPLE], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout)["source"] == "崇明区委组织部"


@requires_shared()
def test_extract_real_page_with_generic_extractor(tmp_path):
    label = labels(REAL_PAGES)["zj-fgw_article_1.html"]
    page = REAL_PAGES / "zj-fgw_article_1.html"
    result = run(["-m", "crawler", "extract", str(page), "--url", label["url"]], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    record = json.loads(result.stdout)
    assert record["site"] == "generic"
    assert record["title"] == label["title"]
    assert record["published_date"] == label["published"]


def test_article_spider_with_an_unknown_site_fails_in_one_line(tmp_path):
    result = run(["-m", "scrapy", "crawl", "article", "-a", "site=nosuch",
                  "-a", "urls=http://127.0.0.1:9/x.html"], tmp_path)  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    known = ", ".join(sorted(p.id for p in iter_profiles()))
    assert errors == [f"error: site: no profile 'nosuch'; known: {known}"]


def test_an_unknown_spider_is_one_line(tmp_path):
    result = run(["-m", "scrapy", "crawl", "nosuch"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: no spider 'nosuch'; known: article")


def test_extract_of_an_unreachable_address_says_why_in_one_line(tmp_path):
    import socket  # noqa: PLC0415

    with socket.socket() as probe:  # a port nothing listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        address = f"http://127.0.0.1:{probe.getsockname()[1]}/x.html"
    result = run(["-m", "crawler", "extract", address], tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip().startswith(f"failed: connection_error: {address}")
    assert result.stderr.strip().count("\n") == 0


def test_a_torn_last_line_of_a_killed_run_is_set_aside_and_logged(demo_portal, tmp_path):
    # The README promises the log line; the recovery used to log the feed only.
    out = tmp_path / "output" / "shjcdj"
    out.mkdir(parents=True)
    kept = json.dumps({"url": demo_portal + SAMPLE, "fingerprint": None})
    (out / "20260101T000000.000Z.jsonl.part").write_text(kept + '\n{"url": "http://x', "utf-8")
    crawl = ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", *fast()]
    result = run([*crawl, "-L", "WARNING"], tmp_path)
    assert result.returncode in (0, 3), result.stderr[-3000:]
    torn = out / "20260101T000000.000Z.jsonl.torn"
    assert torn.read_text("utf-8") == '{"url": "http://x'
    assert f"Set the torn last line of an interrupted run aside: {torn}" in result.stderr


@pytest.mark.parametrize("command", ["crawl", "crawlall"])
def test_a_scratch_folder_that_is_the_archive_is_refused_before_the_crawl(tmp_path, command):
    """LOCAL_RUN_DIR=output would put the 'trial' in the archive: one line, nothing written."""
    result = run(
        ["-m", "scrapy", command, "shjcdj", "-s", "LOCAL_RUN=1", "-s", "LOCAL_RUN_DIR=output"],
        tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: LOCAL_RUN_DIR='output': ")
    assert not (tmp_path / "output").exists()
