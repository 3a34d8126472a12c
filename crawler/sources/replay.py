"""Responses in original-URL space from archived bytes, with their type and charset repaired.

Archives keep what the server sent years ago: no ``Content-Type``, ``text/plain`` for a page, a
``charset=iso-8859-1`` header over UTF-8 bytes. The page parsers get a plain ``HtmlResponse`` for
the original URL whatever the archive held.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scrapy import Request
from scrapy.http import Headers, HtmlResponse, Response
from scrapy.responsetypes import responsetypes

from crawler.sources.charsets import page_encoding

KEPT_HEADERS = frozenset({"content-type", "link", "last-modified", "content-language"})
"""Original headers worth passing on (``Link`` holds WordPress's shortlink). Lengths, encodings,
cookies and caching headers described the bytes as sent then, not as served now."""
ARCHIVE_PREFIX = "x-archive-orig-"
HTML_TYPES = ("text/html", "application/xhtml+xml")
UNTYPED = ("", "text/plain", "application/octet-stream", "unk", "binary/octet-stream")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def original_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The original server's headers worth keeping; ``X-Archive-Orig-*`` (how replays hand the
    original headers on) wins over the replay's own."""
    kept: dict[str, str] = {}
    prefixed: dict[str, str] = {}
    for name, value in pairs:
        lower = name.lower()
        if lower.startswith(ARCHIVE_PREFIX):
            prefixed[lower.removeprefix(ARCHIVE_PREFIX)] = value
        elif lower in KEPT_HEADERS:
            kept[lower] = value
    kept.update({k: v for k, v in prefixed.items() if k in KEPT_HEADERS})
    return kept


def archived_response(
    request: Request,
    status: int,
    headers: dict[str, str],
    body: bytes,
    *,
    location: str | None = None,
    fixes: list[str] | None = None,
) -> Response:
    """A response for ``request.url`` (original) holding an archived status, headers and body;
    what had to be repaired (``content_type``, ``charset``) is appended to *fixes*."""
    fixes = fixes if fixes is not None else []
    headers = dict(headers)
    if location is not None:
        headers["location"] = location
    content_type = headers.get("content-type", "")
    mime = content_type.split(";")[0].strip().lower()
    if mime in HTML_TYPES or (mime in UNTYPED and looks_like_html(body)):
        if mime not in HTML_TYPES:
            fixes.append("content_type")
        encoding, overridden = page_encoding(content_type, body)
        if overridden:
            fixes.append("charset")
        headers["content-type"] = (
            f"{mime if mime in HTML_TYPES else 'text/html'}; charset={encoding}"
        )
        return HtmlResponse(
            request.url,
            status=status,
            headers=Headers(headers),
            body=body,
            request=request,
            encoding=encoding,
        )
    cls = responsetypes.from_args(headers=Headers(headers), url=request.url, body=body)
    return cls(request.url, status=status, headers=Headers(headers), body=body, request=request)


def looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or b"<body" in head.lower()
