"""中国共产党新闻网 cpc.people.com.cn: crawler/profiles/people_cpc.toml."""

from spiders.base import PortalSpider


class PeopleCpcSpider(PortalSpider):
    name = "people_cpc"
