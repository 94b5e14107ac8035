"""Serve a built demo portal folder over HTTP on 127.0.0.1 (for `make demo`, tests, benchmark).

`serve(root)` starts a `ThreadingHTTPServer` in a daemon thread and returns it with its base URL;
`server.shutdown()` stops it and closes its socket. Content-Types come from the
folder's `_headers.json` (so GBK and mislabelled pages are served with the exact header a real
portal sends), else from the file suffix.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"

SUFFIX_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}
# Build metadata lives next to the pages but is not part of the portal.
HIDDEN = frozenset({"_headers.json", "expected.json"})
NOT_FOUND_BODY = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>404 页面不存在</title></head>'
    "<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p></body></html>\n"
).encode()


class DemoHandler(BaseHTTPRequestHandler):
    """GET/HEAD of static files under `root`; any other method gets 501 from the base class."""

    root: Path
    content_types: dict[str, str]
    delay: float = 0.0  # seconds before each answer: a slow portal, for interruption tests
    # Keep-alive like a real portal (and Scrapy's pooled connections); idle sockets time out.
    protocol_version = "HTTP/1.1"
    timeout = 30
    server_version = "DemoPortal/1.0"
    sys_version = ""

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests and the benchmark make thousands of requests."""

    def _respond(self, *, with_body: bool) -> None:
        if self.delay:
            time.sleep(self.delay)
        url_path = unquote(urlsplit(self.path).path)
        # Empty segments are dropped so the CMS's `/images//2020/5/13/x.jpg` maps to a file.
        parts = [part for part in url_path.split("/") if part]
        if any(part in {".", ".."} or "\\" in part or "\0" in part for part in parts):
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND_BODY, "text/html; charset=utf-8", with_body)
            return
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                # Like any web server: list pages link `./202005/...`, which needs the slash.
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
            parts = [*parts, "index.html"]
        rel = "/".join(parts)
        if rel in HIDDEN or not target.is_file() or not target.resolve().is_relative_to(self.root):
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND_BODY, "text/html; charset=utf-8", with_body)
            return
        content_type = self.content_types.get(rel) or SUFFIX_TYPES.get(
            target.suffix.lower(), "application/octet-stream"
        )
        self._send(HTTPStatus.OK, target.read_bytes(), content_type, with_body)

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)


class DemoServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer whose `shutdown()` also closes the listening socket."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that goes away mid-answer (a killed crawl, a timeout) is normal traffic.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def shutdown(self) -> None:
        # Callers (test fixtures) only call shutdown(); a socket left open would surface as a
        # ResourceWarning, which pytest's filterwarnings=error turns into a test error.
        super().shutdown()
        self.server_close()


def serve(
    root: Path, host: str = "127.0.0.1", port: int = 0, delay: float = 0.0
) -> tuple[ThreadingHTTPServer, str]:
    """Serve `root` on (host, port) in a daemon thread; return the server and e.g.
    'http://127.0.0.1:54321/' (port 0 picks a free port; the real one is reported)."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"no demo site at {root}")
    headers_file = root / "_headers.json"
    content_types: dict[str, str] = (
        json.loads(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else {}
    )
    handler = type(
        "BoundDemoHandler",
        (DemoHandler,),
        {"root": root, "content_types": content_types, "delay": delay},
    )
    server = DemoServer((host, port), handler)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.1},
        name=f"demo-portal-{server.server_address[1]}",
        daemon=True,
    )
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    return server, f"http://{bound_host}:{bound_port}/"
