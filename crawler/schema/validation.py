"""spidermon's record validation with a compiled first pass (ITEM_PIPELINES' validation stage).

spidermon's JSONSchemaValidator walks the schema with `jsonschema` for every record: 0.14 ms
per demo record, a tenth of the full spider's cost over the bare one in `make bench`. Almost
every record is valid, so the record is first checked by the same schema compiled to Python
by `fastjsonschema` (0.005 ms). Only a record that fails it is validated again by spidermon's
own `jsonschema` pass, which yields the per-field messages spidermon counts
(`spidermon/validation/fields/errors/...`) and RecordSchemaMonitor reports. Counts, messages
and the monitor are spidermon's; only the verdict on a valid record comes from the compiled
check. tests/unit/schema/test_validation.py holds the two verdicts equal on records broken in
every field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fastjsonschema
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline
from spidermon.contrib.scrapy.stats import ValidationStatsManager
from spidermon.contrib.validation import JSONSchemaValidator

from crawler.items import RecordAdapter

# The keywords the record schema may use. Each means the same under draft 2020-12 (the
# schema's dialect) and draft-07, the newest dialect fastjsonschema compiles; a keyword that
# changed between them (`items` with an array, `prefixItems`, `$defs`, `unevaluated*`…) must
# not reach the compiled check unnoticed (compile_schema refuses it). Two differences are
# fastjsonschema's, not the dialect's: it takes a tuple for an array (a record holding one goes
# to jsonschema, `_lists_only`), and it reads a pattern's `$` as `\Z` (stricter: '…+08:00\n'
# fails the compiled check and gets jsonschema's verdict).
SAME_IN_DRAFT_07 = frozenset(
    {"$id", "$schema", "title", "description", "type", "properties", "required",
     "additionalProperties", "const", "enum", "items", "minLength", "maxLength", "pattern",
     "minimum", "maximum", "minItems", "maxItems"}
)  # fmt: skip


def schema_keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in `schema` (property names are names, not keywords);
    `items` given as a list, draft-07's tuple form (2020-12's `prefixItems`), is reported as
    'items (a list)'."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add("items (a list)" if key == "items" and isinstance(value, list) else key)
            if key == "properties":
                for sub in value.values():
                    found |= schema_keywords(sub)
            elif isinstance(value, dict | list):
                found |= schema_keywords(value)
    elif isinstance(schema, list):
        for sub in schema:
            found |= schema_keywords(sub)
    return found


def compile_schema(schema: dict[str, Any]) -> Callable[[Any], Any]:
    """The schema as a fastjsonschema check (raises JsonSchemaException on an invalid record).

    ValueError when the schema uses a keyword whose meaning differs in draft-07."""
    unsure = schema_keywords(schema) - SAME_IN_DRAFT_07
    if unsure:
        raise ValueError(
            f"record schema: keyword(s) {', '.join(sorted(unsure))} not known to mean the same "
            "in draft-07: add them to crawler/schema/validation.py SAME_IN_DRAFT_07 only after "
            "checking, or the compiled check may pass what jsonschema refuses"
        )
    return fastjsonschema.compile({**schema, "$schema": "http://json-schema.org/draft-07/schema#"})


class RecordSchemaValidator(JSONSchemaValidator):
    """JSONSchemaValidator whose jsonschema pass runs only for a record the compiled check
    refuses (and then reports exactly what spidermon's reports)."""

    def __init__(self, schema: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(schema, **kwargs)
        self._compiled = compile_schema(schema)

    def _validate(self, data: Any, strict: bool = False) -> None:
        if _lists_only(data):
            try:
                self._compiled(data)
            except fastjsonschema.JsonSchemaException:
                pass
            else:
                return
        super()._validate(data, strict=strict)


def _lists_only(value: Any) -> bool:
    """No tuple anywhere in `value`: fastjsonschema takes a tuple for an array, jsonschema
    does not (`breadcrumb: ("首页",)` would pass only the compiled check)."""
    if isinstance(value, dict):
        return all(_lists_only(v) for v in value.values())
    if isinstance(value, list):
        return all(_lists_only(v) for v in value)
    return not isinstance(value, tuple)


class RecordValidationStats(ValidationStatsManager):
    """spidermon's validation stats under the same keys, each key built once.

    spidermon slugifies every part of a key at every count (python-slugify, with unidecode):
    two counters on every record, four slugs, 25 us of the record's validation.
    """

    _MAX_KEYS = 10_000  # error keys name a field and a message: bounded by the schema

    def __init__(self, stats: Any, prefix: str | None = None, slugify: bool = True):
        super().__init__(stats, prefix=prefix, slugify=slugify)
        self._keys: dict[tuple[str, ...], str] = {}

    def _get_stats_name(self, *names: str) -> str:
        key = self._keys.get(names)
        if key is None:
            key = super()._get_stats_name(*names)
            if len(self._keys) < self._MAX_KEYS:
                self._keys[names] = key
        return key


class RecordValidationPipeline(ItemValidationPipeline):
    """spidermon's ItemValidationPipeline (settings, stats, dropping) with the validator above."""

    def __init__(self, validators: Any, stats: Any, *args: Any, **kwargs: Any):
        super().__init__(validators, stats, *args, **kwargs)
        self.stats = RecordValidationStats(stats)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        # spidermon 1.27's process_item step for step, with RecordAdapter for its ItemAdapter
        # (tests/unit/schema/test_validation.py runs both on the same items and compares).
        validators = self.find_validators(item)
        if not validators:
            return item
        item_adapter = RecordAdapter(item)
        item_dict = item_adapter.asdict()
        self.stats.add_item()
        self.stats.add_fields(len(item_dict.keys()))
        for validator in validators:
            ok, errors = validator.validate(item_dict)
            if not ok:
                self._add_error_stats(errors)
                if self.add_errors_to_items:
                    self._add_errors_to_item(item_adapter, errors)
                if self.drop_items_with_errors:
                    self._drop_item(item, errors)
        return item

    @classmethod
    def _load_jsonschema_validator(cls, schema: Any) -> RecordSchemaValidator:
        # spidermon's loading: a path, an object path or a dict; its NotConfigured on a bad one.
        loaded = super()._load_jsonschema_validator(schema)
        return RecordSchemaValidator(loaded._schema)
