"""The compiled first pass never passes a record that spidermon's jsonschema pass refuses, and
the pipeline reports what spidermon's own validator reports (crawler/schema/validation.py)."""

from __future__ import annotations

import collections
import copy
from typing import Any

import fastjsonschema
import pytest
from itemadapter import ItemAdapter
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline
from spidermon.contrib.validation import JSONSchemaValidator

from crawler.items import EXPORT_FIELDS, SCHEMA_VERSION, Article, RecordAdapter
from crawler.schema import article_schema
from crawler.schema.validation import (
    RecordSchemaValidator,
    RecordValidationPipeline,
    compile_schema,
)

FILE = {"url": "http://www.shjcdj.cn/a.pdf", "kind": "attachment", "path": "a.pdf",
        "sha256": None, "size": 12, "content_type": "application/pdf", "status": "downloaded",
        "error": None}  # fmt: skip
VALID: dict[str, Any] = {
    "url": "http://www.shjcdj.cn/djyw/202104/t20210402_1.html",
    "site": "shjcdj",
    "site_name": "上海基层党建网",
    "column": "党建要闻",
    "breadcrumb": ["首页", "党建要闻"],
    "title": "标题",
    "subtitle": None,
    "published_at": "2021-04-02T09:30:00+08:00",
    "published_precision": "minute",
    "published_date": "2021-04-02",
    "published_raw": "2021-04-02 09:30",
    "source": "解放日报",
    "author": "张三、李四",
    "authors": ["张三", "李四"],
    "editor": "王五",
    "body": "正文。",
    "images": ["http://www.shjcdj.cn/a.jpg"],
    "attachments": [{"url": "http://www.shjcdj.cn/a.pdf", "name": "附件"}],
    "files": [FILE],
    "fingerprint": "0" * 40,
    "crawled_at": "2026-12-01T10:00:00Z",
    "updated": False,
    "run_id": "20261201T100000.000Z",
    "schema_version": SCHEMA_VERSION,
}

# Values that break, or nearly break, each kind of property: wrong types (bool against
# integer, float against integer, numbers as strings), empty strings, patterns with a
# character off, nested objects with a key missing.
STRING_VALUES = [None, "", " ", 1, 1.5, True, [], {}, "x"]
EDITS: list[tuple[str, Any]] = [
    *((field, value) for field in EXPORT_FIELDS for value in STRING_VALUES),
    ("url", "ftp://x.cn/a"), ("url", "https://x.cn/a"), ("url", "//x.cn/a"),
    ("published_at", "2021-04-02T09:30:00Z"), ("published_at", "2021-04-02T09:30:00+08:00 "),
    ("published_at", "2021-04-02"), ("published_at", "２０２１-04-02T09:30:00+08:00"),
    ("published_date", "2021-4-2"), ("published_date", "2021-04-02T00:00:00+08:00"),
    ("published_precision", "hour"), ("published_precision", "Day"),
    ("breadcrumb", ["首页", None]), ("breadcrumb", "首页"), ("breadcrumb", [1]),
    ("authors", [""]), ("authors", ["张三", 3]), ("authors", [["张三"]]),
    ("images", ["a.jpg"]), ("images", [None]), ("images", ["https://x.cn/a.png"]),
    ("attachments", [{"url": "http://x.cn/a.pdf"}]), ("attachments", [{"name": "a"}]),
    ("attachments", [{"url": None, "name": "a"}]), ("attachments", [{"url": "u", "name": 1}]),
    ("files", [{"url": "u", "kind": "attachment"}]),
    ("files", [{**FILE, "size": True}]), ("files", [{**FILE, "size": 1.0}]),
    ("files", [{**FILE, "size": "12"}]), ("files", [{**FILE, "size": None}]),
    ("files", [{**FILE, "status": None}]), ("files", [{**FILE, "sha256": 5}]),
    ("fingerprint", "0" * 39), ("fingerprint", "G" * 40), ("fingerprint", "A" * 40),
    ("crawled_at", "2026-12-01T10:00:00+08:00"), ("crawled_at", "2026-12-01 10:00:00Z"),
    ("updated", 0), ("updated", "false"),
    ("schema_version", SCHEMA_VERSION - 1), ("schema_version", float(SCHEMA_VERSION)),
    ("schema_version", str(SCHEMA_VERSION)),
]  # fmt: skip


REFERENCE = JSONSchemaValidator(article_schema())  # spidermon's own
COMPILED = compile_schema(article_schema())
VALIDATOR = RecordSchemaValidator(article_schema())


def reference_errors(record: dict[str, Any]) -> dict[str, list[str]]:
    ok, errors = REFERENCE.validate(record)
    return {} if ok else dict(errors)


def compiled_passes(record: dict[str, Any]) -> bool:
    try:
        COMPILED(record)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def edited(field: str, value: Any) -> dict[str, Any]:
    return {**copy.deepcopy(VALID), field: value}


def test_the_valid_record_is_valid_to_both():
    assert reference_errors(VALID) == {}
    assert compiled_passes(VALID)


@pytest.mark.parametrize(("field", "value"), EDITS)
def test_the_compiled_check_never_passes_what_jsonschema_refuses(field, value):
    record = edited(field, value)
    if reference_errors(record):
        assert not compiled_passes(record), f"{field}={value!r} passes only the compiled check"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("published_at", "２０２１-04-02T09:30:00+08:00"),
        ("published_at", "2021-04-02T٠٩:30:00+08:00"),
        ("published_date", "２０２１-04-02"),
        ("crawled_at", "２０２６-12-01T10:00:00Z"),
    ],
)
def test_timestamps_and_dates_take_ascii_digits_only(field, value):
    """The schema's digits are [0-9]: Python's `\\d` (jsonschema's and the compiled check's
    regex engine) also takes fullwidth '２' and Arabic-Indic '٩', which no ISO 8601 reader does."""
    assert reference_errors(edited(field, value))
    assert not compiled_passes(edited(field, value))


