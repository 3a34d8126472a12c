"""A real ``redis-server`` (Debian's package; ``.ci/run`` installs it) on 127.0.0.1 and a free
port, with its files in a temporary folder, for one test."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from redis import Redis

from tests.archives.pywb import free_port, stop


def redis_server_or_skip() -> str:
    path = shutil.which("redis-server")
    if path is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    return path


@contextmanager
def run_redis(folder: Path, startup: float = 10.0) -> Iterator[str]:
    """Start a redis-server with no persistence; yields its ``redis://`` URL."""
    binary = redis_server_or_skip()
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (folder / "redis.log").open("wb")
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(folder),
         "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
        stdout=log, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        _wait_until_up(url, process, startup)
        yield url
    finally:
        stop(process)
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], startup: float) -> None:
    deadline = time.monotonic() + startup
    client = Redis.from_url(url, socket_timeout=1)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with status {process.returncode}")
        try:
            if client.ping():
                return
        except OSError:
            time.sleep(0.05)
        except Exception:  # redis' ConnectionError while it starts
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not answer at {url} within {startup:.0f} s")
