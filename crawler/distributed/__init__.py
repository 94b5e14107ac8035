"""Distributed crawls on scrapy-redis and Redis: a leased frontier, politeness across workers,
the incremental state in Redis and one exporter (see README, "Many machines")."""
