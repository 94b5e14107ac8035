"""Wrong declared charsets are caught; right ones are left alone."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from crawler.fetch.encoding import corrected_encoding

TEXT = "上海基层党建网讯 崇明区新海镇党委认真贯彻落实上级部门有关疫情防控工作部署"


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (TEXT.encode("utf-8"), "gb2312", "utf-8"),
        (TEXT.encode("utf-8"), "gbk", "utf-8"),
        (TEXT.encode("utf-8"), "gb18030", "utf-8"),
        (TEXT.encode("gbk"), "gb2312", None),
        (TEXT.encode("gb18030"), "gb18030", None),
        (TEXT.encode("utf-8"), "utf-8", None),
        (TEXT.encode("gbk"), "utf-8", "gb18030"),
        (b"<html>ascii only</html>", "gb2312", None),
        (TEXT.encode("utf-8"), "iso-8859-1", None),
        ("短".encode(), "gbk", None),  # too few characters to be sure
    ],
)
def test_corrected_encoding(body, declared, expected):
    assert corrected_encoding(body, declared) == expected


def test_gbk_declarations_decode_as_gb18030_in_scrapy():
    # U+9555 (镕) is outside GB2312 but inside GBK/GB18030: a strict gb2312 decode would break.
    body = "<html><head><meta charset='gb2312'></head><body>" + TEXT + "朱镕基</body></html>"
    response = HtmlResponse("http://x.cn/", body=body.encode("gb18030"))
    assert response.encoding == "gb18030"
    assert "朱镕基" in response.text
