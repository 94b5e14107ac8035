"""A body's media: which images are page chrome, which links are documents (pure)."""

from __future__ import annotations

import re

from lxml import etree

from crawler.extract.chrome import Chrome, class_tokens
from crawler.extract.documents import is_attachment, split_url
from crawler.extract.text import inline_text

# A spacer or icon by its declared size: `<img src="dot.gif" width="1" height="1">` (TRS and
# Hanweb government templates, gov.cn), `<img src="ico_print.gif" width="16">`, or the same
# in a style attribute (`style="width:16px;height:16px"`, what WYSIWYG editors write).
_ICON_MAX_PX = 20
# Both sides declared at least this large: a photo's size, not a button's or an icon's (pager
# and share buttons are 16-100 px; a 850x118 banner is not a photo either).
_PHOTO_MIN_PX = 200
_STYLE_SIZE = re.compile(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)\s*px", re.IGNORECASE)
# An image inside a link to another page or to no page is a button: pager buttons
# `<a href="..._2.html"><img src="next_page.jpg"></a>` (people.com.cn, sina.com.cn), share
# and print buttons `<a href="javascript:…"><img src="weibo.png"></a>`, an ad banner in `<a
# href="#">` (cjddsb.com).
_PAGE_LINK = re.compile(
    r"\.(?:s?html?|jsp|php|aspx?)(?:[?#].*)?$|^\s*(?:javascript:|#\s*$)", re.IGNORECASE
)
_NO_PAGE_LINK = re.compile(r"^\s*(?:javascript:|#\s*$)", re.IGNORECASE)
# Word tokens of a template asset's file name that say what it is: a pager or more button
# ('next_page.jpg': people.com.cn; 'btn_more.gif': 163.com; 'txz_button01.gif': sina.com.cn),
# an icon ('icon_1234.png': www.gov.cn; 'ico_search.jpg': cjn.cn; 'footer_jiucuo.png':
# fzgg.gansu.gov.cn; 'close.png': toutiao.com), a share button ('weibo.png', 'wechat.png':
# www.shanxi.gov.cn, mydrivers.com), a spacer ('blank.gif': 163.com; 'pixel.png': cjn.cn).
# Article pictures are named by the CMS ('W020240617251871996724.jpeg', hashes, dates) or by
# the photographer, not with these words.
CHROME_IMAGE_TOKENS = frozenset(
    """
    next prev previous print close share icon ico btn button arrow spacer blank pixel
    weibo weixin wechat qzone jiucuo fenxiang dayin guanbi
    """.split()
)
_NAME_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
# Directories of the site template's own images, never an article's uploads: `/skin/`
# (cjddsb.com's EmpireCMS banner `/skin/ecms/img/850x118-1.jpg`), `/templates/` (stcn.com's
# QR codes), WordPress `/wp-content/themes/` (blog.alipay.com), DedeCMS `/templets/`, PHPCMS
# `/statics/`; ad folders and servers (`img.cjn.cn/2015cjn/ad/…`: cjn.cn;
# `ad4.sina.com.cn/shc/xfrd_01.GIF`: sina.com.cn).
TEMPLATE_DIRS = frozenset("skin skins templets template templates theme themes statics".split())
_AD_DIRS = frozenset({"ad", "ads", "adv"})
_AD_HOST = re.compile(r"^ad[sv]?\d*\.", re.IGNORECASE)
# Boxes of page widgets that templates put inside or around the article text: share boxes
# (`share_box`: 163.com, ccdi.gov.cn), QR codes (`qr_code`: hexun.com, `qr-img`: cjddsb.com,
# `box_ewm`: people.com.cn, `gzh_ewm`: stcn.com, `qr_container`: fzgg.gansu.gov.cn), tool bars
# (`toolBar`: sina.com.cn, `LeftTool`: qq.com), comment boxes (`post_comment`: 163.com,
# `gc-comment`: guancha.cn), related and recommended boxes (`related-news`: baijiahao.baidu.com,
# `post_recommend`: 163.com), ad slots (`content-ad`, `gg300`: 163.com; `ad-pc`: cjddsb.com).
# Their images are not the article's.
WIDGET_TOKENS = frozenset(
    """
    share sharing tool tools toolbar comment comments related relate xgwz xgxw recommend qr
    qrcode ewm jiucuo ad ads advert gg
    """.split()
)


def _px(value: str | None) -> int | None:
    digits = re.match(r"\s*(\d+)", value or "")
    return int(digits.group(1)) if digits else None


