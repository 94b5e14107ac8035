"""WARC files (ISO 28500, WARC/1.1) written with warcio: rotated, gzip per record, atomic.

A file is written as `<run_id>-<seq>.warc.gz.part` and renamed to `<run_id>-<seq>.warc.gz`
when it reaches WARC_MAX_SIZE or the crawl closes, so a consumer that picks up `*.warc.gz`
never sees a half-written file. Every file opens with a `warcinfo` record (run id, spider,
software, operator) that the other records point to with WARC-Warcinfo-ID. A killed run's
`.part` file is cut after its last complete record and renamed on the next start
(`recover_partial`).

Records are serialized by warcio (digests, lengths, record ids) into memory and compressed
here, one gzip member each, at WARC_GZIP_LEVEL (warcio's own writer always uses level 9).
"""

from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crawler.run.inuse import in_use, open_locked

PART_SUFFIX = ".part"
WARC_SUFFIX = ".warc.gz"
# WARC extension fields of this crawler (standard readers ignore them): what the request was
# for (`list`, `article`, `continuation`, `file`, `robots`, `other`) and the column it served.
KIND_FIELD = "WARC-Dangjian-Kind"
COLUMN_FIELD = "WARC-Dangjian-Column"


class _RawHeaders(StatusAndHeaders):
    """HTTP headers written byte for byte as given (warcio would re-encode non-ASCII values)."""

    def __init__(self, raw: bytes, statusline: str, headers: list[tuple[str, str]], **kw: Any):
        super().__init__(statusline, headers, **kw)
        self.headers_buff = raw

    def compute_headers_buffer(self, header_filter: Any = None) -> None:
        pass  # keep the raw block


def header_block(first_line: bytes, headers: list[tuple[bytes, bytes]]) -> bytes:
    lines = [first_line, *(name + b": " + value for name, value in headers)]
    return b"\r\n".join(lines) + b"\r\n\r\n"


@dataclass
class Exchange:
    """One request and the response it got, as the crawler saw them."""

    url: str
    method: str
    request_target: str  # path and query, as on the request line
    request_headers: list[tuple[bytes, bytes]]
    request_body: bytes
    status: int
    reason: str
    protocol: str  # "HTTP/1.1"
    response_headers: list[tuple[bytes, bytes]]
    response_body: bytes
    ip_address: str | None = None
    extra: dict[str, str] = field(default_factory=dict)  # WARC fields of this crawler


def _latin1(pairs: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in pairs]


