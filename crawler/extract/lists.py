"""List pages (pure): entries from HTML, commented HTML, script arrays or Hanweb XML; next page;
empty notices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector

from crawler.extract.comments import uncommented_page
from crawler.extract.scriptdata import find_array
from crawler.extract.values import first_text, http_url
from crawler.normalize.dates import find_date
from crawler.site.model import ListSelectors
from crawler.site.selectors import select

# What CMSs print in a column that has nothing yet ("暂无内容", "暂无数据", "没有找到相关信息").
# A list page that says so is empty on purpose; one without entries *and* without such a
# notice is what a changed template looks like.
_EMPTY_NOTICE = re.compile(
    r"暂无(?:内容|数据|信息|记录|文章|相关)|没有(?:找到)?相关(?:内容|信息|记录)"
)
# An XML declaration naming a charset the text no longer has (it was decoded already).
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def declares_empty(sel: Selector) -> bool:
    """Whether the page's visible text announces an empty list."""
    text = " ".join(
        sel.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]").getall()
    )
    return bool(_EMPTY_NOTICE.search(text))


@dataclass
class ListEntry:
    url: str
    title: str | None = None
    date_raw: str | None = None


def list_page(sel: Selector, rules: ListSelectors) -> Selector:
    """The list page as its list rules read it: for source "commented_html", with the markup
    its comments hold for a script to show (entries, pager script and all); else as parsed."""
    return uncommented_page(sel) if rules.source == "commented_html" else sel


def extract_list(sel: Selector, url: str, rules: ListSelectors) -> list[ListEntry]:
    """The entries of a list page (`sel` from list_page), from its markup or from its inline
    script array."""
    if rules.source == "script_array":
        return _script_entries(sel, url, rules)
    return _html_entries(sel, url, rules)


def _html_entries(sel: Selector, url: str, rules: ListSelectors) -> list[ListEntry]:
    entries: list[ListEntry] = []
    seen: set[str] = set()
    if not rules.entry:
        return entries
    for entry in select(sel, rules.entry):
        link = http_url(url, first_text(entry, rules.link))
        if not link or link in seen:
            continue
        seen.add(link)
        date_text = first_text(entry, rules.date)
        entries.append(
            ListEntry(
                url=link,
                title=first_text(entry, rules.title) or first_text(entry, "a"),
                date_raw=_list_date(date_text),
            )
        )
    return entries


def _list_date(text: str | None) -> str | None:
    return (find_date(text) or text) if text else None


def _script_entries(sel: Selector, url: str, rules: ListSelectors) -> list[ListEntry]:
    """Entries from `item=[{'title':…,'brief':…,'link_add':…}]` in an inline script (12371)."""
    items = None
    for script in sel.xpath("//script/text()").getall():
        items = find_array(script, rules.array or "")
        if items is not None:
            break
    entries: list[ListEntry] = []
    seen: set[str] = set()
    for item in items or []:
        if not isinstance(item, dict):
            continue
        link = http_url(url, _key_text(item, rules.link_key))
        if not link or link in seen:
            continue
        seen.add(link)
        entries.append(
            ListEntry(
                url=link,
                title=_key_text(item, rules.title_key),
                date_raw=_list_date(_key_text(item, rules.date_key)),
            )
        )
    return entries


def _key_text(item: dict[str, object], key: str | None) -> str | None:
    value = item.get(key) if key else None
    text = " ".join(str(value).split()) if isinstance(value, str | int | float) else ""
    return text or None


def extract_dataproxy_list(
    text: str, url: str, rules: ListSelectors
) -> tuple[list[ListEntry], int | None]:
    """Entries and total record count of a Hanweb JCMS dataproxy answer.

    The answer is XML, `<datastore><totalrecord>123</totalrecord><recordset><record>
    <![CDATA[<li><a href="/art/…">…</a><span>2016-11-22</span></li>]]></record>…`: parsed as
    XML (entities are not resolved), each record's CDATA is an HTML fragment that the list's
    html selectors read like a list page.
    """
    xml = Selector(text=_XML_DECLARATION.sub("", text, count=1), type="xml")
    records = xml.xpath("//recordset/record/text()").getall()
    total_text = xml.xpath("normalize-space(//totalrecord)").get() or ""
    total = int(total_text) if total_text.isdigit() else None
    if not records:
        return [], total
    fragment = Selector(text="<html><body>" + "\n".join(records) + "</body></html>")
    return _html_entries(fragment, url, rules), total
