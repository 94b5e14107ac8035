"""Body rules of crawler.extract on article shapes no labelled page has: no text lost.

Synthetic pages modelled on ordinary gov.cn / people.com.cn / xinhuanet.com / 163.com / sina
articles, each holding what one body rule looks for (a list-named container with a bulleted
list, a large data table beside a short article, linked document titles opening a 政策解读,
a photo whose file name holds a chrome word): the article's text and pictures are kept.
"""

from __future__ import annotations

from parsel import Selector

from crawler.extract.bodyhead import is_byline_line, split_header
from crawler.extract.chrome import page_chrome
from crawler.extract.density import guess_body
from crawler.extract.linkblocks import without_leading_links
from crawler.extract.media import is_chrome_image
from crawler.extract.tables import data_table_score
from crawler.extract.text import paragraphs

PARA = (
    "<p>　　会议指出，要坚持以人民为中心的发展思想，统筹推进各项工作，切实把各项决策部署落到实处，"
    "不断增强人民群众的获得感、幸福感和安全感。</p>"
)
SIDEBAR = (
    "<ul class='news'>"
    + "".join(
        f"<li><a href='/{i}.html'>侧栏推荐的另一篇文章的标题第{i}篇</a></li>" for i in range(20)
    )
    + "</ul>"
)


def _body_lines(html: str) -> list[str]:
    body = guess_body(Selector(text=html).root)
    return paragraphs(body) if body is not None else []


def test_list_named_article_with_a_bulleted_list_is_no_furniture() -> None:
    # `<div class="list_con">` holding an article whose text has a bulleted list (`<ol><li>`
    # of measures, as policy reports print them), on a page whose sidebars and comments hold
    # more text than the article (a portal's page: the box is no layout wrapper).
    items = "".join(
        f"<li>第{n}项措施：加强组织领导，压实工作责任，确保落地见效。</li>" for n in "一二三四"
    )
    teasers = "".join(
        f"<div><h3>另一篇文章的标题第{i}篇</h3><p>它的导语，说了这件事情的经过和各方看法。</p></div>"
        for i in range(40)
    )
    html = (
        f"<html><body><div class='list_con'><h1>某某市出台若干措施</h1>{PARA}<ol>{items}</ol>"
        f"{PARA}</div><div class='right'>{teasers}</div></body></html>"
    )
    root = Selector(text=html).root
    box = root.xpath("//div[@class='list_con']")[0]
    assert not page_chrome(root).body_furniture(box)


def test_article_beside_a_larger_data_table_keeps_its_text() -> None:
    # A report of four paragraphs; beside it (not in it) a 办事指南 box whose table of
    # label/value cells holds more than twice its text.
    rows = "".join(
        f"<tr><td>事项{n}名称</td><td>某某市民服务中心综合窗口受理的第{n}项便民服务事项，"
        f"提供材料清单、办理流程、办理时限和收费标准等信息</td></tr>"
        for n in range(12)
    )
    html = (
        f"<html><body><div class='article'>{PARA * 4}</div>"
        f"<div class='box'><table>{rows}</table></div></body></html>"
    )
    lines = _body_lines(html)
    assert lines and lines[0].startswith("　　会议指出")
    assert len([line for line in lines if line.startswith("　　会议指出")]) == 4


def _body(html: str):
    return (
        Selector(text=f"<html><body><div id='text'>{html}</div></body></html>")
        .xpath("//div[@id='text']")[0]
        .root
    )


def test_linked_document_titles_opening_a_policy_reading_are_kept() -> None:
    # A 政策解读 opens with the documents it reads, linked to their pages (not to files).
    html = (
        "<p><a href='/zhengce/content/2024-07/01/content_1.htm'>《国务院办公厅关于某某工作的通知》"
        "</a></p><p><a href='/zhengce/content/2024-07/02/content_2.htm'>某某省某某工作实施方案</a>"
        "</p>" + PARA * 2
    )
    body = _body(html)
    lines = without_leading_links(paragraphs(body), body)
    assert lines[0] == "《国务院办公厅关于某某工作的通知》"


def _chrome_image(src: str, size: str = "width='600' height='400'") -> bool:
    img = f"<p><img src='{src}' {size}></p>"
    html = f"<html><body><div class='article'>{PARA}{img}</div></body></html>"
    root = Selector(text=html).root
    body = root.xpath("//div[@class='article']")[0]
    return is_chrome_image(body.xpath(".//img")[0], page_chrome(root), body)


def test_photo_named_with_a_chrome_word_is_kept() -> None:
    # A report about a payment service or a phone shows it: the file names say so.
    assert not _chrome_image("/uploads/2024/07/wechat_pay_launch.jpg")
    assert not _chrome_image("/uploads/2024/07/Pixel8_review_01.jpg")


