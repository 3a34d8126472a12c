"""HTTP to the local WordPress under the site's public name.

The request goes to 127.0.0.1:<port> with ``Host:`` set to the site's own host (and port, if its
URL has one), so WordPress builds every link from its ``home`` option and the random local port
never reaches a page. Redirects are not followed: a 301 is part of what the site answered.
"""

from __future__ import annotations

import http.client
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None

    def json(self) -> Any:
        return json.loads(self.body)


def get(port: int, url: str) -> Response:
    """GET ``url`` (an absolute URL of the site) from the server on ``port``."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={
            "Host": parts.netloc, "User-Agent": "wp-fixtures", "Accept-Encoding": "identity"})
        response = connection.getresponse()
        body = response.read()
        # PHP's server adds its own Date and Host-less headers; Date changes every run.
        headers = [(k, v) for k, v in response.getheaders()
                   if k.lower() not in ("transfer-encoding",)]
        return Response(url, response.status, response.reason, headers, body)
    finally:
        connection.close()


def rest(port: int, home: str, route: str, **params: str | int) -> list[Any]:
    """Every item of a REST collection (``/wp-json/wp/v2/<route>``), all pages."""
    items: list[Any] = []
    page = 1
    while True:
        query = "&".join(f"{k}={v}" for k, v in {**params, "per_page": 100, "page": page}.items())
        response = get(port, f"{home}/wp-json/wp/v2/{route}?{query}")
        if response.status != 200:
            raise RuntimeError(f"REST {route}: {response.status} {response.body[:300]!r}")
        items += response.json()
        if page >= int(response.header("X-WP-TotalPages") or 1):
            return items
        page += 1
