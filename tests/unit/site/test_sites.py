"""Site profiles load, validate with errors naming file and field, and rebase onto mirrors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.site.loading import iter_profiles, load_profile, load_profile_file
from crawler.site.model import ProfileError

VALID = """
id = "demo"
name = "演示党建网"
base_url = "http://www.example.cn/"
allowed_domains = ["example.cn"]

[[columns]]
name = "基层党建"
url = "jcdj/index.html"

[list]
entry = "ul.list > li"

[article]
title = "h1"
"""


def write(tmp_path: Path, text: str, name: str = "demo") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_profile_loads():
    profiles = list(iter_profiles())
    assert [p.id for p in profiles] == sorted(p.id for p in profiles)
    assert "shjcdj" in {p.id for p in profiles}


def test_minimal_profile_defaults(tmp_path):
    profile = load_profile_file(write(tmp_path, VALID))
    assert profile.columns[0].url == "http://www.example.cn/jcdj/index.html"
    assert profile.columns[0].pagination.strategy == "none"
    assert profile.list.link == "a::attr(href)"
    assert profile.verified is False


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (('id = "demo"', ""), "id", "is required"),
        (('id = "demo"', 'id = "../x"'), "id", "ASCII identifier"),
        (('name = "演示党建网"', "name = 3"), "name", "must be str"),
        (('base_url = "http://www.example.cn/"', 'base_url = "ftp://x"'), "base_url", "http"),
        (('entry = "ul.list > li"', 'entry = "ul.list > li["'), "list.entry", "invalid selector"),
        (('title = "h1"', 'title = "//h1["'), "article.title", "invalid selector"),
        (
            ('title = "h1"', 'titel = "h1"'),
            "article.titel",
            "unknown field (did you mean 'title'?)",
        ),
        (('title = "h1"', 'title = "h1"\nzzz = 1'), "article.zzz", "unknown field (typo?)"),
        (('title = "h1"', 'title = "h1"\nstrp = ["div.share"]'), "article.strp", "'strip'?"),
        # A key of another table is no typo: `link` belongs in [list], not 'byline'.
        (('title = "h1"', 'title = "h1"\nlink = "a"'), "article.link", "unknown field (typo?)"),
        (
            ('entry = "ul.list > li"', 'entries = "ul.list > li"'),
            "list.entry",
            "is required (the table has 'entries': a misspelling of 'entry'?)",
        ),
        (('url = "jcdj/index.html"', ""), "columns[0].url", "is required"),
        (
            ('url = "jcdj/index.html"', 'url = "x"\npagination = { strategy = "next_link" }'),
            "columns[0].pagination.next",
            "required for strategy 'next_link'",
        ),
        (
            ('url = "jcdj/index.html"', 'url = "x"\npagination = { strategy = "infinite" }'),
            "columns[0].pagination.strategy",
            "must be one of",
        ),
        (('[list]\nentry = "ul.list > li"', ""), "list", "is required"),
    ],
)
def test_malformed_profile_names_file_and_field(tmp_path, change, field, message):
    old, new = change
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(ProfileError) as info:
        load_profile_file(path)
    text = str(info.value)
    assert text.startswith(f"{path}: {field}: "), text
    assert message in text
    assert "\n" not in text


def test_invalid_toml_and_missing_file(tmp_path):
    with pytest.raises(ProfileError, match=r"demo\.toml: not valid TOML"):
        load_profile_file(write(tmp_path, "id = "))
    with pytest.raises(ProfileError, match="no such profile file"):
        load_profile("nope", tmp_path)


def test_file_name_must_match_id(tmp_path):
    with pytest.raises(ProfileError, match="must match the file name 'other'"):
        load_profile_file(write(tmp_path, VALID, name="other"))


def test_rebase_points_columns_and_domains_at_a_mirror():
    profile = load_profile("shjcdj").rebase("http://127.0.0.1:8000")
    assert profile.allowed_domains == ("127.0.0.1",)
    assert profile.columns[0].url == "http://127.0.0.1:8000/jcdj/index.html"
    assert {c.pagination.strategy for c in profile.columns} == {
        "create_page_html",
        "next_link",
        "page_count_var",
    }


@pytest.mark.crawl
def test_check_profiles_command_reports_one_line_error(tmp_path, monkeypatch):
    result = subprocess.run(
        [sys.executable, "-m", "crawler", "check-profiles"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ok: shjcdj" in result.stdout
