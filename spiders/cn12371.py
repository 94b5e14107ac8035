"""共产党员网 www.12371.cn: crawler/profiles/cn12371.toml."""

from spiders.base import PortalSpider


class Cn12371Spider(PortalSpider):
    name = "cn12371"
