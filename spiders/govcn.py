"""中国政府网 www.gov.cn: crawler/profiles/govcn.toml."""

from spiders.base import PortalSpider


class GovcnSpider(PortalSpider):
    name = "govcn"
