"""Extraction (pure): a page's Selector and URL in, raw field values out."""