def _declared_sizes(img: etree._Element) -> list[int]:
    sizes = [px for px in (_px(img.get("width")), _px(img.get("height"))) if px is not None]
    sizes.extend(int(px) for px in _STYLE_SIZE.findall(img.get("style") or ""))
    return sizes


def _name_tokens(src: str) -> set[str]:
    parts = split_url(src)
    name = parts.path.rsplit("/", 1)[-1].rsplit(".", 1)[0] if parts else ""
    return {t.lower() for t in _NAME_TOKEN.findall(name)}


def _template_asset(src: str) -> bool:
    """Served from the template's image folders or from an ad server (TEMPLATE_DIRS)."""
    parts = split_url(src)
    if parts is None:
        return False
    folders = {d.lower() for d in parts.path.split("/")[:-1]}
    return bool(folders & (TEMPLATE_DIRS | _AD_DIRS)) or bool(_AD_HOST.match(parts.netloc))


def _in_widget(img: etree._Element, body: etree._Element | None) -> bool:
    """Inside a widget-named box that is itself inside the body (the body's own wrappers,
    whatever their names, do not count)."""
    if body is None:
        return False
    body_size = None
    for node in img.iterancestors():
        if node is body:
            return False
        if class_tokens(node) & WIDGET_TOKENS:
            # A widget-named box around most of the body's text wraps the text, not a widget
            # (`<div class="js_img_share_area">` around ifeng.com's article: chrome.py's
            # layout wrappers).
            if body_size is None:
                body_size = _compact_len(body)
            return _compact_len(node) < _WRAPPER_SHARE * body_size
    return False


_WRAPPER_SHARE = 0.5


def _compact_len(el: etree._Element) -> int:
    return len("".join(inline_text(el).split()))


# The cells of link tiles: a promo tile shows a picture by a linked caption (`<td><p><a><b>
# 网易财经<br>会赚钱的客户端：</b></a></p><p><img></p></td>` closing 163.com money articles;
# `<li><img><a>首播-建国大业</a></li>` video promo tiles on sohu.com).
_TILE_TAGS = ("td", "li", "dd")


def _link_tile(img: etree._Element, body: etree._Element | None) -> bool:
    """In the body's table cell or list item whose text is all link text."""
    for node in img.iterancestors():
        if node is body:
            return False
        if node.tag in _TILE_TAGS:
            text = "".join(inline_text(node).split())
            linked = "".join("".join(inline_text(a).split()) for a in node.iter("a"))
            return bool(text) and len(linked) >= len(text)
    return False


def _document_icon(img: etree._Element) -> bool:
    """The file-type icon printed right before a document link: `<img src="icon_pdf.gif"><a
    href="x.pdf">` (Baidu UEditor's attachment markup, which many government CMSs embed:
    fzgg.gansu.gov.cn, where the icon is renamed to a hash). Nothing but blanks between."""
    after = img.getnext()
    return (
        after is not None
        and after.tag == "a"
        and not (img.tail or "").strip()
        and is_attachment(after.get("href") or "")
    )


def is_chrome_image(
    img: etree._Element, chrome: Chrome | None, body: etree._Element | None = None
) -> bool:
    """An image of the page's furniture: spacer, icon, button, hidden or in a widget box."""
    sizes = _declared_sizes(img)
    if sizes and min(sizes) <= _ICON_MAX_PX:
        return True
    if chrome is not None and not chrome.visible(img):
        return True
    src = img.get("data-src") or img.get("src") or img.get("oldsrc") or ""
    # Names and folders are guesses: a picture declared at a photo's size in both directions
    # is a picture whatever its file is called ('wechat_pay_launch.jpg' in a report on a
    # payment service, a 主题教育 column's uploads under '/theme/').
    photo_sized = len(sizes) >= 2 and min(sizes) >= _PHOTO_MIN_PX
    if not photo_sized and (_name_tokens(src) & CHROME_IMAGE_TOKENS or _template_asset(src)):
        return True
    if _in_widget(img, body) or _document_icon(img):
        return True
    # A photo set laid out as list items, each a picture over its linked caption (`<li><img
    # width="600" height="400"><a>图说…</a></li>`), is the article's; promo tiles declare no
    # photo size (163.com's client promo, sohu.com's video tiles).
    if not photo_sized and _link_tile(img, body):
        return True
    link = next(img.iterancestors("a"), None)
    if link is None:
        return False
    href = link.get("href") or ""
    # A photo-sized picture in a link to no page is a photo that WYSIWYG editors wrap for a
    # zoom script (`<a href="#"><img width="600" height="400">`); a button in one is small.
    if photo_sized and _NO_PAGE_LINK.match(href):
        return False
    return bool(_PAGE_LINK.search(href))
