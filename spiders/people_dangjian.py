"""人民网党建 dangjian.people.com.cn: crawler/profiles/people_dangjian.toml."""

from spiders.base import PortalSpider


class PeopleDangjianSpider(PortalSpider):
    name = "people_dangjian"
