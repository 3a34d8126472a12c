"""What the hostile-source tests share: a crawl run as a user runs it (bounded in time, its peak
memory measured), a tiny HTTP server that can misbehave, and WARC records built byte by byte.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
QUIET = {"ARCHIVE_STATE": "", "ARCHIVE_PROGRESS_INTERVAL": "0", "ARCHIVE_INDEX_RATE": "0",
         "ARCHIVE_PAGE_RATE": "0"}


@dataclass
class Run:
    returncode: int
    log: str
    rows: list[dict[str, Any]]
    seconds: float
    max_rss_mb: float
    """Peak resident memory of the crawl process."""

    def stat(self, name: str) -> int:
        """A counter from the final stats dump (0 when absent)."""
        found = re.search(rf"'{re.escape(name)}': (\d+)", self.log)
        return int(found[1]) if found else 0

    @property
    def crawl_seconds(self) -> float:
        """From the spider's opening to its closing (Scrapy's ``elapsed_time_seconds``): what
        the crawl took, without the interpreter's start-up, which a loaded machine stretches
        (tests bounding it in wall time failed at load average 10)."""
        found = re.search(r"'elapsed_time_seconds': ([\d.]+)", self.log)
        assert found, "no elapsed_time_seconds in the stats: the crawl did not open"
        return float(found[1])


def crawl(*args: str, output: Path, settings: dict[str, str] | None = None,
          timeout: float = 120, stop_after: float | None = None) -> Run:
    """``scrapy crawl archive ARGS -O output`` in a subprocess, killed (and the test failed) past
    *timeout*; with *stop_after*, sent SIGTERM that many seconds after it started."""
    command = [sys.executable, "-m", "scrapy", "crawl", "archive", *args, "-O", str(output)]
    for name, value in {**QUIET, **(settings or {})}.items():
        command += ["-s", f"{name}={value}"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log_path = output.with_suffix(".log")
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=log)
        if stop_after is not None:
            threading.Timer(stop_after, process.send_signal, (signal.SIGTERM,)).start()
        status, peak_kb = _wait(process, timeout)
    rows = [json.loads(line) for line in output.read_text("utf-8").split("\n") if line.strip()] \
        if output.exists() else []
    return Run(os.waitstatus_to_exitcode(status), log_path.read_text("utf-8", "replace"), rows,
               time.monotonic() - started, peak_kb / 1024)


def _wait(process: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """The exit status and the peak resident memory (KiB) of the crawl. The peak is polled from
    /proc (``VmHWM``): Linux carries ``ru_maxrss`` across exec, so a child forked from a pytest
    that once held a million-link page would report that page's memory as its own."""
    deadline = time.monotonic() + timeout
    peak = 0
    while time.monotonic() < deadline:
        peak = max(peak, _high_water_kb(process.pid))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return status, peak or usage.ru_maxrss
        time.sleep(0.05)
    process.kill()
    process.wait()
    raise AssertionError(f"the crawl ran for more than {timeout} s")


def _high_water_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # gone (or no /proc): wait4's figure stands
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found[1]) if found else 0


Handler = Callable[[str, BaseHTTPRequestHandler], None]
"""Answers one GET: the request path and the handler (to write the answer with)."""


@contextmanager
def serve(answer: Handler) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) answering with *answer*; yields its
    root URL. Connections still open at the end are dropped."""

    class Http(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            with suppress(BrokenPipeError, ConnectionResetError):
                answer(self.path, self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Http)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes,
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def drip(handler: BaseHTTPRequestHandler, every: float = 0.5, content_type: str = "text/html",
         seconds: float = 600) -> None:
    """Answer 200 and then one byte every *every* seconds, for up to *seconds*."""
    handler.send_response(200)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(10**6))
    handler.end_headers()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(every)


def free_port() -> int:
    """A port nothing listens on (free when asked)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gzip_bomb(size: int, prefix: bytes = b"", fill: bytes = b"\0", piece: int = 1 << 20
              ) -> bytes:
    """A valid gzip stream of *prefix* then *size* bytes of *fill* (about a thousandth of that),
    built fast: after a full flush, deflate writes the same bytes for each further piece."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = fill * piece
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    crc = zlib.crc32(prefix)
    for _ in range(size // piece):
        crc = zlib.crc32(block, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (len(prefix) + size) & 0xFFFFFFFF)
    return header + head + again * (size // piece) + end + trailer


def post_page(post_id: int, title: str, url: str, text: str = "", head: str = "") -> bytes:
    """A minimal WordPress post page (UTF-8; *head* goes first in ``<head>``)."""
    return (f'<!DOCTYPE html><html><head>{head}<title>{title}</title>'
            f'<link rel="canonical" href="{url}"></head>'
            f'<body class="post-template-default single postid-{post_id}">'
            f'<article id="post-{post_id}" class="post-{post_id} post hentry">'
            f'<h1 class="entry-title">{title}</h1>'
            f'<div class="entry-content"><p>{text or title + ": a post of the site."}</p></div>'
            f'</article></body></html>').encode()


# --- WARC records, byte by byte (warcio would refuse to write the damaged ones) ---------------

def http_response(body: bytes, headers: dict[str, str] | None = None) -> bytes:
    lines = [b"HTTP/1.1 200 OK", *(f"{k}: {v}".encode() for k, v in
                                   {"Content-Type": "text/html; charset=utf-8",
                                    **(headers or {})}.items())]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def warc_record(url: str, block: bytes, date: str, *, length: int | None = None,
                digest: bool = True, number: int = 0) -> bytes:
    """A ``response`` record holding *block* (an HTTP response); *length*: a wrong
    ``Content-Length`` to declare."""
    payload = block.split(b"\r\n\r\n", 1)[1]
    headers = {
        "WARC-Type": "response",
        "WARC-Target-URI": url,
        "WARC-Date": date,
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
        "Content-Type": "application/http; msgtype=response",
        "Content-Length": str(len(block) if length is None else length),
    }
    if digest:
        sha1 = base64.b32encode(hashlib.sha1(payload).digest()).decode()
        headers["WARC-Payload-Digest"] = f"sha1:{sha1}"
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    return head.encode() + block + b"\r\n\r\n"


def gz(record: bytes) -> bytes:
    """One gzip member, as ``.warc.gz`` files hold each record."""
    return gzip.compress(record, mtime=0)
