"""An in-memory index of a spider's WARC files: which response answers which request.

Built by reading every record header once (the bodies are not kept), it maps (method,
canonical URL, request body digest) to the archived response's file and offset. When a URL
was archived more than once (several runs, retries), the newest response wins, unless it is a
transient error (5xx, 429, 408) and an older one is not.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.warc import COLUMN_FIELD, KIND_FIELD, WARC_SUFFIX, warc_files

TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504, 520, 521, 522, 524})


def run_of(path: Path) -> str:
    """The run id a WARC file belongs to: its name before `-NNNNN.warc.gz`."""
    return path.name[: -len(WARC_SUFFIX)].rsplit("-", 1)[0]


def _digest(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()


@dataclass
class Entry:
    path: Path
    offset: int
    url: str
    status: int
    date: str
    kind: str
    column: str | None
    run_id: str
    method: str = "GET"
    body_digest: str = _digest(b"")

    def key(self) -> tuple[str, str, str]:
        return (self.method, canonicalize_url(self.url), self.body_digest)


@dataclass
class Archived:
    """An archived response as the portal sent it."""

    status: int
    protocol: str
    headers: list[tuple[bytes, bytes]]
    body: bytes


def _parse_http(block: bytes) -> tuple[str, int, list[tuple[bytes, bytes]], bytes]:
    head, _, body = block.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    protocol, _, rest = lines[0].partition(b" ")
    status = int(rest.split(b" ", 1)[0] or 0)
    headers = []
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if sep:
            headers.append((name.strip(), value.strip()))
    return protocol.decode("latin-1"), status, headers, body


class ArchiveIndex:
    def __init__(self, entries: list[Entry], base_url: str | None, files: list[Path]):
        self.files = files
        self.base_url = base_url
        self.entries = entries
        self.by_key: dict[tuple[str, str, str], Entry] = {}
        for entry in sorted(entries, key=lambda e: (e.run_id, e.date)):
            key = entry.key()
            held = self.by_key.get(key)
            if held is None or not (
                entry.status in TRANSIENT_STATUSES and held.status not in TRANSIENT_STATUSES
            ):
                self.by_key[key] = entry

    @classmethod
    def build(cls, folder: Path, runs: set[str] | None = None) -> ArchiveIndex:
        files = [p for p in warc_files(folder) if runs is None or run_of(p) in runs]
        entries: list[Entry] = []
        base_url = None
        for path in files:
            by_id: dict[str, Entry] = {}
            with path.open("rb") as f:
                iterator = ArchiveIterator(f, no_record_parse=True)
                for record in iterator:
                    headers = record.rec_headers
                    if record.rec_type == "warcinfo":
                        info = record.raw_stream.read().decode("utf-8", "replace")
                        for line in info.splitlines():
                            if line.startswith("base-url:") and line[9:].strip():
                                base_url = line[9:].strip()
                        continue
                    if record.rec_type == "response":
                        status_line = record.raw_stream.read(64).split(b"\r\n", 1)[0]
                        status = int(status_line.split(b" ")[1])
                        column = headers.get_header(COLUMN_FIELD)
                        entry = Entry(
                            path=path,
                            offset=iterator.get_record_offset(),
                            url=headers.get_header("WARC-Target-URI"),
                            status=status,
                            date=headers.get_header("WARC-Date") or "",
                            kind=headers.get_header(KIND_FIELD) or "other",
                            column=unquote(column) if column else None,
                            run_id=run_of(path),
                        )
                        by_id[headers.get_header("WARC-Record-ID")] = entry
                        entries.append(entry)
                    elif record.rec_type == "request":
                        answered = by_id.get(headers.get_header("WARC-Concurrent-To") or "")
                        if answered is not None:
                            block = record.raw_stream.read()
                            head, _, body = block.partition(b"\r\n\r\n")
                            answered.method = head.split(b" ", 1)[0].decode("latin-1")
                            answered.body_digest = _digest(body)
        return cls(entries, base_url, files)

    def runs(self) -> list[str]:
        return sorted({run_of(p) for p in self.files})

    def lookup(self, method: str, url: str, body: bytes = b"") -> Entry | None:
        return self.by_key.get((method, canonicalize_url(url), _digest(body)))

    def articles(self) -> list[Entry]:
        """The newest archived answer of every article URL, unless it was an HTTP error."""
        chosen = [e for e in self.by_key.values() if e.kind == "article" and e.status < 400]
        return sorted(chosen, key=lambda e: e.url)

    @staticmethod
    def read(entry: Entry) -> Archived:
        with entry.path.open("rb") as f:
            f.seek(entry.offset)
            record = next(iter(ArchiveIterator(f, no_record_parse=True)))
            protocol, status, headers, body = _parse_http(record.raw_stream.read())
        return Archived(status, protocol, headers, body)
