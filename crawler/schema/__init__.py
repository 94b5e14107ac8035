"""The JSON Schema of the exported record (article.schema.json), shipped with the package."""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("article.schema.json")


def article_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
