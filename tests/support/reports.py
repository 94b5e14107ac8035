"""Run reports of test crawls, and portals that misbehave for the health checks."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path


def report_of(result) -> dict:
    (path,) = sorted(result.output_dir.rglob("*.report.json"))[-1:]
    return json.loads(path.read_text(encoding="utf-8"))


def switch_template(site: Path, column: str) -> int:
    """Rename the body container of every article in a column, as a CMS redesign would."""
    changed = 0
    for page in (site / column).rglob("t*.html"):
        html = page.read_bytes()
        if b'class="detail-content"' in html:
            page.write_bytes(html.replace(b'class="detail-content"', b'class="article-text"'))
            changed += 1
    return changed


class AlwaysFailing(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass
