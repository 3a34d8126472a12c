"""Record a site version into a WARC the way an archiving crawler does: real HTTP, raw responses.

Each URL is fetched from a local server (:func:`tests.archives.server.serve_version`) and the
response it really sent (status line, headers, body) is written with warcio under its original
URL, at a chosen capture time (one second apart per URL, as a crawl takes time). A response whose
payload an earlier WARC already holds for that URL is written as a ``revisit`` record, as
deduplicating crawlers (Heritrix, the Internet Archive's) do.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.archives.server import SiteVersion

Digests = dict[tuple[str, str], str]
"""``(url, payload digest) -> WARC-Date`` of the record first holding that payload."""


def record_warc(
    version: SiteVersion, server_url: str, path: Path, start: datetime, seen: Digests | None = None
) -> Digests:
    """Write every URL of *version* (as served at *server_url*) into the WARC *path*."""
    seen = {} if seen is None else seen
    server = urlsplit(server_url)
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "tests.archives"})
        )
        for i, url in enumerate(version.urls()):
            when = _warc_date(start + timedelta(seconds=i))
            status, reason, headers, body = _fetch(server.hostname, server.port, url)
            http_headers = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
            digest = _digest(body)
            earlier = seen.get((url, digest))
            if earlier is not None:
                record = writer.create_revisit_record(
                    url,
                    digest,
                    url,
                    earlier,
                    http_headers=http_headers,
                    warc_headers_dict={"WARC-Date": when},
                )
            else:
                seen[(url, digest)] = when
                record = writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(body),
                    http_headers=http_headers,
                    warc_headers_dict={"WARC-Date": when},
                )
            writer.write_record(record)
    return seen


def _fetch(
    host: str | None, port: int | None, url: str
) -> tuple[int, str, list[tuple[str, str]], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(host or "127.0.0.1", port, timeout=10)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={"Host": parts.netloc, "User-Agent": "recorder"})
        response = connection.getresponse()
        body = response.read()
        headers = [(k, v) for k, v in response.getheaders() if k.lower() != "transfer-encoding"]
        return response.status, response.reason, headers, body
    finally:
        connection.close()


def _digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _warc_date(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
