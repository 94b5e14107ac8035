"""What a crawl fetched, kept: WARC capture, re-extraction from the archive, files, one dataset.

- `warc`: the rotating, atomically finished WARC writer (warcio) and the repair of a killed
  run's partial file;
- `capture`: the downloader middleware that archives every request and response of a crawl;
- `index`, `replay`: the archive's index and the download handler, spider and pipeline with
  which `python -m crawler reextract` runs the current profile over archived responses;
- `files`: attachments and body images on disk (Scrapy's FilesPipeline, content-addressed);
- `dataset`: the latest version of every article from all finished feeds (DuckDB);
- `cli`: the `reextract` and `dataset` commands.
"""
