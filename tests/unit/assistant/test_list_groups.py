"""Which hosts are one site for a list's entries."""

from __future__ import annotations

import pytest

from crawler.assistant.list_groups import site_domain


@pytest.mark.parametrize(
    ("host", "domain"),
    [
        ("news.qq.com", "qq.com"),
        ("new.qq.com", "qq.com"),
        ("dy.163.com", "163.com"),
        ("www.ccdi.gov.cn", "ccdi.gov.cn"),
        ("jyt.gansu.gov.cn", "gansu.gov.cn"),
        ("www.gov.cn", "gov.cn"),
        ("roll.news.sina.com.cn", "sina.com.cn"),
        ("www.bbc.co.uk", "bbc.co.uk"),
        ("127.0.0.1", "127.0.0.1"),
        ("localhost", "localhost"),
    ],
)
def test_site_domain(host, domain):
    assert site_domain(host) == domain
