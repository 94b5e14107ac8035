"""Cheap looks at raw bytes: is this really a web page, or a WAF challenge pretending to be one?"""

from __future__ import annotations

import re

# File signatures of what portals serve under a text/html label: PDFs, Office/zip, images,
# gzip streams (a double-compressed body).
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
)

# Anti-bot interstitials seen on Chinese government portals (portals.md 5): 加速乐 answers 521
# (or 200) with a tiny page whose script sets `__jsl_clearance` and reloads; 瑞数/WZWS answer
# 412/202 with `$_ts` or `wzws` scripts; 创宇盾/云锁/安全狗 print a verification notice.
_SCRIPT_MARKERS = (
    rb"__jsl_clearance",
    rb"jsl_clearance_s",
    rb"\$_ts\s*=",
    rb"wzws_cid",
    rb"WZWS_CONFIRM",
    rb"yunsuo_session",
)
_TEXT_MARKERS = ("创宇盾", "安全狗", "访问验证", "请求可能对网站造成安全威胁", "正在进行安全检测")
# Exact-case byte patterns: these names are machine-written, and a case-sensitive search of
# every response's head costs little.
_SCRIPT_CHALLENGE = re.compile(b"|".join(_SCRIPT_MARKERS))
# The notices are matched as bytes in both encodings portals use, before any decoding, and
# only on small pages: an article may well quote the words.
_NOTICE_CHALLENGE = re.compile(
    b"|".join(re.escape(t.encode(enc)) for t in _TEXT_MARKERS for enc in ("utf-8", "gb18030"))
)
# A bare "set a cookie, then reload" page: the generic shape of a JavaScript challenge.
_COOKIE_RELOAD = re.compile(
    rb"document\.cookie\s*=.{0,400}?(?:location(?:\.href)?\s*=|location\.reload|"
    rb"window\.location)",
    re.DOTALL,
)
# Real article and list pages are many kilobytes; interstitials are tiny.
_CHALLENGE_MAX_BYTES = 8 * 1024
# A WAF's script also rides on the pages it lets through: 瑞数 keeps its bootstrap
# `<script r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=…;$_ts.cd="…"` in the head of
# every page it protects, so the content pages of jyt.gansu.gov.cn (a 54 KB 文件通知 list) and
# fzgg.gansu.gov.cn (a 65 KB notice) carry it too. The challenge itself is a shell: scripts
# and a meta tag, no text (its `$_ts.cd` string alone can pass 8 KB). So a script marker on a
# page with this much visible text, outside a WAF status, is content.
_CONTENT_TEXT_BYTES = 512
# The text is counted in the page's first 64 KB, in one forward pass (a hostile body of
# `<!--` or `<` without an end must not cost more than its length).
_TEXT_SCAN_BYTES = 64 * 1024
# Elements whose content a browser does not show as the page's text (a <noscript> notice is
# the challenge's own "enable JavaScript" line).
_HIDDEN_ELEMENTS = (b"script", b"style", b"noscript", b"template")
_NAME_ENDS = frozenset({b">", b" ", b"\t", b"\n", b"\r", b"/"})
_BLANK = re.compile(rb"\s+|&nbsp;|&#160;")
CHALLENGE_STATUSES = frozenset({412, 521})


# Share of NUL bytes in the first kilobyte above which a body is binary. One stray NUL (a
# CMS that pads a field, a copy-paste from Word) is common in real articles and parses fine.
_NUL_SHARE = 0.1
# A start tag long enough to be worth counting its attributes (real tags are far shorter;
# a data: URI image is long but has one attribute).
_LONG_TAG = re.compile(rb"<[A-Za-z][^<>]{4096,}")
_ATTRIBUTE = re.compile(rb"\s[A-Za-z_:@][^\s=<>]*")


def looks_binary(body: bytes) -> bool:
    """A body that is no text at all, whatever its Content-Type says."""
    head = body[:1024].lstrip()
    return head.startswith(_BINARY_MAGIC) or head.count(b"\x00") > len(head) * _NUL_SHARE


def html_over_budget(body: bytes, max_attributes: int, max_elements: int) -> str | None:
    """Why parsing this HTML would take too long, or None; linear, before any parsing.

    libxml2 checks each attribute of an element against the others: an element with 20,000
    attributes takes about a second to parse, 100,000 about two minutes, on the reactor
    thread, so every other request waits. Elements cost linear time; their cap bounds memory.
    """
    if max_elements and body.count(b"<") > max_elements:
        return f"more than {max_elements} tags (HTML_MAX_ELEMENTS)"
    if max_attributes:
        for match in _LONG_TAG.finditer(body):
            count = len(_ATTRIBUTE.findall(match.group()))
            if count > max_attributes:
                return f"an element with about {count} attributes (HTML_MAX_ATTRIBUTES)"
    return None


def challenge_kind(status: int, body: bytes) -> str | None:
    """Why this response is an anti-bot challenge rather than content, or None."""
    # Challenge scripts sit in the page head; an article's body never needs searching.
    if _SCRIPT_CHALLENGE.search(body, 0, _CHALLENGE_MAX_BYTES * 2) and (
        status in CHALLENGE_STATUSES or _visible_bytes(body) < _CONTENT_TEXT_BYTES
    ):
        return f"challenge script (HTTP {status})"
    small = len(body) <= _CHALLENGE_MAX_BYTES
    if small and _NOTICE_CHALLENGE.search(body):
        return f"challenge notice (HTTP {status})"
    if small and _COOKIE_RELOAD.search(body):
        return f"cookie-and-reload script (HTTP {status})"
    if status in CHALLENGE_STATUSES:
        return f"HTTP {status} (WAF status)"
    return None


def _visible_bytes(body: bytes) -> int:
    """Bytes of text a browser would show in the page's first 64 KB, counted up to
    _CONTENT_TEXT_BYTES: no tags, comments, blanks, nor the content of scripts, styles,
    <noscript> and <template>. An element left open runs to the end, as in a browser."""
    page = body[:_TEXT_SCAN_BYTES].lower()
    count = pos = 0
    while pos < len(page) and count < _CONTENT_TEXT_BYTES:
        start = page.find(b"<", pos)
        text = page[pos:] if start < 0 else page[pos:start]
        count += len(_BLANK.sub(b"", text))
        if start < 0:
            break
        if page.startswith(b"<!--", start):
            end = page.find(b"-->", start + 4)
            pos = len(page) if end < 0 else end + 3
            continue
        name = next((n for n in _HIDDEN_ELEMENTS if _opens(page, start, n)), None)
        if name is not None:
            end = page.find(b"</" + name, start + 1)
            if end < 0:
                break
            start = end
        close = page.find(b">", start + 1)
        pos = len(page) if close < 0 else close + 1
    return count


def _opens(page: bytes, start: int, name: bytes) -> bool:
    """Whether `<name` at `start` opens that element (`<script>`, `<script type=…>`)."""
    after = start + 1 + len(name)
    return page.startswith(name, start + 1) and page[after : after + 1] in _NAME_ENDS
