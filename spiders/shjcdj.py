"""上海基层党建网 (www.shjcdj.cn): selectors and columns live in crawler/profiles/shjcdj.toml."""

from spiders.base import PortalSpider


class ShjcdjSpider(PortalSpider):
    name = "shjcdj"
