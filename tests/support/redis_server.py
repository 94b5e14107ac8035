"""A real redis-server for the distributed tests and the benchmark.

CI (.ci/run) starts one and sets DANGJIAN_TEST_REDIS_URL; without it, the `redis_url` fixture
starts `redis-server` itself (loopback, a free port, its own data folder) when the binary is
installed, and skips the test with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

ENV = "DANGJIAN_TEST_REDIS_URL"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def redis_server(data_dir: Path) -> Iterator[str]:
    """Start redis-server on 127.0.0.1 (no persistence), yield its URL, stop it."""
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
         "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    if shutil.which("redis-server") is None:
        pytest.skip(
            f"needs Redis: set {ENV} or install redis-server (apt-get install redis-server)"
        )
    with tempfile.TemporaryDirectory() as data, redis_server(Path(data)) as url:
        yield url


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test alone (tests and engineers may share one Redis)."""
    prefix = f"test{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