def test_declared_photo_in_a_zoom_link_is_kept() -> None:
    # Editors wrap photos in a link to no page for a zoom script.
    html = (
        f"<html><body><div class='article'>{PARA}<p><a href='#'><img src='/u/W0201.jpg'"
        " width='600' height='400'></a></p></div></body></html>"
    )
    root = Selector(text=html).root
    body = root.xpath("//div[@class='article']")[0]
    assert not is_chrome_image(body.xpath(".//img")[0], page_chrome(root), body)


def test_photo_set_with_linked_captions_is_kept() -> None:
    html = (
        f"<html><body><div class='article'>{PARA}<ul><li><img src='/u/W0202.jpg' width='600'"
        " height='400'><a href='/pic/2.html'>图为某某现场</a></li></ul></div></body></html>"
    )
    root = Selector(text=html).root
    body = root.xpath("//div[@class='article']")[0]
    assert not is_chrome_image(body.xpath(".//img")[0], page_chrome(root), body)


def test_declared_photo_in_a_theme_folder_is_kept() -> None:
    # A 主题教育 column keeps its uploads under /theme/ (a folder named like a template's).
    assert not _chrome_image("/theme/ztjy/2024/07/W020240701.jpg")


def test_first_sentence_naming_a_source_and_a_date_stays_in_the_body() -> None:
    # A report's first paragraph that quotes its source with a label ('（来源：市政府网站）')
    # and gives a date is text, not the byline of a header printed in the body box.
    first = (
        "2024年7月12日，市政府召开新闻发布会（来源：市政府网站），介绍了上半年全市经济运行情况。"
    )
    lines = [first, "会议指出，要坚持稳中求进工作总基调。"]
    assert split_header(lines) == ("", lines)
    assert not is_byline_line("作者：张三，2024年7月12日在北京参加了会议并作了发言。")


def test_event_notice_table_with_organizer_rows_is_data() -> None:
    # An event notice laid out as a label/value table names its organizers in label cells
    # ('主办单位 | 某某'); a site footer's table holds whole footer lines ('主办单位：某某').
    rows = (
        ("活动名称", "某某市第三届全民阅读诗歌朗诵大赛"),
        ("主办单位", "中共某某市委宣传部"),
        ("承办单位", "某某市文学艺术界联合会"),
        ("活动时间", "2024年7月15日至8月15日"),
        ("参赛对象", "本市各级机关企事业单位干部职工"),
    )
    table = "<table>" + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"
    assert data_table_score(Selector(text=table).xpath("//table")[0].root) > 0
    footer = (
        "<table><tr><td>主办单位：某某市人民政府办公厅</td><td>承办单位：某某市大数据中心</td></tr>"
        "<tr><td>版权所有：某某市人民政府</td><td>地址：某某市人民路1号</td></tr>"
        "<tr><td>网站标识码：3100000001</td><td>沪ICP备12345678号</td></tr></table>"
    )
    assert data_table_score(Selector(text=footer).xpath("//table")[0].root) == 0


def test_photos_in_a_share_named_wrapper_of_the_text_are_kept() -> None:
    # ifeng.com wraps its article text and photos in `<div class="js_img_share_area">`; where
    # the body found is the box around it, the wrapper is no share widget.
    html = (
        "<html><body><div class='main_content'><div class='js_img_share_area'>"
        f"{PARA * 3}<p><img src='/ucms/2019_36/00AD0DA7C3D22FAE_w690_h420.jpg'></p></div>"
        "<div class='share_box'><img src='/i/weixin_code.png'></div></div></body></html>"
    )
    root = Selector(text=html).root
    body = root.xpath("//div[@class='main_content']")[0]
    photo, code = body.xpath(".//img")
    assert not is_chrome_image(photo, page_chrome(root), body)
    assert is_chrome_image(code, page_chrome(root), body)


def test_list_named_short_notice_with_attachment_links_is_no_furniture() -> None:
    # A short 印发 notice in `div.list_con` whose attachments' names outweigh its one sentence
    # (gov.cn 信息公开 shape): links to files are the notice's own, not a list of pages.
    attachments = "".join(
        f"<p><a href='/u/2024/fj{n}.docx'>附件{n}：某某市2024年某某专项工作实施方案及任务表</a></p>"
        for n in range(1, 4)
    )
    teasers = "".join(
        f"<div><h3>另一篇文章的标题第{i}篇</h3><p>它的导语，说了这件事情的经过和各方看法。</p></div>"
        for i in range(40)
    )
    html = (
        "<html><body><div class='list_con'><p>各区县人民政府：现将有关方案印发给你们，"
        f"请认真贯彻执行。</p>{attachments}</div><div class='right'>{teasers}</div></body></html>"
    )
    root = Selector(text=html).root
    box = root.xpath("//div[@class='list_con']")[0]
    assert not page_chrome(root).body_furniture(box)
