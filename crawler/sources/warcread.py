"""WARC records read: the index of every capture a set of files holds, and one capture's
payload, read back by seeking to its record.

Both go through :mod:`crawler.sources.warcscan` (damaged records refused, bounded headers) and
the page size cap; these functions do blocking I/O: the source runs them in worker threads.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.bufferedreaders import ChunkedDataReader
from warcio.recordloader import ArcWarcRecord

from crawler.sources.captures import CaptureRecord
from crawler.sources.limits import MAX_PAGE_BYTES, PageTooLarge, chunks_of, decode_capped
from crawler.sources.replay import original_headers
from crawler.sources.warcscan import HEADER_SLACK, RecordIterator, Refused, scan
from crawler.sources.waybackurls import timestamp_from_iso

logger = logging.getLogger(__name__)

CAPTURE_TYPES = ("response", "revisit")
LOGGED_PER_FILE = 5
"""Refused records logged one by one per file; the rest are counted."""


@dataclass(frozen=True)
class RecordRef:
    file: Path
    offset: int


def read_index(files: list[Path], cap: int = MAX_PAGE_BYTES
               ) -> tuple[list[CaptureRecord], Counter[str]]:
    """Every sound response and revisit record of *files*, with counts of what was read and
    refused (``damaged``, ``too_large``: :mod:`crawler.sources.warcscan`)."""
    records: list[CaptureRecord] = []
    counts: Counter[str] = Counter()
    for file in files:
        try:
            _read_file(file, cap, records, counts)
        except OSError as exc:
            counts["unreadable_files"] += 1
            logger.error("Cannot read %s (%s): its records are left out", file, exc)
    return records, counts


def _read_file(file: Path, cap: int, records: list[CaptureRecord], counts: Counter[str]) -> None:
    refused = 0
    with file.open("rb") as stream:
        for found in scan(stream, cap, is_warc_file(file)):
            if isinstance(found, Refused):
                counts[found.kind] += 1
                refused += 1
                log = logger.warning if refused <= LOGGED_PER_FILE else logger.debug
                log("Refusing record at offset %d of %s: %s", found.offset, file, found.why)
                continue
            record, offset = found
            counts["records"] += 1
            if record.rec_type not in CAPTURE_TYPES:
                continue
            capture = _capture(record, RecordRef(file, offset))
            counts["revisits" if capture.revisit else "responses"] += 1
            records.append(capture)
    if refused > LOGGED_PER_FILE:
        logger.warning("%d records or runs of bytes of %s refused in all", refused, file)


def _capture(record: ArcWarcRecord, ref: RecordRef) -> CaptureRecord:
    headers = record.rec_headers
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    mime = (http.get_header("Content-Type") or "") if http is not None else ""
    return CaptureRecord(
        url=(headers.get_header("WARC-Target-URI") or "").strip("<>"),
        timestamp=timestamp_from_iso(headers.get_header("WARC-Date")),
        status=int(status) if status and status.isdigit() else None,
        mime=mime.split(";")[0].strip().lower(),
        digest=headers.get_header("WARC-Payload-Digest") or "",
        revisit=record.rec_type == "revisit",
        ref=ref,
    )


@dataclass(frozen=True)
class Payload:
    status: int | None
    headers: dict[str, str]
    body: bytes


def read_capture(capture: CaptureRecord, cap: int = MAX_PAGE_BYTES
                 ) -> tuple[int, dict[str, str], bytes]:
    """Status, original headers and payload of *capture* (a revisit's payload from its origin),
    the payload decoded and at most *cap* bytes (else :class:`PageTooLarge`)."""
    own = _read(capture.ref, cap)
    if capture.origin is None:
        return own.status or 200, own.headers, own.body
    origin = _read(capture.origin.ref, cap)
    if own.status is None:  # a revisit without HTTP headers: the origin's response, again
        return origin.status or 200, origin.headers, origin.body
    return own.status, own.headers, origin.body


def _read(ref: RecordRef, cap: int) -> Payload:
    with ref.file.open("rb") as stream:
        stream.seek(ref.offset)
        record = next(iter(RecordIterator(stream, is_warc_file(ref.file))))
        if record.length is not None and record.length > cap + HEADER_SLACK:
            raise PageTooLarge(record.length, cap, f"record at offset {ref.offset}")
        body = _payload(record, cap)
    http = record.http_headers
    if http is None or not http.get_statuscode():
        return Payload(None, {}, body)
    headers = original_headers(http.headers)
    if http.get_header("Location"):
        headers["location"] = http.get_header("Location")
    status = http.get_statuscode()
    return Payload(int(status) if status.isdigit() else None, headers, body)


def _payload(record: ArcWarcRecord, cap: int) -> bytes:
    """The record's payload, de-chunked and decoded from its ``Content-Encoding`` as a stream
    within the cap (warcio would inflate it whole)."""
    http = record.http_headers
    stream: Any = record.raw_stream
    if http is not None and (http.get_header("Transfer-Encoding") or "").lower() == "chunked":
        stream = ChunkedDataReader(stream)
    encoding = (http.get_header("Content-Encoding") or "") if http is not None else ""
    return decode_capped(chunks_of(stream), encoding, cap)


def is_warc_file(file: Path) -> bool:
    """A WARC file (every record a WARC record), not an ARC file (read as WARC records)."""
    return file.name.endswith((".warc", ".warc.gz"))
