"""Serve a fixture site over HTTP on 127.0.0.1, logging every request path."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from .site import Site, build_site

HTML = "text/html; charset=UTF-8"


def route_key(url_or_path: str) -> str:
    """Path plus query, with the query's parameters sorted (so ``?a&b`` finds ``?b&a``)."""
    parts = urlsplit(url_or_path)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return (parts.path or "/") + (f"?{query}" if query else "")


class FixtureServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer answering from a :class:`Site`'s pages and redirects."""

    daemon_threads = True
    block_on_close = False  # keep-alive client connections must not hold up the exit

    def __init__(self, handler: type[BaseHTTPRequestHandler] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), handler or Handler)
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self.requests: list[str] = []
        """Request paths (with query) in arrival order."""
        self._lock = threading.Lock()
        self.routes: dict[str, tuple[int, bytes, list[tuple[str, str]]]] = {}

    def load(self, site: Site) -> None:
        """Index ``site``: pages (posts get a shortlink ``Link`` header), redirects, 404."""
        api = ("Link", f'<{site.root}/wp-json/>; rel="https://api.w.org/"')
        ids = {post["url"]: post["post_id"] for post in site.posts}
        for url, body in site.pages.items():
            headers = [("Content-Type", HTML), api]
            if url in ids:
                headers.append(("Link", f"<{site.root}/?p={ids[url]}>; rel=shortlink"))
            self.routes[route_key(url)] = (200, body, headers)
        for url, target in site.redirects.items():
            self.routes[route_key(url)] = (301, b"", [("Location", target), ("Content-Type", HTML)])
        self.not_found = (404, site.not_found, [("Content-Type", HTML), api])

    def log_request_path(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)


class Handler(BaseHTTPRequestHandler):
    server: FixtureServer
    protocol_version = "HTTP/1.1"

    def _answer(self, send_body: bool) -> None:
        self.server.log_request_path(self.path)
        status, body, headers = self.server.routes.get(route_key(self.path), self.server.not_found)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Quiet: tests read ``server.requests`` instead."""


@contextmanager
def serve_site(theme: str = "sahifa", n_posts: int = 30, permalinks: str = "date", seed: int = 0,
               pad_to_kb: int | None = None, handler: type[BaseHTTPRequestHandler] | None = None
               ) -> Iterator[tuple[Site, FixtureServer]]:
    """Build a site rooted at a free local port and serve it from a daemon thread.

    The port is bound before rendering, so every absolute URL in the pages is the server's.
    *handler* replaces the request handler (a subclass of :class:`Handler`, for hostile servers).
    The server is shut down and its thread joined on exit.
    """
    server = FixtureServer(handler)
    try:
        site = build_site(theme=theme, root=server.url, n_posts=n_posts, permalinks=permalinks,
                          seed=seed, pad_to_kb=pad_to_kb)
        server.load(site)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                  name=f"sitegen {server.url}", daemon=True)
        thread.start()
        try:
            yield site, server
        finally:
            server.shutdown()
            thread.join()
    finally:
        server.server_close()
