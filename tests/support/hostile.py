"""A misbehaving portal on loopback: every fault a government site has shown, one per URL.

The markup is the demo portal's (so the `shjcdj` profile applies); the faults are what the
server does with the connection, the status, the headers and the bytes.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

# Healthy articles: path -> title. Each is linked from a list page among the faults.
HEALTHY = {
    f"/jcdj/ok/t2024010{n}_{n}.html": f"健康文章第{n}篇：支部开展主题党日活动" for n in range(1, 6)
}
# Fault URLs linked as articles from /jcdj/index.html, with the outcome the crawler must give.
ARTICLE_FAULTS = {
    "/fault/500": ("failed", "http_500"),
    "/fault/502": ("failed", "http_502"),
    "/fault/503": ("failed", "http_503"),
    "/fault/503-retry-after": ("failed", "http_503"),
    "/fault/429": ("failed", "http_429"),
    "/fault/waf-200": ("failed", "blocked"),
    "/fault/waf-521": ("failed", "blocked"),
    "/fault/waf-412": ("failed", "blocked"),
    # Reset mid-body (TCP RST) and a short body (FIN) both leave fewer bytes than announced.
    "/fault/reset": ("failed", "data_loss"),
    "/fault/short": ("failed", "data_loss"),
    "/fault/slow": ("failed", "timeout"),
    "/fault/loop": ("failed", "redirect_loop"),
    "/fault/offsite": ("failed", "offsite_redirect"),
    "/fault/huge": ("failed", "too_large"),
    "/fault/gzip-bomb": ("failed", "too_large"),
    "/fault/binary": ("reject", "not_html"),
    "/fault/gone": ("reject", "http_404"),
}
# Faults that are healthy in the end: the crawler must export them correctly.
TRICKY_HEALTHY = {
    "/fault/wrong-charset": "错标字符集的文章：党员志愿服务队走进社区",
    "/fault/no-charset": "未声明字符集的文章：两新组织党建工作交流会",
}
MAX_SIZE = 1024 * 1024  # the test sets DOWNLOAD_MAXSIZE to this
SLOW_SECONDS = 3.0  # the test sets DOWNLOAD_TIMEOUT below this
ENDLESS_DISTINCT_PAGES = "djyw"  # next links forever, each page with one new article
ENDLESS_REPEATED_PAGES = "zgxx"  # countPage = 100000, every page the same entries

PARAGRAPHS = (
    "为深入学习贯彻党的二十大精神，街道党工委组织辖区各支部开展主题党日活动，党员们重温入党誓词。",
    "活动中，党员志愿者走进社区，开展政策宣讲、环境整治和关爱老人等志愿服务，受到居民欢迎。",
    "下一步，街道党工委将持续推动党建引领基层治理，把党的组织优势转化为治理效能。",
)


def article_page(title: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>　　{p}</p>" for p in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}_上海基层党建网</title></head><body>"
        '<div class="main"><div class="crumb"><a href="/index.html">党建首页</a> &gt; '
        '<a href="/jcdj/index.html">基层党建</a></div><div class="detail">'
        f'<h1 class="detail-title">{title}</h1>'
        '<div class="detail-info">发布时间：2024-01-05 10:00&nbsp;&nbsp;来源：街道党工委</div>'
        f'<div class="detail-content" id="zoom">{paragraphs}</div></div></div></body></html>'
    )


def list_page(title: str, links: list[str], pager: str) -> str:
    items = "".join(
        f'<li><a href="{href}" title="条目{i}">条目{i}</a><span class="date">2024-01-05</span></li>'
        for i, href in enumerate(links)
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<div class="main"><div class="crumb"><a href="/index.html">党建首页</a> &gt; '
        f'<span>{title}</span></div><div class="list-box"><ul class="list">{items}</ul></div>'
        f'<div class="page">{pager}</div></div></body></html>'
    )


CHALLENGE_PAGE = (
    b"<html><head><script>document.cookie='__jsl_clearance=1577836800.123|0|abc';"
    b"location.href=location.pathname+location.search</script></head><body></body></html>"
)


class HostileHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    offsite_base = ""  # set by serve_hostile(): another host name for the same server
    refused_url = ""  # set by serve_hostile(): a port on this host where nothing listens

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_body(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            return self.send_body(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path in HEALTHY:
            return self.send_body(200, article_page(HEALTHY[path]).encode())
        if path == "/jcdj/index.html":
            links = [*HEALTHY, *ARTICLE_FAULTS, *TRICKY_HEALTHY, self.refused_url]
            pager = '<script>createPageHTML(1, 0, "index", "html");</script>'
            return self.send_body(200, list_page("基层党建", links, pager).encode())
        if path.startswith(f"/{ENDLESS_DISTINCT_PAGES}/index"):
            n = int(path.rsplit("_", 1)[1].split(".")[0]) if "_" in path else 1
            pager = f'<a class="next" href="index_{n + 1}.html">下一页</a>'
            links = [f"/{ENDLESS_DISTINCT_PAGES}/p{n}/t20240101_{n}.html"]
            return self.send_body(200, list_page("党建要闻", links, pager).encode())
        if path.startswith(f"/{ENDLESS_DISTINCT_PAGES}/p"):
            n = path.split("/p", 1)[1].split("/")[0]
            return self.send_body(200, article_page(f"无尽分页第{n}页的文章").encode())
        if path.startswith(f"/{ENDLESS_REPEATED_PAGES}/index"):
            pager = "<script>var countPage = 100000//共多少页</script>"
            links = [f"/{ENDLESS_REPEATED_PAGES}/same/t20240101_1.html"]
            return self.send_body(200, list_page("组工信息", links, pager).encode())
        if path == f"/{ENDLESS_REPEATED_PAGES}/same/t20240101_1.html":
            return self.send_body(200, article_page("重复分页里的唯一文章").encode())
        if path == "/tzgg/index.html":  # the list page itself is a challenge
            return self.send_body(200, CHALLENGE_PAGE)
        return self.fault(path)

    def fault(self, path: str) -> None:
        if path in ("/fault/500", "/fault/502", "/fault/503"):
            return self.send_body(int(path.rsplit("/", 1)[1]), b"<html>error</html>")
        if path == "/fault/503-retry-after":
            return self.send_body(503, b"<html>busy</html>", headers={"Retry-After": "1"})
        if path == "/fault/429":
            return self.send_body(429, b"<html>slow down</html>", headers={"Retry-After": "1"})
        if path == "/fault/waf-200":
            return self.send_body(200, CHALLENGE_PAGE)
        if path == "/fault/waf-521":
            return self.send_body(521, CHALLENGE_PAGE)
        if path == "/fault/waf-412":
            return self.send_body(412, b"<html><script>$_ts=window['$_ts'];</script></html>")
        if path == "/fault/reset":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(b"<html><body>" + b"x" * 1000)
            self.wfile.flush()
            # SO_LINGER 0: close with a TCP RST, as a crashing proxy does.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        if path == "/fault/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(b"<html><body>only a part</body></html>")
            self.close_connection = True
            return None
        if path == "/fault/slow":
            time.sleep(SLOW_SECONDS)
            return self.send_body(200, article_page("迟到的文章").encode())
        if path == "/fault/loop":
            return self.send_body(302, b"", headers={"Location": "/fault/loop"})
        if path == "/fault/offsite":
            return self.send_body(302, b"", headers={"Location": self.offsite_base + "elsewhere"})
        if path == "/fault/huge":
            return self.send_body(200, b"<html>" + b"x" * (MAX_SIZE * 2))
        if path == "/fault/gzip-bomb":
            bomb = gzip.compress(b"\0" * (MAX_SIZE * 20), compresslevel=9)
            return self.send_body(200, bomb, headers={"Content-Encoding": "gzip"})
        if path == "/fault/binary":
            return self.send_body(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
        if path == "/fault/wrong-charset":
            page = article_page(TRICKY_HEALTHY[path], charset="gb2312").encode("utf-8")
            return self.send_body(200, page, "text/html; charset=gb2312")
        if path == "/fault/no-charset":
            page = article_page(TRICKY_HEALTHY[path], charset=None).encode("gbk")
            return self.send_body(200, page, "text/html")
        return self.send_body(404, b"<html>404</html>")


def serve_hostile() -> tuple[ThreadingHTTPServer, str]:
    """Start the server on 127.0.0.1:0; its offsite redirects point at `localhost` instead."""
    handler = type("BoundHostileHandler", (HostileHandler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    port = server.server_address[1]
    handler.offsite_base = f"http://localhost:{port}/"
    # Bind a port and close it again: connecting there is refused.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    handler.refused_url = f"http://127.0.0.1:{closed_port}/refused/t20240101_1.html"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"
