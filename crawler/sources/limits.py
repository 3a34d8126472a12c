"""Bounded reads: no archive input may take more memory than a page is worth.

An HTML page of a WordPress site is tens of kilobytes, rarely a few megabytes. A capture or a
mirror file far bigger than that is not a page (a video saved as ``index.html``, a database dump)
or is hostile (a 5 KB gzip member that inflates to 2 GiB). Every source reads at most
``ARCHIVE_MAX_PAGE_BYTES`` of a page, decompressing as a stream and stopping at the cap, and
refuses the rest with :class:`PageTooLarge` (counted and explained by the caller).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import IO

from scrapy.exceptions import DownloadCancelledError, IgnoreRequest

MAX_PAGE_BYTES = 32 * 1024 * 1024
"""Default ``ARCHIVE_MAX_PAGE_BYTES``."""
CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# A brotli stream can expand more than 20,000 times: fed a few bytes at a time (when the module
# cannot limit its output), one step stays within a few megabytes.
BROTLI_STEP = 64


class PageTooLarge(ValueError):
    """A page (file, record, capture) holds more than the cap allows."""

    def __init__(self, size: int, cap: int, what: str = "") -> None:
        super().__init__(f"{what + ': ' if what else ''}more than {cap} bytes "
                         f"({'at least ' if size > cap else ''}{size}), the page size cap "
                         "(ARCHIVE_MAX_PAGE_BYTES)")
        self.size = size
        self.cap = cap


def read_capped(stream: IO[bytes], cap: int) -> bytes:
    """All of *stream*, or :class:`PageTooLarge` as soon as it holds more than *cap* bytes."""
    data = stream.read(cap + 1)
    if len(data) > cap:
        raise PageTooLarge(len(data), cap)
    return data


def chunks_of(stream: IO[bytes], size: int = CHUNK) -> Iterator[bytes]:
    while chunk := stream.read(size):
        yield chunk


def decode_capped(chunks: Iterable[bytes], encoding: str, cap: int) -> bytes:
    """The bytes of *chunks* decoded from their HTTP ``Content-Encoding`` (``gzip``, ``deflate``,
    ``br``; anything else is kept as it is), never holding more than *cap* decoded bytes."""
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        return _join_capped(_inflate(chunks, encoding), cap)
    if encoding == "br":
        return _join_capped(_unbrotli(chunks), cap)
    return _join_capped(chunks, cap)


def gunzip_capped(data: bytes, cap: int) -> bytes:
    """*data* itself, or its gzip payload when it is a gzip stream (a mirror may keep pages as
    the server sent them, compressed), within the cap."""
    if not data.startswith(GZIP_MAGIC):
        return data
    return _join_capped(_inflate([data], "gzip"), cap)


def _join_capped(parts: Iterable[bytes], cap: int) -> bytes:
    out = bytearray()
    for part in parts:
        out += part
        if len(out) > cap:
            raise PageTooLarge(len(out), cap)
    return bytes(out)


def _inflate(chunks: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    """Inflate a gzip (any number of members) or deflate stream, CHUNK bytes of output at most
    per step: a bomb is stopped by the caller's cap after one step past it."""
    # 47: gzip or zlib header, detected; -15: raw deflate (some servers send it as "deflate").
    wbits = 47 if encoding != "deflate" else 15
    decompressor = zlib.decompressobj(wbits)
    first = True
    for chunk in chunks:
        data = chunk
        while data:
            try:
                out = decompressor.decompress(data, CHUNK)
            except zlib.error:
                if not (first and encoding == "deflate"):
                    raise
                decompressor, wbits = zlib.decompressobj(-15), -15
                out = decompressor.decompress(data, CHUNK)
            first = False
            yield out
            if decompressor.eof:
                data = decompressor.unused_data
                if data.startswith(GZIP_MAGIC) and wbits == 47:
                    decompressor = zlib.decompressobj(wbits)  # the next gzip member
                else:
                    data = b""  # trailing bytes after the stream are no part of it
            else:
                data = decompressor.unconsumed_tail


def _unbrotli(chunks: Iterable[bytes]) -> Iterator[bytes]:
    try:
        import brotli  # Scrapy's dependency
    except ImportError:  # pragma: no cover: Scrapy installs it
        raise ValueError("brotli-encoded payload and no brotli module") from None
    decompressor = brotli.Decompressor()
    if not hasattr(decompressor, "process"):  # brotlipy (pywb brings it, same name): no limit
        for chunk in chunks:
            for start in range(0, len(chunk), BROTLI_STEP):
                yield decompressor.decompress(chunk[start:start + BROTLI_STEP])
        return
    for chunk in chunks:  # Google's brotli >= 1.2 limits each step's output
        yield decompressor.process(chunk, output_buffer_limit=CHUNK)
        while not decompressor.is_finished():
            out = decompressor.process(b"", output_buffer_limit=CHUNK)
            if not out:
                break
            yield out


def is_size_refusal(exc: BaseException) -> bool:
    """Whether Scrapy refused a download for its size: ``DOWNLOAD_MAXSIZE`` (which follows
    ``ARCHIVE_MAX_PAGE_BYTES``) was exceeded while receiving or while decompressing it."""
    if isinstance(exc, DownloadCancelledError):
        return True  # nothing else cancels a download (the crawl stopping raises IgnoreRequest)
    return isinstance(exc, IgnoreRequest) and "DOWNLOAD_MAXSIZE" in str(exc)