@pytest.mark.parametrize(("field", "value"), EDITS)
def test_the_validator_reports_what_spidermon_reports(field, value):
    record = edited(field, value)
    ok, errors = VALIDATOR.validate(record)
    assert (ok, dict(errors)) == (not reference_errors(record), reference_errors(record))


@pytest.mark.parametrize("shape", ["missing key", "extra key"])
def test_keys_missing_or_extra_are_refused_by_both(shape):
    record = copy.deepcopy(VALID)
    if shape == "missing key":
        del record["editor"]
    else:
        record["extra"] = 1
    assert reference_errors(record) and not compiled_passes(record)
    ok, errors = VALIDATOR.validate(record)
    assert not ok and dict(errors) == reference_errors(record)


# fastjsonschema takes a tuple for an array; jsonschema (spidermon) refuses it.
TUPLE_EDITS = [
    ("breadcrumb", ("首页", "党建要闻")), ("authors", ("张三",)), ("images", ()),
    ("attachments", ({"url": "u", "name": None},)), ("files", (FILE,)),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value"), TUPLE_EDITS)
def test_a_tuple_for_an_array_gets_spidermons_verdict(field, value):
    record = edited(field, value)
    assert compiled_passes(record)  # why the validator does not trust the compiled check here
    ok, errors = VALIDATOR.validate(record)
    assert not ok and dict(errors) == reference_errors(record) != {}
    ok, errors = VALIDATOR.validate(collections.OrderedDict(record))  # a dict subclass too
    assert not ok and dict(errors) == reference_errors(record)


def test_items_as_a_list_is_refused():
    # draft-07's tuple form of `items`, which 2020-12 spells `prefixItems`.
    schema = copy.deepcopy(article_schema())
    schema["properties"]["breadcrumb"]["items"] = [{"type": "string"}]
    with pytest.raises(ValueError, match="items"):
        compile_schema(schema)


def test_a_keyword_that_changed_meaning_since_draft_07_is_refused():
    schema = {**article_schema(), "prefixItems": [{"type": "string"}]}
    with pytest.raises(ValueError, match="prefixItems"):
        compile_schema(schema)


def test_the_configured_pipeline_counts_errors_in_spidermon_stats():
    from scrapy.utils.test import get_crawler  # noqa: PLC0415

    from tests.support.offline import build_pipelines, project_settings_dict  # noqa: PLC0415

    crawler = get_crawler(settings_dict=project_settings_dict())
    (pipeline,) = [p for p in build_pipelines(crawler) if isinstance(p, ItemValidationPipeline)]
    assert isinstance(pipeline, RecordValidationPipeline)  # the compiled pass is the one set
    pipeline.process_item(copy.deepcopy(VALID))
    assert crawler.stats.get_value("spidermon/validation/items") == 1
    assert crawler.stats.get_value("spidermon/validation/fields/errors") is None
    pipeline.process_item(edited("published_at", "2021-04-02"))  # the schema 1 date type
    stats = crawler.stats.get_stats()
    assert stats["spidermon/validation/items"] == 2
    assert stats["spidermon/validation/items/errors"] == 1
    assert any(k.startswith("spidermon/validation/fields/errors/") and k.endswith("/published_at")
               for k in stats)  # fmt: skip


SETTING_VARIANTS = [
    {},
    {"SPIDERMON_VALIDATION_ADD_ERRORS_TO_ITEMS": True},
    {"SPIDERMON_VALIDATION_DROP_ITEMS_WITH_ERRORS": True},
]


@pytest.mark.parametrize("overrides", SETTING_VARIANTS)
def test_the_pipeline_does_what_spidermons_does(overrides):
    # Same items through spidermon's own pipeline and ours: same stats, items, drops.
    from dataclasses import replace  # noqa: PLC0415

    from scrapy.exceptions import DropItem  # noqa: PLC0415
    from scrapy.utils.test import get_crawler  # noqa: PLC0415

    from tests.support.offline import project_settings_dict  # noqa: PLC0415

    article = Article(**copy.deepcopy(VALID))
    items = [
        article,
        replace(article, published_at="2021-04-02", images=["a.jpg"]),
        replace(article, files=[{**FILE, "size": True}]),
        copy.deepcopy(VALID),
        edited("schema_version", 2),
        {"url": "http://x.cn/a"},
    ]

    def outcomes(cls):
        crawler = get_crawler(settings_dict={**project_settings_dict(), **overrides})
        pipeline = cls.from_crawler(crawler)
        results = []
        for item in copy.deepcopy(items):
            try:
                results.append(ItemAdapter(pipeline.process_item(item)).asdict())
            except (DropItem, KeyError) as exc:  # KeyError: no `_validation` field on Article
                results.append(f"{type(exc).__name__}: {exc}")
        return results, crawler.stats.get_stats()

    ours, spidermons = outcomes(RecordValidationPipeline), outcomes(ItemValidationPipeline)
    assert ours == spidermons
    assert spidermons[1]["spidermon/validation/items/errors"] == 4  # the test tests something


def test_record_adapter_copies_as_item_adapter_does():
    article = Article(**copy.deepcopy(VALID))
    nested = {"a": [1, 2.5, True, None, "x", (3, {"b": article})], "c": {article.url}}
    for value in (article, VALID, nested):
        assert RecordAdapter(value).asdict() == ItemAdapter(value).asdict()
    copied = RecordAdapter(article).asdict()
    assert copied["breadcrumb"] is not article.breadcrumb  # a copy, as asdict() makes
