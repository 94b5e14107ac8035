"""Developer commands without surprises (issue 10, items 7-8): PROFILES_DIR everywhere, one-line
errors, shell/parse that write nothing, paths anchored to the project root, LOCAL_RUN."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.run.local import POLITENESS_OFF
from tests.conftest import DEMO_SITE, ROOT
from tests.support.cli import SAMPLE, fast, run

pytestmark = pytest.mark.slow

SAMPLE_URL = "http://www.shjcdj.cn/" + SAMPLE


def renamed_profiles(tmp_path: Path) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = (ROOT / "crawler" / "profiles" / "shjcdj.toml").read_text(encoding="utf-8")
    (folder / "shjcdj.toml").write_text(
        text.replace('name = "上海基层党建网"', 'name = "测试党建网"'), "utf-8"
    )
    return folder


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_profiles_dir_is_honoured_by_extract_and_check_profiles(tmp_path):
    profiles = renamed_profiles(tmp_path)
    page = str(DEMO_SITE / SAMPLE)
    for option in (["--profiles-dir", str(profiles)], ["-s"]):
        args = ["-m", "crawler", "extract", page, "--url", SAMPLE_URL]
        if option[0] == "-s":  # the setting itself, through the environment variable
            result = run_env(args, tmp_path, DANGJIAN_PROFILES_DIR=str(profiles))
        else:
            result = run([*args, *option], tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert json.loads(result.stdout)["site_name"] == "测试党建网"
    checked = run(["-m", "crawler", "check-profiles", "--profiles-dir", str(profiles)], tmp_path)
    assert checked.stdout.splitlines() == ["ok: shjcdj (测试党建网), 4 columns"]
    # A malformed profile there: one line, no traceback (symptom: 38-line traceback).
    (profiles / "bad.toml").write_text('id = "bad"\n', "utf-8")
    bad = run(["-m", "crawler", "check-profiles", "--profiles-dir", str(profiles)], tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.splitlines() == [f"error: {profiles / 'bad.toml'}: base_url: is required"]
    assert bad.stdout.splitlines() == ["ok: shjcdj (测试党建网), 4 columns"]  # the others too


def test_a_missing_or_empty_profiles_dir_is_named_in_one_line(tmp_path):
    missing = tmp_path / "nosuch"
    page = str(DEMO_SITE / SAMPLE)
    commands = {
        "check-profiles": ["-m", "crawler", "check-profiles", "--profiles-dir", str(missing)],
        "extract": ["-m", "crawler", "extract", page, "--profiles-dir", str(missing)],
        "reset": ["-m", "crawler", "reset", "shjcdj"],
        "crawl": ["-m", "scrapy", "crawl", "shjcdj", "-s", f"PROFILES_DIR={missing}"],
    }
    for name, args in commands.items():
        if name == "reset":  # reset takes its settings from the environment
            result = run_env(args, tmp_path, DANGJIAN_PROFILES_DIR=str(missing))
        else:
            result = run(args, tmp_path)
        errors = [x for x in result.stderr.splitlines() if x.startswith("error:")]
        assert result.returncode != 0 and "Traceback" not in result.stderr, (name, result.stderr)
        assert len(errors) == 1 and f"{missing}: no such profiles folder" in errors[0], name
    empty = tmp_path / "empty"
    empty.mkdir()
    checked = run(["-m", "crawler", "check-profiles", "--profiles-dir", str(empty)], tmp_path)
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        f"error: {empty}: no profile (<site>.toml) in this folder"
    ]


def run_env(args: list[str], cwd: Path, **env: str):
    import os  # noqa: PLC0415

    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        return run(args, cwd)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_article_spider_honours_profiles_dir(demo_portal, tmp_path):
    profiles = renamed_profiles(tmp_path)
    result = run(
        ["-m", "scrapy", "crawl", "article", "-a", f"urls={demo_portal}{SAMPLE}",
         "-a", "site=shjcdj", "-s", f"PROFILES_DIR={profiles}", "-O", "one.jsonl", *fast()],
        tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    (record,) = [json.loads(x) for x in (tmp_path / "one.jsonl").read_text("utf-8").splitlines()]
    assert record["site_name"] == "测试党建网"


def test_unknown_site_fails_with_one_line_listing_the_valid_ones(tmp_path):
    # Symptom: `extract --site nosuch` printed 27 lines of "Unhandled error in Deferred".
    result = run(
        ["-m", "crawler", "extract", str(DEMO_SITE / SAMPLE), "--site", "nosuch"], tmp_path
    )
    assert result.returncode == 2
    known = "ccdi, cn12371, govcn, people_cpc, people_dangjian, shjcdj"
    assert result.stderr.splitlines() == [f"error: --site nosuch: no such profile; known: {known}"]


@pytest.mark.parametrize(
    "command",
    [
        ["shell", "{url}", "-c", "response.css('h1::text').get()"],
        ["parse", "--spider", "shjcdj", "-a", "base_url={base}", "-c", "parse_article", "{url}"],
        ["parse", "--spider", "shjcdj", "-a", "base_url={base}", "--pipelines", "-c",
         "parse_article", "{url}"],
    ],
    ids=["shell", "parse", "parse-pipelines"],
)  # fmt: skip
def test_shell_and_parse_write_nothing(demo_portal, tmp_path, command):
    # Symptom: shell logged KeyError: 'run_id'; parse wrote an empty feed and a failed report
    # into output/ and added it to the state; --pipelines on a known article logged "Task
    # exception was never retrieved … DropItem".
    url = demo_portal + SAMPLE
    args = [a.format(url=url, base=demo_portal) for a in command]
    for _ in range(2):  # twice: the second time the article would be "known"
        result = run(["-m", "scrapy", *args], tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        for bad in ("KeyError", "Traceback", "Task exception", "Unhandled error"):
            assert bad not in result.stderr, result.stderr[-2000:]
    assert files_in(tmp_path) == []
    if command[0] == "parse":
        assert "崇明区新海镇" in result.stdout


def project(tmp_path: Path) -> Path:
    """A project folder of its own (scrapy.cfg), using this checkout's code."""
    (tmp_path / "scrapy.cfg").write_text((ROOT / "scrapy.cfg").read_text("utf-8"), "utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path


def test_output_and_state_follow_the_project_root_not_the_current_folder(demo_portal, tmp_path):
    # Symptom: `cd crawler && scrapy crawl shjcdj` made a new state and re-exported everything
    # into crawler/output/.
    root = project(tmp_path)
    crawl = ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", *fast()]
    assert run(crawl, root).returncode == 0
    second = run(crawl, root / "sub")
    assert second.returncode == 0, second.stderr[-2000:]
    assert files_in(root / "sub") == []
    feeds = sorted((root / "output" / "shjcdj").glob("*.jsonl"))
    assert len(feeds) == 2 and feeds[1].read_text() == ""  # the second run knew everything
    assert (root / "state" / "shjcdj.sqlite").is_file()


def test_local_run_switch(demo_portal, tmp_path):
    root = project(tmp_path)
    result = run(
        ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", "-s", "LOCAL_RUN=1",
         "-L", "WARNING"],
        root / "sub",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "LOCAL_RUN: politeness off" in result.stderr
    assert not (root / "output").exists() and not (root / "state").exists()
    assert len(list((root / "scratch" / "output" / "shjcdj").glob("*.jsonl"))) == 1
    assert (root / "scratch" / "state" / "shjcdj.sqlite").is_file()
    report = next((root / "scratch" / "output" / "shjcdj" / "_runs").glob("*.report.json"))
    assert json.loads(report.read_text("utf-8"))["status"] == "ok"
    assert POLITENESS_OFF["DOWNLOAD_DELAY"] == 0


def test_local_run_settings():
    from scrapy.settings import Settings  # noqa: PLC0415

    from crawler.run.local import LocalRun  # noqa: PLC0415
    from tests.support.offline import project_settings_dict  # noqa: PLC0415

    settings = Settings(project_settings_dict(), priority="project")
    settings.set("LOCAL_RUN", True, priority="cmdline")
    settings.set("REPORT_URI", "/abs/%(name)s.json", priority="cmdline")  # explicit: kept
    LocalRun().update_settings(settings)
    assert settings.getfloat("DOWNLOAD_DELAY") == 0
    assert not settings.getbool("AUTOTHROTTLE_ENABLED")
    assert settings.get("STATE_DIR") == "scratch/state"
    assert settings.get("REJECTS_URI").startswith("scratch/output/")
    assert settings.get("REPORT_URI") == "/abs/%(name)s.json"
    assert list(settings.getdict("FEEDS")) == ["scratch/output/%(name)s/%(run_id)s.jsonl"]