class RotatingWarcWriter:
    """Writes exchanges to `<folder>/<prefix>-NNNNN.warc.gz`, a new file past `max_size`."""

    def __init__(
        self, folder: Path, prefix: str, info: dict[str, str], max_size: int, gzip_level: int = 6
    ):
        self.folder = folder
        self.prefix = prefix
        self.info = info
        self.max_size = max_size
        self.gzip_level = gzip_level
        self.builder = WARCWriter(BytesIO(), gzip=False, warc_version="1.1")
        self.seq = 0
        self.file: Any = None
        self.part: Path | None = None
        self.warcinfo_id = ""
        self.size = 0
        self.finished: list[Path] = []
        self.records = 0
        self.bytes_written = 0  # compressed bytes over all files

    # --- records --------------------------------------------------------------------------

    def _member(self, record: Any) -> bytes:
        out = BytesIO()
        self.builder.out = out
        self.builder.write_record(record)
        compressor = zlib.compressobj(self.gzip_level, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        return compressor.compress(out.getvalue()) + compressor.flush()

    def _write(self, *members: bytes) -> None:
        data = b"".join(members)
        self.file.write(data)
        self.size += len(data)
        self.bytes_written += len(data)

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}-{self.seq:05d}{WARC_SUFFIX}"
        self.part = self.folder / (name + PART_SUFFIX)
        self.file = open_locked(self.part, "wb")  # kept open across calls
        self.size = 0
        info = self.builder.create_warcinfo_record(name, self.info)
        self.warcinfo_id = info.rec_headers.get_header("WARC-Record-ID")
        self._write(self._member(info))
        self.records += 1

    def write(self, exchange: Exchange) -> None:
        if self.file is None:
            self._open()
        response, request = self._records(exchange)
        self._write(self._member(response), self._member(request))
        self.records += 2
        if self.size >= self.max_size:
            self._finish()
            self.seq += 1

    def _records(self, ex: Exchange) -> tuple[Any, Any]:
        fields = {"WARC-Warcinfo-ID": self.warcinfo_id, **ex.extra}
        if ex.ip_address:
            fields["WARC-IP-Address"] = ex.ip_address
        status_line = f"{ex.status} {ex.reason}".strip()
        raw = header_block(f"{ex.protocol} {status_line}".encode("latin-1"), ex.response_headers)
        http = _RawHeaders(raw, status_line, _latin1(ex.response_headers), protocol=ex.protocol)
        response = self.builder.create_warc_record(
            ex.url, "response", payload=BytesIO(ex.response_body),
            length=len(ex.response_body), http_headers=http, warc_headers_dict=fields,
        )  # fmt: skip
        request_line = f"{ex.method} {ex.request_target} HTTP/1.1"
        raw = header_block(request_line.encode("latin-1"), ex.request_headers)
        http = _RawHeaders(raw, request_line, _latin1(ex.request_headers), is_http_request=True)
        request = self.builder.create_warc_record(
            ex.url, "request", payload=BytesIO(ex.request_body),
            length=len(ex.request_body), http_headers=http,
            warc_headers_dict={"WARC-Warcinfo-ID": self.warcinfo_id},
        )  # fmt: skip
        # The pair shares the response's date; the request names it as concurrent.
        request.rec_headers.replace_header(
            "WARC-Date", response.rec_headers.get_header("WARC-Date")
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        return response, request

    # --- files ----------------------------------------------------------------------------

    def _finish(self) -> None:
        if self.file is None or self.part is None:
            return
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        final = self.part.with_name(self.part.name[: -len(PART_SUFFIX)])
        os.replace(self.part, final)
        self.finished.append(final)
        self.file = self.part = None

    def close(self) -> list[Path]:
        """Finish the open file; the paths of every file this writer finished."""
        self._finish()
        return self.finished


def complete_members_end(data: bytes) -> int:
    """Offset just past the last complete gzip member holding a whole WARC record."""
    good = offset = 0
    while offset < len(data):
        decompressor = zlib.decompressobj(zlib.MAX_WBITS + 16)
        try:
            record = decompressor.decompress(data[offset:])
        except zlib.error:
            break
        if not decompressor.eof or not _whole_record(record):
            break
        offset = len(data) - len(decompressor.unused_data)
        good = offset
    return good


def _whole_record(record: bytes) -> bool:
    head, sep, rest = record.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"WARC/"):
        return False
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(rest) == int(value.strip()) + 4  # the block, then CRLF CRLF
    return False


@dataclass
class Repaired:
    path: Path
    kept_bytes: int
    torn_bytes: int


def part_of(path: Path) -> str | None:
    """The spider its warcinfo record names (`isPartOf`), from the file's first gzip member;
    None if that cannot be read."""
    with path.open("rb") as f:
        head = f.read(64 * 1024)
    try:
        info = zlib.decompressobj(wbits=31).decompress(head, 64 * 1024)
    except zlib.error:
        return None
    match = re.search(rb"\r\nisPartOf: ([^\r\n]+)", info)
    return match.group(1).decode("utf-8", "replace") if match else None


def recover_partial(folder: Path, spider: str | None = None) -> list[Repaired]:
    """Close the `.warc.gz.part` files a killed run left: keep every complete record, drop a
    torn last one, rename into place. A file without one complete record is removed. In a
    WARC_DIR spiders share, another spider's file is left for its own next start (a live one
    always: in_use)."""
    repaired: list[Repaired] = []
    if not folder.is_dir():
        return repaired
    for part in sorted(folder.glob(f"*{WARC_SUFFIX}{PART_SUFFIX}")):
        if in_use(part):
            continue  # being written by another spider's crawl
        if spider is not None and part_of(part) not in (None, spider):
            continue  # another spider's killed run: its own next start closes it
        data = part.read_bytes()
        end = complete_members_end(data)
        final = part.with_name(part.name[: -len(PART_SUFFIX)])
        if end == 0:
            part.unlink()
        else:
            with part.open("r+b") as f:
                f.truncate(end)
                f.flush()
                os.fsync(f.fileno())
            os.replace(part, final)
        repaired.append(Repaired(final, end, len(data) - end))
    return repaired


def warc_files(folder: Path) -> list[Path]:
    """Finished WARC files of a folder, oldest run first."""
    return sorted(folder.glob(f"*{WARC_SUFFIX}")) if folder.is_dir() else []
