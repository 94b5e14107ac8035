"""dangjian-crawler: crawl Chinese Party-building (党建) portals into normalized JSON lines."""
