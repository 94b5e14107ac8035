"""中央纪委国家监委网站 www.ccdi.gov.cn: crawler/profiles/ccdi.toml."""

from spiders.base import PortalSpider


class CcdiSpider(PortalSpider):
    name = "ccdi"
