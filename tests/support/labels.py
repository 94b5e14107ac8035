"""The one loader of ../shared's hand labels for tests (labels.json, page bytes, responses).

../shared sits beside the repository and is read-only; tests that use it skip when it is
absent (`requires_shared`). Pages are served as bytes with a bare text/html, as a portal
answers, so that the crawl's encoding detection decides how they are read.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from crawler.commands.evaluate import (
    FIELDS,
    LIST_FIELDS,
    compare,
    compare_list,
    load_labels,
    page_bytes,
    served_response,
)
from crawler.fetch.encoding import fix_encoding

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
REAL_PAGES = SHARED / "real_pages"
CORPUS = SHARED / "corpus"

__all__ = [
    "CORPUS",
    "FIELDS",
    "LIST_FIELDS",
    "REAL_PAGES",
    "SHARED",
    "compare",
    "compare_list",
    "labels",
    "pages",
    "requires_shared",
    "served_page",
]


def requires_shared(path: Path = REAL_PAGES) -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not path.exists(), reason=f"{path} is absent (../shared is not laid beside the repo)"
    )


@cache
def labels(folder: Path = REAL_PAGES) -> dict[str, dict[str, Any]]:
    """`labels.json` of a ../shared folder; {} when absent (the tests then skip)."""
    return load_labels(folder)


def pages(folder: Path = REAL_PAGES, kind: str = "article") -> list[str]:
    """The labelled pages of one kind ('article' or 'list'), sorted."""
    return sorted(name for name, label in labels(folder).items() if label["kind"] == kind)


def served_page(
    folder: Path, name: str, url: str | None = None, encoding: str | None = None
) -> HtmlResponse:
    """A labelled page as a crawl receives it (at its labelled URL unless `url` is given).

    `encoding` forces the decoding (pages of real_pages are UTF-8 whatever they declare);
    without it the page goes through the crawl's encoding correction.
    """
    url = url or labels(folder)[name]["url"]
    if encoding:
        return HtmlResponse(url, body=page_bytes(folder, name), encoding=encoding)
    return fix_encoding(served_response(url, page_bytes(folder, name)))
