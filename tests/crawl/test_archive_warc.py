"""WARC capture: a demo crawl's archive reads back with warcio, one response per fetched URL."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_twisted
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.warc import (
    COLUMN_FIELD,
    KIND_FIELD,
    Exchange,
    RotatingWarcWriter,
    recover_partial,
    warc_files,
)
from spiders.portal import PortalSpider
from tests.conftest import CrawlResult, run_crawl

ShjcdjSpider = PortalSpider.for_profile("shjcdj")


@pytest.fixture(scope="module")
def archived_crawl(demo_portal: str, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    out = tmp_path_factory.mktemp("warc-crawl")
    return pytest_twisted.blockon(run_crawl(ShjcdjSpider, out, base_url=demo_portal))


def read_all(paths: list[Path]) -> list:
    records = []
    for path in paths:
        with path.open("rb") as f:
            for record in ArchiveIterator(f, check_digests=True):
                record.body = record.content_stream().read()
                records.append(record)
    return records


def test_every_response_is_archived_with_its_request(archived_crawl):
    folder = archived_crawl.output_dir / "archive" / "shjcdj"
    files = warc_files(folder)
    assert files and not list(folder.glob("*.part"))
    records = read_all(files)
    types = [r.rec_type for r in records]
    assert types[0] == "warcinfo"
    responses = [r for r in records if r.rec_type == "response"]
    requests = {r.rec_headers.get_header("WARC-Concurrent-To"): r for r in records
                if r.rec_type == "request"}  # fmt: skip
    stats = archived_crawl.stats
    assert len(responses) == stats["response_received_count"]
    assert len(responses) == stats["warc/responses"]
    info_ids = {r.rec_headers.get_header("WARC-Record-ID") for r in records
                if r.rec_type == "warcinfo"}  # fmt: skip
    for response in responses:
        headers = response.rec_headers
        for name in ("WARC-Target-URI", "WARC-Date", "WARC-Payload-Digest", "WARC-Block-Digest"):
            assert headers.get_header(name), name
        assert headers.get_header("WARC-Warcinfo-ID") in info_ids
        assert response.http_headers.get_statuscode()
        request = requests[headers.get_header("WARC-Record-ID")]
        assert request.rec_headers.get_header("WARC-Target-URI") == headers.get_header(
            "WARC-Target-URI"
        )
        assert request.http_headers.get_header("User-Agent").startswith("dangjian-crawler")
    # Every exported article's page is in the archive, marked as an article of its column.
    articles = {r.rec_headers.get_header("WARC-Target-URI"): r for r in responses
                if r.rec_headers.get_header(KIND_FIELD) == "article"}  # fmt: skip
    for item in archived_crawl.items:
        assert item["url"] in articles
        assert articles[item["url"]].rec_headers.get_header(COLUMN_FIELD)
    kinds = {r.rec_headers.get_header(KIND_FIELD) for r in responses}
    assert {"robots", "list", "article"} <= kinds


def test_warcinfo_names_the_run(archived_crawl):
    folder = archived_crawl.output_dir / "archive" / "shjcdj"
    (feed,) = archived_crawl.feeds
    run_id = feed.name.removesuffix(".jsonl")
    info = read_all(warc_files(folder))[0]
    assert info.rec_type == "warcinfo"
    text = info.body.decode()
    assert f"run-id: {run_id}" in text
    assert "isPartOf: shjcdj" in text
    assert warc_files(folder)[0].name.startswith(run_id)


WARCIO_CLI = Path(sys.executable).with_name("warcio")


@pytest.mark.skipif(not WARCIO_CLI.exists(), reason="warcio CLI absent")
def test_warcio_check_passes(archived_crawl):
    folder = archived_crawl.output_dir / "archive" / "shjcdj"
    cli = str(WARCIO_CLI)
    result = subprocess.run(
        [cli, "check", "-v", *map(str, warc_files(folder))], capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def exchange(n: int) -> Exchange:
    return Exchange(
        url=f"http://x.cn/a/{n}.html", method="GET", request_target=f"/a/{n}.html",
        request_headers=[(b"Host", b"x.cn")], request_body=b"", status=200, reason="OK",
        protocol="HTTP/1.1",
        response_headers=[(b"Content-Type", b"text/html; charset=utf-8"),
                          (b"X-Raw", "é".encode())],
        response_body=("<p>" + "正文" * 500 + "</p>").encode(),
    )  # fmt: skip


def test_rotation_and_atomic_finish(tmp_path):
    writer = RotatingWarcWriter(tmp_path, "run1", {"run-id": "run1"}, max_size=1500)
    writer.write(exchange(0))
    assert list(tmp_path.glob("*.part")) and not warc_files(tmp_path)  # not yet visible
    for n in range(1, 6):
        writer.write(exchange(n))
    files = writer.close()
    assert len(files) == 3 and files == warc_files(tmp_path)
    assert not list(tmp_path.glob("*.part"))
    records = read_all(files)
    assert sum(r.rec_type == "response" for r in records) == 6
    assert sum(r.rec_type == "warcinfo" for r in records) == len(files)  # one per file
    # Header bytes as given (warcio would have percent-encoded the non-ASCII value).
    first = next(r for r in records if r.rec_type == "response")
    assert first.http_headers.get_header("X-Raw") == "é"


def test_a_killed_runs_partial_warc_is_closed_and_kept(tmp_path):
    writer = RotatingWarcWriter(tmp_path, "run1", {"run-id": "run1"}, max_size=10**9)
    for n in range(3):
        writer.write(exchange(n))
    writer.file.close()  # the process dies: no finish, no rename
    part = writer.part
    data = part.read_bytes()
    # Killed in the middle of the fourth exchange: a torn gzip member at the end.
    torn = gzip.compress(b"WARC/1.1\r\nContent-Length: 99999\r\n\r\n" + b"x" * 50)[:40]
    part.write_bytes(data + torn)
    (repaired,) = recover_partial(tmp_path)
    assert repaired.torn_bytes == len(torn)
    assert repaired.path.name == "run1-00000.warc.gz"
    records = read_all([repaired.path])
    assert [r.rec_type for r in records] == ["warcinfo"] + ["response", "request"] * 3


@pytest_twisted.ensureDeferred
async def test_the_next_crawl_closes_a_killed_runs_partial_warc(demo_portal, tmp_path):
    folder = tmp_path / "archive" / "shjcdj"
    killed = RotatingWarcWriter(folder, "20260101T000000.000Z", {"run-id": "x"}, 10**9)
    killed.write(exchange(0))
    killed.file.close()  # killed: the .part stays
    result = await run_crawl(ShjcdjSpider, tmp_path, base_url=demo_portal)
    assert result.stats["warc/recovered_files"] == 1
    assert not list(folder.glob("*.part"))
    kept = folder / "20260101T000000.000Z-00000.warc.gz"
    assert [r.rec_type for r in read_all([kept])] == ["warcinfo", "response", "request"]
    assert len(warc_files(folder)) == 2  # the killed run's and this run's
