"""Serve one version of a site over HTTP on 127.0.0.1, the way its web server answered then."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>Page not found</title></head>"
    b'<body class="error404"><h1>Oops! That page can&rsquo;t be found.</h1></body></html>'
)
HTML = "text/html; charset=UTF-8"


@dataclass
class SiteVersion:
    """What a site's server answered at one time."""

    root: str
    pages: dict[str, bytes]
    """Original URL -> HTML answered with 200."""
    redirects: dict[str, str] = field(default_factory=dict)
    """Original URL -> the URL its 301 points to (a renamed post)."""
    gone: set[str] = field(default_factory=set)
    """URLs answered with a 404 page (deleted posts)."""
    content_types: dict[str, str | None] = field(default_factory=dict)
    """Per-URL ``Content-Type`` as that server (mis)sent it; ``None``: no header at all."""
    links: dict[str, str] = field(default_factory=dict)
    """Per-URL ``Link`` header (WordPress sends the shortlink there)."""
    not_found: bytes = ERROR_PAGE

    def urls(self) -> list[str]:
        return sorted({*self.pages, *self.redirects, *self.gone})

    def answer(self, url: str) -> tuple[int, list[tuple[str, str]], bytes]:
        if url in self.redirects:
            return 301, [("Location", self.redirects[url]), ("Content-Type", HTML)], b""
        if url in self.pages:
            content_type = self.content_types.get(url, HTML)
            headers = [("Content-Type", content_type)] if content_type else []
            if url in self.links:
                headers.append(("Link", self.links[url]))
            return 200, headers, self.pages[url]
        return 404, [("Content-Type", HTML)], self.not_found


@contextmanager
def serve_version(version: SiteVersion) -> Iterator[str]:
    """Yields the server's URL; requests are answered by path and query, whatever the Host."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            status, headers, body = version.answer(version.root + self.path)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
