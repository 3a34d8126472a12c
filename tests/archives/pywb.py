"""Run a real pywb (``wb-manager`` + ``wayback``) over WARC files, on 127.0.0.1 and a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COLLECTION = "coll"


OWN_VENV = Path(__file__).resolve().parents[2] / ".venv-pywb" / "bin"
"""pywb's own venv (``.ci/run`` makes it): pywb pins ``redis==2.10.6``, and the crawler's
distributed mode needs a newer redis client, so the two cannot share one venv."""


def pywb_tool(name: str) -> str | None:
    """The path of a pywb command: in pywb's own venv, beside this Python, or on the PATH."""
    for folder in (OWN_VENV, Path(sys.executable).parent):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


@contextmanager
def run_pywb(warcs: list[Path], workdir: Path, startup: float = 30.0) -> Iterator[str]:
    """Index *warcs* into a collection under *workdir* and serve it; yields the replay prefix
    ``http://127.0.0.1:PORT/coll/``. The server is stopped on exit."""
    manager, wayback = pywb_tool("wb-manager"), pywb_tool("wayback")
    if manager is None or wayback is None:
        raise RuntimeError("pywb is not installed (pip install -e '.[test]')")
    subprocess.run([manager, "init", COLLECTION], cwd=workdir, check=True, capture_output=True)
    subprocess.run(
        [manager, "add", COLLECTION, *map(str, warcs)], cwd=workdir, check=True, capture_output=True
    )
    port = free_port()
    log = (workdir / "wayback.log").open("wb")
    process = subprocess.Popen(
        [wayback, "-b", "127.0.0.1", "-p", str(port)],
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    prefix = f"http://127.0.0.1:{port}/{COLLECTION}/"
    try:
        _wait_until_up(prefix + "cdx?url=example.org&limit=1", process, startup)
        yield prefix
    finally:
        stop(process)
        log.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a server, killing it if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], startup: float) -> None:
    deadline = time.monotonic() + startup
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pywb exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"pywb did not answer {url} within {startup:.0f} s")
