"""Canonical article URLs: one key per article, whatever scheme or tracking decoration.

Portals link the same article as http and https, and some add `?from=list` or `utm_*`
parameters to list links; keyed by the raw URL, such an article would be exported again.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit

from w3lib.url import canonicalize_url

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _tracking(name: str, patterns: tuple[str, ...]) -> bool:
    lowered = name.lower()
    return any(fnmatchcase(lowered, p.lower()) for p in patterns)


@lru_cache(maxsize=65536)
def canonical_url(url: str, tracking: tuple[str, ...] = ()) -> str:
    """`//host[:port]/path?query`: w3lib-canonical (sorted query, no fragment), without the
    scheme (http and https name one article) and without the `tracking` parameters (glob
    patterns such as `utm_*`)."""
    parts = urlsplit(canonicalize_url(url))
    return "//" + _host(parts) + _path_query(parts, tracking)


@lru_cache(maxsize=65536)
def url_key(url: str, home_host: str | None = None, tracking: tuple[str, ...] = ()) -> str:
    """Key of an article URL in the state: host-less on the portal's own host, so that a
    mirror on another port (the demo portal, a staging copy) keeps the same state."""
    parts = urlsplit(canonicalize_url(url))
    if home_host is not None and parts.hostname == home_host.lower():
        return _path_query(parts, tracking)
    return "//" + _host(parts) + _path_query(parts, tracking)


def _host(parts) -> str:
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a malformed port: keep the text, the key only has to be stable
        return parts.netloc.lower()
    if port is not None and port != _DEFAULT_PORTS.get(parts.scheme):
        host += f":{port}"
    return host


def _path_query(parts, tracking: tuple[str, ...]) -> str:
    query = parts.query
    if query and tracking:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _tracking(k, tracking)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return (parts.path or "/") + (f"?{query}" if query else "")


def http_address_problem(url: str) -> str | None:
    """What keeps `url` from being a record's address, in a few words; None if it is one:
    'http://' or 'https://' as the schema's '^https?://' wants it (urlsplit would lowercase
    'HTTP://'), and a host."""
    if not url.startswith(("http://", "https://")):
        if url.lower().startswith(("http://", "https://")):
            return "the scheme must be written in lowercase ('http://', 'https://')"
        return "not an http(s) address"
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on 'http://x.cn:99999/', 'http://x.cn:abc/'
    except ValueError as exc:  # 'http://[x', 'http://a]b/': urlsplit says what is wrong
        return f"not a valid address ({exc})"
    if not host:
        return "an http(s) address without a host"
    if any(c.isspace() for c in host):
        return f"a space in the host {host!r}"
    return None
