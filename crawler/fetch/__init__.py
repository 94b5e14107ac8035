"""Fetching: downloader middlewares, failure classification, sniffing, encodings."""
