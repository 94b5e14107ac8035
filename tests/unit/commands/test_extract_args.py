"""`python -m crawler extract`: arguments refused in one line before any crawl starts."""

from __future__ import annotations

import pytest

from crawler.__main__ import main
from tests.conftest import DEMO_SITE
from tests.support.cli import SAMPLE


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("not a url", "not an http(s) address"),
        ("www.shjcdj.cn/a.html", "not an http(s) address"),
        ("ftp://x.cn/a", "not an http(s) address"),
        ("HTTP://X.CN/a", "the scheme must be written in lowercase ('http://', 'https://')"),
        ("http://[x", "not a valid address (Invalid IPv6 URL)"),
        ("http://a]b/", "not a valid address (Invalid IPv6 URL)"),
        ("http://", "an http(s) address without a host"),
        ("https:///a/t1.html", "an http(s) address without a host"),
        ("http://x.cn:99999/a", "not a valid address (Port out of range 0-65535)"),
        (
            "http://x.cn:abc/a",
            "not a valid address (Port could not be cast to integer value as 'abc')",
        ),
        ("http:// x.cn/a", "a space in the host ' x.cn'"),
    ],
)
def test_a_url_that_is_no_http_address_is_refused_saying_why(url, problem, capsys):
    assert main(["extract", str(DEMO_SITE / SAMPLE), "--url", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"error: --url {url!r}: {problem}; give the page's real")


def test_a_target_that_is_neither_file_nor_url_is_refused(capsys):
    assert main(["extract", "no/such/page.html"]) == 2
    assert capsys.readouterr().err == "error: no/such/page.html: no such file, and not a URL\n"


@pytest.mark.parametrize("command", [["state", "show", "shjcdj"], ["check-profiles"],
                                     ["extract", "page.html"], ["reset", "shjcdj"]])  # fmt: skip
def test_outside_the_project_every_command_says_so_in_one_line(command, tmp_path, monkeypatch,
                                                                capsys):  # fmt: skip
    # Without scrapy.cfg above the folder nor SCRAPY_SETTINGS_MODULE, the commands would run on
    # Scrapy's defaults (`state show` raised a TypeError on a missing STATE_DIR).
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCRAPY_SETTINGS_MODULE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no user scrapy.cfg either
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: no dangjian-crawler project here")
    assert not any(tmp_path.iterdir())  # nothing written where the user stood


def test_settings_module_in_the_environment_is_a_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    assert main(["state", "show", "shjcdj"]) == 2  # no state yet: its own one-line error
    assert capsys.readouterr().err.startswith("error: no state for shjcdj at ")


@pytest.mark.parametrize("where", [".scrapy.cfg", ".config/scrapy.cfg"])
def test_a_user_scrapy_cfg_naming_the_settings_is_a_project(where, tmp_path, monkeypatch, capsys):
    # Scrapy reads ~/.scrapy.cfg and ~/.config/scrapy.cfg as well as the closest scrapy.cfg:
    # an installed crawler run from any folder finds its settings there.
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    (home / where).parent.mkdir(parents=True)
    (home / where).write_text("[settings]\ndefault = crawler.settings\n", encoding="utf-8")
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "")  # restored after the test: init_env sets it
    monkeypatch.delenv("SCRAPY_SETTINGS_MODULE")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    assert main(["state", "show", "shjcdj"]) == 2  # no state yet: its own one-line error
    assert capsys.readouterr().err.startswith("error: no state for shjcdj at ")


def test_a_scrapy_cfg_without_settings_is_no_project(tmp_path, monkeypatch, capsys):
    (tmp_path / "scrapy.cfg").write_text("[deploy]\nurl = http://localhost:6800/\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "")  # restored after the test: init_env sets it
    monkeypatch.delenv("SCRAPY_SETTINGS_MODULE")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert main(["state", "show", "shjcdj"]) == 2
    assert capsys.readouterr().err.startswith("error: no dangjian-crawler project here")


@pytest.mark.parametrize("url", ["https://www.gov.cn:8443/a/t1.html", "http://党建.中国/a.html"])
def test_an_http_address_with_a_port_or_an_idn_host_is_taken(url):
    from crawler.run.urls import http_address_problem  # noqa: PLC0415

    assert http_address_problem(url) is None


def test_state_show_with_local_run_names_the_scratch_state_without_the_crawl_warning(
    tmp_path, capsys, caplog
):
    # The LOCAL_RUN add-on's warning is for crawls; `state` prints the path it reads instead
    # (it was logged three times per command).
    scratch = tmp_path / "scratch"
    code = main(["state", "show", "shjcdj", "-s", "LOCAL_RUN=1", "-s", f"LOCAL_RUN_DIR={scratch}"])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: no state for shjcdj at {scratch / 'state' / 'shjcdj.sqlite'}")
    assert "LOCAL_RUN: politeness off" not in caplog.text + err
