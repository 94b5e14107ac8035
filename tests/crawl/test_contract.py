"""The data contract: typed, versioned records a data team can load blind (issue 10, 1-2).

One real `scrapy crawl shjcdj` of the demo portal into a temporary project folder, then the
README's own loading examples on `output/shjcdj/*.jsonl`.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import jsonschema
import pandas as pd
import pytest

from crawler.items import EXPORT_FIELDS, SCHEMA_VERSION, Article
from crawler.schema import SCHEMA_PATH, article_schema
from tests.support.cli import fast, run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawled(demo_portal, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    result = run(
        ["-m", "scrapy", "crawl", "shjcdj", "-a", f"base_url={demo_portal}", *fast()], folder
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def records(folder: Path) -> list[dict]:
    return [
        json.loads(line)
        for feed in sorted((folder / "output" / "shjcdj").glob("*.jsonl"))
        for line in feed.read_text(encoding="utf-8").splitlines()
    ]


def test_schema_ships_in_the_package_and_names_every_record_key():
    schema = article_schema()
    assert SCHEMA_PATH.parent.name == "schema" and SCHEMA_PATH.parent.parent.name == "crawler"
    assert list(schema["properties"]) == EXPORT_FIELDS
    assert sorted(schema["required"]) == sorted(EXPORT_FIELDS)
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_record_is_typed_versioned_and_valid(crawled, demo_expected):
    rows = records(crawled)
    assert len(rows) == len(demo_expected["articles"])
    validator = jsonschema.Draft202012Validator(article_schema())
    for row in rows:
        assert list(row) == EXPORT_FIELDS
        assert not list(validator.iter_errors(row)), row["url"]
        # One type: a full RFC 3339 timestamp in +08:00, or null (symptom: mixed types).
        at = row["published_at"]
        assert at is None or (len(at) == 25 and at.endswith("+08:00") and at[10] == "T")
        assert (at is None) == (row["published_precision"] is None)
    assert {r["schema_version"] for r in rows} == {SCHEMA_VERSION}
    (feed,) = (crawled / "output" / "shjcdj").glob("*.jsonl")
    assert {r["run_id"] for r in rows} == {feed.stem}
    sample = next(r for r in rows if r["published_raw"] == "2020年5月13日 00:00")
    assert (sample["published_at"], sample["published_precision"]) == (
        "2020-05-13T00:00:00+08:00",
        "day",
    )


def test_spidermon_validates_every_record_on_every_run(crawled):
    (report,) = (crawled / "output" / "shjcdj" / "_runs").glob("*.report.json")
    checks = json.loads(report.read_text(encoding="utf-8"))["checks"]
    assert checks["RecordSchemaMonitor"] == "ok"


def test_a_schema_1_record_is_invalid():
    # A record with the schema 1 date type: counted by spidermon, reported by the check.
    from spidermon.contrib.validation import JSONSchemaValidator  # noqa: PLC0415

    record = {**Article(url="http://x.cn/a.html", site="x").__dict__, "published_at": "2021-10-22"}
    ok, errors = JSONSchemaValidator(article_schema()).validate(record)
    assert not ok and "published_at" in errors


def test_the_article_glob_reads_articles_only(crawled, demo_expected):
    # Symptom: read_json_auto('output/shjcdj/*.jsonl') returned 56 rows (40 + 16 sidecars).
    rows = duckdb.sql(
        f"SELECT count(*) FROM read_json_auto('{crawled}/output/shjcdj/*.jsonl')"
    ).fetchall()
    assert rows == [(len(demo_expected["articles"]),)]
    runs = crawled / "output" / "shjcdj" / "_runs"
    assert sorted(p.name.split(".", 2)[2] for p in runs.iterdir()) == [
        "rejects.jsonl",
        "report.json",
    ]


def test_pandas_loads_typed_columns(crawled):
    # The README's example, as written there.
    glob_ = f"{crawled}/output/shjcdj/*.jsonl"
    import glob  # noqa: PLC0415

    df = pd.concat(pd.read_json(path, lines=True, dtype=False) for path in sorted(glob.glob(glob_)))
    df["published_at"] = pd.to_datetime(df["published_at"])
    df["crawled_at"] = pd.to_datetime(df["crawled_at"])
    df["published_date"] = pd.to_datetime(df["published_date"]).dt.date
    assert isinstance(df["published_at"].dtype, pd.DatetimeTZDtype)
    assert str(df["published_at"].dt.tz) == "UTC+08:00"
    assert str(df["crawled_at"].dtype).startswith("datetime64") and "UTC" in str(
        df["crawled_at"].dtype
    )
    day = df[df["published_raw"] == "2020年5月13日 00:00"].iloc[0]
    assert day["published_at"].hour == 0 and day["published_precision"] == "day"
    assert day["published_at"].tz_convert("Asia/Shanghai").date().isoformat() == "2020-05-13"


def test_duckdb_loads_typed_columns(crawled):
    con = duckdb.connect()
    con.execute("SET TimeZone = 'Asia/Shanghai'")
    rows = con.sql(
        f"""
        SELECT published_at, published_date, published_precision, schema_version
        FROM read_json('{crawled}/output/shjcdj/*.jsonl',
                       columns = {{url: 'VARCHAR', published_at: 'TIMESTAMPTZ',
                                   published_date: 'DATE', published_precision: 'VARCHAR',
                                   published_raw: 'VARCHAR', schema_version: 'INTEGER'}})
        WHERE published_raw = '2020年5月13日 00:00'
        """
    ).fetchall()
    ((at, day, precision, version),) = rows
    # A date-only value stays midnight in Shanghai, not 08:00 (symptom: cast to midnight UTC).
    assert (at.isoformat(), day.isoformat(), precision, version) == (
        "2020-05-13T00:00:00+08:00",
        "2020-05-13",
        "day",
        SCHEMA_VERSION,
    )
    described = con.sql(
        f"DESCRIBE SELECT * FROM read_json_auto('{crawled}/output/shjcdj/*.jsonl')"
    ).fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"


def test_schema_id_and_title_name_the_schema_version():
    schema = article_schema()
    assert schema["$id"].endswith(f"/article-{SCHEMA_VERSION}.json")
    assert schema["title"].endswith(f"schema_version {SCHEMA_VERSION}")
