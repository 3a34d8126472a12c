"""A small Wayback-style archive (IA's CDX API + ``id_`` replay) that misbehaves on cue.

It logs every request it receives with its arrival time, answers index queries and capture
fetches from a script (429 with or without ``Retry-After``, 503), and can go dark for a while
(its port closed: connections are refused, as when the Internet Archive's firewall blocks an IP).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TIMESTAMP = "20180101000000"
MEMENTO_DATE = "Mon, 01 Jan 2018 00:00:00 GMT"


@dataclass(frozen=True)
class Trouble:
    """What to answer instead of the real thing: a status, and a ``Retry-After`` if any."""

    status: int
    retry_after: str | None = None


@dataclass
class Logged:
    at: float
    kind: str
    """``index`` or ``page``."""
    path: str
    status: int


@dataclass
class Script:
    pages: dict[str, bytes]
    """Original URL -> HTML (captured with status 200 at :data:`TIMESTAMP`)."""
    index_trouble: list[Trouble] = field(default_factory=list)
    """Answers to the first index queries, in order (then the real rows)."""
    page_trouble: dict[int, Trouble] = field(default_factory=dict)
    """Page request number (1-based) -> the answer it gets instead."""
    dark_after_page: int | None = None
    """Close the port after answering this page request..."""
    dark_for: float = 0.0
    """...for this many seconds."""
    cdx_page_size: int = 1000
    page_headers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Original URL -> headers its capture is replayed with besides the usual ones."""
    cdx_answer: tuple[str, bytes] | None = None
    """``(Content-Type, body)`` answered with 200 to every index query instead of the rows."""


class FakeWayback:
    def __init__(self, script: Script, host: str = "127.0.0.1") -> None:
        """*host*: the name its URLs give (it listens on 127.0.0.1 whatever the name; see
        :mod:`tests.archives.resolver` for names that look remote)."""
        self.script = script
        self.host = host
        self.log: list[Logged] = []
        self.lock = threading.Lock()
        self.server = self._listen(0)
        self.port = self.server.server_address[1]
        self.dark_until = 0.0

    @property
    def prefix(self) -> str:
        return f"http://{self.host}:{self.port}/web/"

    @property
    def cdx_url(self) -> str:
        return f"http://{self.host}:{self.port}/cdx/search/cdx"

    def times(self, kind: str) -> list[float]:
        return [entry.at for entry in self.log if entry.kind == kind]

    def answer(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        kind = "index" if path.startswith("/cdx/") else "page"
        with self.lock:
            number = sum(entry.kind == kind for entry in self.log) + 1
            trouble = (
                self.script.index_trouble[number - 1]
                if kind == "index" and number <= len(self.script.index_trouble)
                else self.script.page_trouble.get(number)
                if kind == "page"
                else None
            )
            status, headers, body = (
                self._trouble(trouble)
                if trouble
                else self._cdx(path)
                if kind == "index"
                else self._replay(path)
            )
            self.log.append(Logged(time.monotonic(), kind, path, status))
            if kind == "page" and number == self.script.dark_after_page:
                threading.Thread(target=self._go_dark, daemon=True).start()
        return status, headers, body

    def _trouble(self, trouble: Trouble) -> tuple[int, list[tuple[str, str]], bytes]:
        headers = [("Retry-After", trouble.retry_after)] if trouble.retry_after else []
        return trouble.status, headers, b"slow down"

    def _cdx(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if self.script.cdx_answer is not None:
            content_type, body = self.script.cdx_answer
            return 200, [("Content-Type", content_type)], body
        query = parse_qs(urlsplit(path).query)
        start = int(query.get("resumeKey", ["0"])[0])
        urls = sorted(self.script.pages)
        chunk = urls[start : start + self.script.cdx_page_size]
        table: list[list[str]] = [
            ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
        ]
        table += [[u, TIMESTAMP, u, "text/html", "200", f"D{i}", "1"] for i, u in enumerate(chunk)]
        if start + len(chunk) < len(urls):
            table += [[], [str(start + len(chunk))]]
        return 200, [("Content-Type", "application/json")], json.dumps(table).encode()

    def _replay(self, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
        original = path.split("id_/", 1)[-1]
        if original not in self.script.pages:
            return 404, [("Content-Type", "text/html")], b"<html>Hrm. Not archived.</html>"
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Memento-Datetime", MEMENTO_DATE)]
        headers += self.script.page_headers.get(original, [])
        return 200, headers, self.script.pages[original]

    def _go_dark(self) -> None:
        self.server.shutdown()  # the answer in flight has its own thread: it still goes out
        self.server.server_close()
        time.sleep(self.script.dark_for)
        self.server = self._listen(self.port)

    def _listen(self, port: int) -> ThreadingHTTPServer:
        archive = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                status, headers, body = archive.answer(self.path)
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        server.daemon_threads = True
        # A short poll: shutdown() must close the port at once, or connections queue instead of
        # being refused.
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()
        return server

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def fake_wayback(script: Script, host: str = "127.0.0.1") -> Iterator[FakeWayback]:
    archive = FakeWayback(script, host)
    try:
        yield archive
    finally:
        archive.close()
