"""Spiders: one module per portal (name = profile id), plus the generic `article` spider."""
