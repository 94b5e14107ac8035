"""Attachments and images on disk (FILES_ENABLED): the demo's PDF lands content-addressed with
the right checksum, a failed download is recorded and keeps the article, and a later run does
not fetch a stored file again."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest_twisted
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.warc import KIND_FIELD, warc_files
from crawler.demo.server import Answer, serve
from spiders.portal import PortalSpider
from tests.conftest import DEMO_SITE, run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")

WITH_PDFS = "djyw/202103/t20210318_2006.html"
PDF = "files/2021/P020210318402512.pdf"
MISSING = "files/2021/P020210601123457.pdf"


def archived_kinds(folder: Path) -> list[str]:
    kinds = []
    for path in warc_files(folder):
        with path.open("rb") as f:
            kinds += [r.rec_headers.get_header(KIND_FIELD) for r in ArchiveIterator(f)
                      if r.rec_type == "response"]  # fmt: skip
    return kinds


@pytest_twisted.ensureDeferred
async def test_attachments_on_disk_checksummed_and_not_fetched_again(tmp_path):
    gone = {f"/{MISSING}": lambda request: Answer(404, b"not found")}
    server, base_url = serve(DEMO_SITE, handlers=gone)
    out = tmp_path / "out"
    settings = {"FILES_ENABLED": True}
    try:
        first = await run_crawl(ShjcdjSpider, out, settings, base_url=base_url)
        # A second crawl that exports the same articles again (its own output and state),
        # into the same file store.
        store = {"FILES_STORE": str(out / "files" / "%(name)s")}
        second = await run_crawl(ShjcdjSpider, tmp_path / "out2", {**settings, **store},
                                 base_url=base_url)  # fmt: skip
    finally:
        server.shutdown()
    by_url = {item["url"]: item for item in first.items}
    record = by_url[base_url + WITH_PDFS]
    entry = next(f for f in record["files"] if f["url"] == base_url + PDF)
    data = (DEMO_SITE / PDF).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert entry["status"] == "downloaded" and entry["kind"] == "attachment"
    assert entry["sha256"] == digest and entry["size"] == len(data)
    assert entry["content_type"] == "application/pdf"
    path = Path(entry["path"])
    assert path == out / "files" / "shjcdj" / digest[:2] / f"{digest}.pdf"
    assert path.read_bytes() == data
    # The 404 attachment is recorded with its reason; its article is exported all the same.
    failed = [f for item in first.items for f in item["files"] if f["status"] == "failed"]
    assert [(f["url"], f["error"]) for f in failed] == [(base_url + MISSING, "http_404")]
    assert first.stats["files/failed/http_404"] == 1
    assert "log_count/ERROR" not in first.stats  # a portal's missing file is no crawler fault
    # Body images are stored too.
    images = [f for item in first.items for f in item["files"] if f["kind"] == "image"]
    assert images and all(f["status"] == "downloaded" for f in images)
    assert "file" in archived_kinds(out / "archive" / "shjcdj")  # the downloads are archived

    again = {item["url"]: item for item in second.items}[base_url + WITH_PDFS]
    entry2 = next(f for f in again["files"] if f["url"] == base_url + PDF)
    assert entry2["status"] == "uptodate" and entry2["sha256"] == digest
    assert "files/stored" not in second.stats
    requested = second.stats["downloader/request_count"]
    assert requested == first.stats["downloader/request_count"] - first.stats["files/stored"]
