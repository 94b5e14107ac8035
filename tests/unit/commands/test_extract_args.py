"""`python -m crawler extract`: arguments refused in one line before any crawl starts."""

from __future__ import annotations

import pytest

from crawler.__main__ import main
from tests.conftest import DEMO_SITE
from tests.support.cli import SAMPLE


@pytest.mark.parametrize("url", ["not a url", "www.shjcdj.cn/a.html", "ftp://x.cn/a", "http://[x"])
def test_a_url_that_is_no_http_address_is_refused(url, capsys):
    assert main(["extract", str(DEMO_SITE / SAMPLE), "--url", url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"error: --url {url!r}: not an http(s) address")


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
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: no dangjian-crawler project here")
    assert not any(tmp_path.iterdir())  # nothing written where the user stood


def test_settings_module_in_the_environment_is_a_project(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    assert main(["state", "show", "shjcdj"]) == 2  # no state yet: its own one-line error
    assert capsys.readouterr().err.startswith("error: no state for shjcdj at ")
