"""The committed demo portal is what the builder produces, and the server serves it right."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from crawler.demo.build import build_site
from tests.conftest import DEMO_SITE


def test_committed_site_matches_the_builder(tmp_path: Path):
    build_site(tmp_path / "site")
    built = {
        p.relative_to(tmp_path / "site"): p.read_bytes()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file()
    }
    committed = {
        p.relative_to(DEMO_SITE): p.read_bytes() for p in DEMO_SITE.rglob("*") if p.is_file()
    }
    assert sorted(built) == sorted(committed)
    changed = [str(p) for p in built if built[p] != committed[p]]
    assert not changed, f"run `python -m crawler.demo.build crawler/demo/site`: {changed}"


def test_newest_articles_go_on_top_of_first_list_pages(tmp_path: Path):
    expected = build_site(tmp_path / "site", newest_articles=3)
    new = [p for p in expected["articles"] if "_9000" in p]
    assert len(new) == 3
    first_pages = {p: expected["list_entries"][f"{p.split('/')[0]}/index.html"][0] for p in new}
    assert all(top == path for path, top in first_pages.items())


@pytest.mark.crawl
@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("jcdj/index.html", 200, "text/html; charset=utf-8"),
        ("zgxx/index.html", 200, "text/html; charset=GBK"),
        ("djyw/202104/P020210401000001.pdf", 200, "application/pdf"),
        ("zgxx/202103/t20210301_9999.html", 404, "text/html; charset=utf-8"),
        ("expected.json", 404, "text/html; charset=utf-8"),
        ("../pyproject.toml", 404, "text/html; charset=utf-8"),
    ],
)
def test_server_answers(demo_portal, path, status, content_type):
    try:
        with urllib.request.urlopen(demo_portal + path, timeout=10) as response:
            got_status, got_type = response.status, response.headers["Content-Type"]
    except urllib.error.HTTPError as exc:
        got_status, got_type = exc.code, exc.headers["Content-Type"]
    assert (got_status, got_type) == (status, content_type)


def test_the_demo_command_serves_with_the_delay_it_is_given(monkeypatch, capsys):
    from crawler.demo import __main__ as demo_command  # noqa: PLC0415

    served = []
    real_serve = demo_command.serve

    def serve(*args, **kwargs):
        served.append(real_serve(*args, **kwargs)[0])
        return served[-1], "http://127.0.0.1:0/"

    def interrupt(timeout=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(demo_command, "serve", serve)
    # Ctrl-C at once, for this command's wait only (the server's shutdown waits on an Event).
    monkeypatch.setattr(
        demo_command, "threading", SimpleNamespace(Event=lambda: SimpleNamespace(wait=interrupt))
    )
    assert demo_command.main(["--port", "0", "--delay", "0.25"]) == 0
    assert served[0].RequestHandlerClass.delay == 0.25
    for bad in ("-1", "nan", "inf"):
        with pytest.raises(SystemExit):
            demo_command.main(["--delay", bad])
        assert f"--delay: expected seconds >= 0, got {bad}" in capsys.readouterr().err
