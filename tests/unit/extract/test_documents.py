"""crawler.extract.documents: links to a site's front page."""

from __future__ import annotations

import pytest

from crawler.extract.documents import is_front_page


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/", True),
        ("http://cpc.people.com.cn/", True),
        ("http://cpc.people.com.cn", True),
        ("/index.html", True),
        ("https://www.gov.cn/default.aspx", True),
        (" / ", True),
        ("index.html", False),  # relative to the page: a channel's own index
        ("/djyw/202104/t20210402_1.html", False),
        ("/?page=2", False),
        ("http://[x", False),  # an unclosed IPv6 bracket: no address
    ],
)
def test_is_front_page(href: str, expected: bool) -> None:
    assert is_front_page(href) is expected
