"""`dataset`: one row per article, its newest version, typed, from three runs' feeds."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from crawler.__main__ import main
from crawler.archive.dataset import build, run_feeds
from crawler.items import EXPORT_FIELDS

BASE = "http://www.shjcdj.cn/jcdj/"


def record(n: int, crawled: str, **changes) -> dict:
    values = {
        "url": f"{BASE}t2020051{n}_100{n}.html", "site": "shjcdj", "site_name": "上海基层党建网",
        "column": "基层党建", "breadcrumb": ["党建首页", "基层党建"], "title": f"标题{n}",
        "subtitle": None, "authors": [],
        "published_at": f"2020-05-1{n}T00:00:00+08:00", "published_precision": "day",
        "published_date": f"2020-05-1{n}",
        "published_raw": f"2020年5月1{n}日", "source": "崇明区委组织部", "author": None,
        "editor": None, "body": f"正文{n}" * 20, "images": [], "attachments": [], "files": [],
        "fingerprint": f"fp{n}", "crawled_at": crawled, "updated": False,
        "run_id": None, "schema_version": 3,
    }  # fmt: skip
    values.update(changes)
    return {k: values[k] for k in EXPORT_FIELDS}


def write_feed(folder: Path, run_id: str, records: list[dict]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    (folder / f"{run_id}.jsonl").write_text(lines, encoding="utf-8")


@pytest.fixture
def three_runs(tmp_path) -> Path:
    folder = tmp_path / "output" / "shjcdj"
    write_feed(folder, "20261101T000000.000Z", [
        record(1, "2026-11-01T00:00:01Z"),
        record(2, "2026-11-01T00:00:02Z", published_at="2020-05-12T10:20:00+08:00",
               images=["http://www.shjcdj.cn/images//a.jpg"],
               attachments=[{"url": "http://www.shjcdj.cn/files/a.pdf", "name": "a.pdf"}]),
    ])  # fmt: skip
    # Run 2: article 1 edited (a new title), re-exported as updated; article 3 is new.
    write_feed(folder, "20261102T000000.000Z", [
        record(1, "2026-11-02T00:00:01Z", title="新标题1", fingerprint="fp1b", updated=True),
        record(3, "2026-11-02T00:00:03Z", published_at=None, published_date=None),
    ])  # fmt: skip
    write_feed(folder, "20261103T000000.000Z", [])  # a run with nothing new
    # Not feeds: rejects, a report, an unfinished run.
    (folder / "20261103T000000.000Z.rejects.jsonl").write_text('{"url": "x"}\n')
    (folder / "20261103T000000.000Z.report.json").write_text("{}")
    (folder / "20261104T000000.000Z.jsonl.part").write_text(json.dumps(record(9, "x")) + "\n")
    return folder


def test_one_row_per_article_newest_values_typed(three_runs, tmp_path):
    feeds = run_feeds(three_runs)
    assert [p.name for p in feeds] == [f"2026110{d}T000000.000Z.jsonl" for d in (1, 2, 3)]
    out = tmp_path / "articles.parquet"
    assert build(feeds, out) == 3
    frame = pd.read_parquet(out)
    assert list(frame["url"]) == sorted(frame["url"])
    by_url = {row.url: row for row in frame.itertuples()}
    first = by_url[f"{BASE}t20200511_1001.html"]
    assert first.title == "新标题1" and first.updated and first.versions == 2
    assert first.run_id == "20261102T000000.000Z"
    assert first.updated_at == pd.Timestamp("2026-11-02T00:00:01Z")
    assert first.first_seen_at == pd.Timestamp("2026-11-01T00:00:01Z")
    # A date-only published_at is Shanghai midnight, not UTC midnight.
    assert first.published_at == pd.Timestamp("2020-05-11T00:00:00+08:00")
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    second = by_url[f"{BASE}t20200512_1002.html"]
    assert second.published_at == pd.Timestamp("2020-05-12T02:20:00Z")
    assert list(second.breadcrumb) == ["党建首页", "基层党建"]
    assert list(second.images) == ["http://www.shjcdj.cn/images//a.jpg"]
    assert second.attachments[0]["name"] == "a.pdf"
    assert pd.isna(by_url[f"{BASE}t20200513_1003.html"].published_at)

    con = duckdb.connect()
    types = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM '{out}'").fetchall()}
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["published_date"] == "DATE"
    assert types["breadcrumb"] == "VARCHAR[]"
    assert types["attachments"].startswith("STRUCT(")


def test_rebuild_after_new_runs_gives_the_same_rows_plus_new_ones(three_runs, tmp_path):
    before, after = tmp_path / "a.parquet", tmp_path / "b.parquet"
    build(run_feeds(three_runs), before)
    build(run_feeds(three_runs), tmp_path / "again.parquet")
    assert pd.read_parquet(before).equals(pd.read_parquet(tmp_path / "again.parquet"))
    write_feed(three_runs, "20261105T000000.000Z", [record(4, "2026-11-05T00:00:04Z")])
    build(run_feeds(three_runs), after)
    old, new = pd.read_parquet(before), pd.read_parquet(after)
    assert len(new) == len(old) + 1
    kept = new[new["url"].isin(old["url"])].reset_index(drop=True)
    assert kept.equals(old)


@pytest.mark.parametrize("suffix", [".duckdb", ".sqlite"])
def test_duckdb_and_sqlite_by_suffix(three_runs, tmp_path, suffix):
    out = tmp_path / f"articles{suffix}"
    assert build(run_feeds(three_runs), out) == 3
    if suffix == ".duckdb":
        con = duckdb.connect(str(out), read_only=True)
        value = con.execute("SELECT published_at FROM articles ORDER BY url LIMIT 1").fetchone()
        assert value[0] == datetime(2020, 5, 10, 16, 0, tzinfo=UTC)
    else:
        con = sqlite3.connect(out)
        row = con.execute("SELECT published_at, published_date, breadcrumb FROM articles "
                          "ORDER BY url LIMIT 1").fetchone()  # fmt: skip
        assert row == ("2020-05-10T16:00:00Z", str(date(2020, 5, 11)), '["党建首页","基层党建"]')
    con.close()


def test_dataset_command(three_runs, tmp_path, capsys):
    out = tmp_path / "d.parquet"
    code = main(["dataset", "shjcdj", "--to", str(out), "--from", str(three_runs)])
    assert code == 0 and out.exists()
    assert "3 articles" in capsys.readouterr().out
    assert main(["dataset", "shjcdj", "--to", str(tmp_path / "x.csv"), "--from",
                 str(three_runs)]) == 2  # fmt: skip
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1
