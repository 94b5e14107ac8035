"""WAF challenges told from content by the raw bytes: a table of interstitials and of content
pages that carry a WAF's script."""

from __future__ import annotations

import pytest

from crawler.fetch.sniff import challenge_kind
from tests.support.labels import CORPUS, requires_shared

RUISHU_HEAD = (
    "<head><meta content='Edx3m4jYKWIlB5qZzUzkKmOJUhMktBaO' r='m'>"
    "<script type='text/javascript' r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
    '$_ts.nsd=17787;$_ts.cd="' + "qhzqrpAlEpLlDsZmDGqbcqEq" * 500 + '";</script>'
    "<script type='text/javascript' charset='utf-8' src='/4QbVtADbnLVI/c.FxJzG50F.dfe1675.js'"
    " r='m'></script></head>"
)
SHELL = f"<html>{RUISHU_HEAD}<body></body></html>"  # 12 KB of scripts, no text
NOTICE = (
    "<html>"
    + RUISHU_HEAD
    + "<body><h1>关于印发若干措施的通知</h1>"
    + "<p>为深入贯彻落实党中央、国务院关于推动大规模设备更新的决策部署，现将有关措施印发。</p>" * 12
    + "</body></html>"
)
JSL = (
    "<html><script>document.cookie='__jsl_clearance=1577836800.123|0|abc';"
    "location.href=location.pathname</script></html>"
)
RELOAD = "<html><script>document.cookie='t=1';window.location.reload()</script></html>"


@pytest.mark.parametrize(
    ("status", "page", "kind"),
    [
        # 瑞数: the first answer is 412 (or 202, or 200) with a shell of scripts.
        (412, SHELL, "challenge script (HTTP 412)"),
        (202, SHELL, "challenge script (HTTP 202)"),
        (200, SHELL, "challenge script (HTTP 200)"),
        # 加速乐: 521 or 200 with a cookie script.
        (521, JSL, "challenge script (HTTP 521)"),
        (200, JSL, "challenge script (HTTP 200)"),
        (
            200,
            "<html><body><h1>访问验证</h1><p>请稍候</p></body></html>",
            "challenge notice (HTTP 200)",
        ),
        (200, RELOAD, "cookie-and-reload script (HTTP 200)"),
        # The page 瑞数 lets through keeps the bootstrap in its head: content ...
        (200, NOTICE, None),
        # ... unless the status is the WAF's own.
        (412, NOTICE, "challenge script (HTTP 412)"),
        (200, NOTICE.replace(RUISHU_HEAD, "<head></head>"), None),
        # Text a browser does not show as the page's: a <noscript> notice, a script left open.
        (
            200,
            SHELL.replace("<body>", "<body><noscript>" + "请开启JavaScript后刷新页面。" * 30),
            "challenge script (HTTP 200)",
        ),
        (
            200,
            "<html><script>$_ts=window['$_ts'];$_ts.cd='" + "q" * 12_000,
            "challenge script (HTTP 200)",
        ),
        # A hostile body after the marker: one forward pass, whatever it holds.
        (200, "<script>$_ts=1</script>" + "<!--" * 200_000, "challenge script (HTTP 200)"),
        (200, "<script>$_ts=1</script>" + "<script" * 200_000, "challenge script (HTTP 200)"),
    ],
)
def test_challenge_kind(status, page, kind):
    assert challenge_kind(status, page.encode("utf-8")) == kind


@requires_shared(CORPUS)
@pytest.mark.parametrize("name", ["gansu-jyt_list_1.html", "gansu-fgw_article_1.html"])
def test_real_pages_with_the_ruishu_bootstrap_are_content(name):
    assert challenge_kind(200, (CORPUS / name).read_bytes()) is None
