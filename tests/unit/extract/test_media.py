"""crawler.extract.media: which images of a body are page chrome, which links documents."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.extract.chrome import page_chrome
from crawler.extract.media import is_attachment, is_chrome_image

PHOTO = "/uploads/W020240617251871996724.jpeg"


def _verdict(inner: str) -> bool:
    html = f"<html><body><div class='article'><p>正文。</p>{inner}</div></body></html>"
    root = Selector(text=html).root
    body = root.xpath("//div[@class='article']")[0]
    img = body.xpath(".//img")[0]
    return is_chrome_image(img, page_chrome(root), body)


@pytest.mark.parametrize(
    ("inner", "chrome"),
    [
        pytest.param(f"<p><img src='{PHOTO}' width='600'></p>", False, id="article-photo"),
        pytest.param("<img src='/images/dot.gif' width='1' height='1'>", True, id="spacer"),
        pytest.param("<img src='/i/a.png' style='width:16px;height:16px'>", True, id="style-icon"),
        pytest.param(
            "<div style='display:none'><img src='/i/jc_bg.png'></div>", True, id="hidden-jiucuo-box"
        ),
        pytest.param(
            "<a href='/n/2024/0712/c1-2_2.html'><img src='/img/page_btn.jpg'></a>",
            True,
            id="pager-link",
        ),
        pytest.param("<img src='/img/next_page.jpg'>", True, id="pager-name-next"),
        pytest.param("<img src='/img/prev.gif'>", True, id="pager-name-prev"),
        pytest.param("<img src='/images/ico_print.gif'>", True, id="print-icon"),
        pytest.param("<img src='/images/shareWeibo.png'>", True, id="share-icon-camel-case"),
        pytest.param(
            "<a href='javascript:void(0)'><img src='/i/a.png'></a>", True, id="script-button"
        ),
        pytest.param("<a href='#'><img src='/ad/850x118.jpg'></a>", True, id="no-page-link"),
        pytest.param(
            "<div class='share-box'><img src='/i/wb.png'></div>", True, id="inside-share-box"
        ),
        pytest.param("<div id='qr_container'><img src='/i/q.png'></div>", True, id="qr-box"),
        pytest.param("<div class='ad-pc'><img src='/a/b.jpg'></div>", True, id="ad-slot"),
        pytest.param(
            "<p><img src='/f/6c9087ae26534483.gif'><a href='/f/x.pdf'>《某某措施》</a></p>",
            True,
            id="document-icon",
        ),
        pytest.param(
            f"<p><img src='{PHOTO}'>图为会议现场。<a href='/f/x.pdf'>附件</a></p>",
            False,
            id="photo-with-text-before-a-document-link",
        ),
        pytest.param("<img src='/skin/ecms/img/850x118-1.jpg'>", True, id="template-skin"),
        pytest.param(
            "<img src='/wp-content/themes/news/img/banner.jpg'>", True, id="wordpress-theme"
        ),
        pytest.param("<img src='http://ad4.example.com.cn/shc/x.gif'>", True, id="ad-host"),
        pytest.param("<img src='/ad/2024/banner.jpg'>", True, id="ad-folder"),
        pytest.param(
            "<img src='/wp-content/uploads/2024/07/photo.jpg'>", False, id="wordpress-upload"
        ),
        pytest.param("<img src='http://adm.example.com/uploads/p.jpg'>", False, id="adm-host"),
        pytest.param("<img src='/uploads/skinny_2024.jpg'>", False, id="skin-substring"),
        pytest.param(
            "<table><tr><td><p><a href='/app'><b>某某财经<br>会赚钱的客户端：</b></a></p>"
            "<p><img src='/cms/2014/12/31/20141231162652df15b.png'></p></td></tr></table>",
            True,
            id="promo-tile",
        ),
        pytest.param(
            f"<ul><li><img src='{PHOTO}'><a href='/n/1.html'>另一篇报道</a></li></ul>",
            True,
            id="related-story-tile",
        ),
        pytest.param(
            f"<table><tr><td><img src='{PHOTO}'><br>图为会议现场。</td></tr></table>",
            False,
            id="photo-cell-with-caption",
        ),
        # Tokens, not substrings: 'photo' is not 'hot', 'list' is no widget, 'inside' not 'side'.
        pytest.param(
            f"<div class='photo'><img src='{PHOTO}'></div>", False, id="photo-box-not-hot"
        ),
        pytest.param(f"<ul class='pic_list'><li><img src='{PHOTO}'></li></ul>", False, id="list"),
        pytest.param(f"<p class='inside'><img src='{PHOTO}'></p>", False, id="inside"),
        pytest.param("<img src='/uploads/sharepoint_2024.jpg'>", False, id="share-substring"),
        pytest.param(f"<a href='{PHOTO}'><img src='{PHOTO}'></a>", False, id="link-to-the-picture"),
    ],
)
def test_is_chrome_image(inner: str, chrome: bool) -> None:
    assert _verdict(inner) is chrome


def test_widget_name_of_the_body_itself_does_not_count() -> None:
    # The article text sits in a share-named wrapper (ifeng.com's js_img_share_area).
    html = f"<html><body><div class='js_img_share_area'><p>正文。</p><img src='{PHOTO}'></div>"
    root = Selector(text=html + "</body></html>").root
    body = root.xpath("//div")[0]
    assert not is_chrome_image(body.xpath(".//img")[0], page_chrome(root), body)


@pytest.mark.parametrize(
    ("url", "document"),
    [
        ("http://a.gov.cn/f/x.pdf", True),
        ("http://a.gov.cn/module/download/downfile.jsp?filename=x.docx&id=1", True),
        ("http://a.gov.cn/art/2024/7/12/art_1_2.html", False),
        ("http://a.gov.cn/f/x", False),
    ],
)
def test_is_attachment(url: str, document: bool) -> None:
    assert is_attachment(url) is document


# urlsplit raises ValueError on an unclosed IPv6 bracket: a typo'd address is no document
# and no chrome, never an exception out of the extractor.
BAD_URL = "http://[a.gov.cn/f/x.pdf"


def test_unparseable_urls_are_no_attachment() -> None:
    assert is_attachment(BAD_URL) is False


def test_unparseable_image_address_is_judged_by_its_markup() -> None:
    assert not _verdict(f"<p><img src='{BAD_URL}'></p>")
