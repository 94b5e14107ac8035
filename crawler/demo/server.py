"""Serve a built demo portal folder over HTTP on 127.0.0.1 (for `make demo`, tests, benchmark).

`serve(root)` starts a `ThreadingHTTPServer` in a daemon thread and returns it with its base URL;
`server.shutdown()` stops it and closes its socket. Content-Types come from the
folder's `_headers.json` (so GBK and mislabelled pages are served with the exact header a real
portal sends), else from the file suffix. `handlers` answers chosen paths dynamically (any
method, e.g. a CMS endpoint that pages by POST form or query string); everything else is a file.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

SITE_DIR = Path(__file__).resolve().parent / "site"

SUFFIX_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".shtml": "text/html; charset=utf-8",  # TRS and 12371 article pages
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


@dataclass(frozen=True)
class Request:
    """What a path handler sees of a request."""

    method: str
    path: str  # URL path, percent-decoded
    query: str  # raw query string
    body: bytes


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"


Handler = Callable[[Request], Answer]


class DemoHandler(BaseHTTPRequestHandler):
    """GET/HEAD of static files under `root`, and any method on the paths of `handlers`;
    other methods get 501 from the base class."""

    root: Path
    content_types: dict[str, str]
    handlers: Mapping[str, Handler] = {}
    delay: float = 0.0  # seconds before each answer: a slow portal, for interruption tests
    # While this event is clear, answers wait for it (at most `hold_limit` s): a portal that
    # keeps a run busy for exactly as long as an overlap test needs, however loaded the machine.
    hold: threading.Event | None = None
    hold_limit: float = 120.0
    # Keep-alive like a real portal (and Scrapy's pooled connections); idle sockets time out.
    protocol_version = "HTTP/1.1"
    timeout = 30
    # An answer goes out as two writes (the header block, then the body). With Nagle's
    # algorithm on, the body waits for the client's ACK of the headers, which Linux delays by
    # up to 40 ms on a kept-alive connection: every request took ~44 ms on loopback, so test
    # crawls and the benchmark were paced by this stall instead of by the crawler.
    disable_nagle_algorithm = True
    server_version = "DemoPortal/1.0"
    sys_version = ""

    def do_GET(self) -> None:
        if not self._handled("GET"):
            self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def do_POST(self) -> None:
        if not self._handled("POST"):
            self.send_error(HTTPStatus.NOT_IMPLEMENTED, "Unsupported method ('POST')")

    def _handled(self, method: str) -> bool:
        parts = urlsplit(self.path)
        handler = self.handlers.get(unquote(parts.path))
        if handler is None:
            return False
        self._wait()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        answer = handler(Request(method, unquote(parts.path), parts.query, body))
        # A plain int: WAF statuses such as 521 are not in http.HTTPStatus.
        self._send(answer.status, answer.body, answer.content_type, True)
        return True

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests and the benchmark make thousands of requests."""

    def _wait(self) -> None:
        if self.hold is not None:
            self.hold.wait(self.hold_limit)
        if self.delay:
            time.sleep(self.delay)

    def _respond(self, *, with_body: bool) -> None:
        self._wait()
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

    def _send(self, status: int, body: bytes, content_type: str, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)


class DemoServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer whose `shutdown()` also closes the listening socket."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
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
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    delay: float = 0.0,
    handlers: Mapping[str, Handler] | None = None,
) -> tuple[ThreadingHTTPServer, str]:
    """Serve `root` on (host, port) in a daemon thread; return the server and e.g.
    'http://127.0.0.1:54321/' (port 0 picks a free port; the real one is reported).
    `handlers` maps URL paths ('/module/web/jpage/dataproxy.jsp') to functions answering them."""
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
        {
            "root": root,
            "content_types": content_types,
            "delay": delay,
            "handlers": dict(handlers or {}),
        },
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
    host = bound_host.decode() if isinstance(bound_host, bytes | bytearray) else str(bound_host)
    return server, f"http://{host}:{bound_port}/"
