"""Small loopback mirrors of real portals, for end-to-end tests (test infrastructure).

Each module here writes a static copy of one portal into a folder: the portal's URL layout,
its list markup and real pagination mechanism, and 3-6 articles in its article template(s),
quoted from ../shared/real_pages or ../shared/reference/portals.md. `build(root, base_url)`
returns a Mirror: what a correct crawl exports. Portals with dynamic endpoints (TRS site
search paged by query string, Hanweb's dataproxy.jsp answering POSTs) also export
`handlers(root)` for `crawler.demo.server.serve`. `mirror_site(module, root)` serves one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from crawler.demo.server import Handler, serve
from spiders.portal import PortalSpider

INDENT = "\u3000\u3000"  # paragraphs of Chinese portals open with two ideographic spaces


@dataclass
class Mirror:
    root: Path
    # article path -> the record fields a correct crawl exports (URLs relative to the mirror)
    articles: dict[str, dict[str, Any]]
    # column name -> its list page paths, in crawl order (first page first)
    list_pages: dict[str, list[str]]
    # list page path -> the article paths it lists, in order
    list_entries: dict[str, list[str]] = field(default_factory=dict)
    # path -> reject reason, for pages that must not become records
    rejects: dict[str, str] = field(default_factory=dict)


def write(root: Path, path: str, text: str, encoding: str = "utf-8") -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(encoding))


def write_headers(root: Path, types: dict[str, str]) -> None:
    """Content-Types that differ from the suffix default (GBK pages), for the server."""
    (root / "_headers.json").write_text(json.dumps(types), encoding="utf-8")


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{INDENT}{p}</p>\n" for p in paragraphs)


def no_handlers(root: Path) -> dict[str, Handler]:
    return {}


@contextmanager
def mirror_site(module: ModuleType, root: Path) -> Iterator[tuple[Mirror, str]]:
    """Serve `root`, build the module's mirror into it for the served address, yield both.

    The server starts first so that mirrors whose lists carry absolute links (12371's script
    array) are built with the real loopback address.
    """
    root.mkdir(parents=True, exist_ok=True)
    server, base_url = serve(root, handlers=getattr(module, "handlers", no_handlers)(root))
    try:
        yield module.build(root, base_url), base_url
    finally:
        server.shutdown()


PROFILES = Path(__file__).with_name("profiles")  # test-only profiles (families alone, demos)


def profile_spider(site_id: str) -> type[PortalSpider]:
    """A portal spider for a test profile of tests/support/mirrors/profiles (pass PROFILES_DIR)."""
    return type(f"{site_id.title().replace('_', '')}Spider", (PortalSpider,), {"name": site_id})
