"""(W)ARC records read from files that may be damaged, truncated or hostile.

warcio reads records one after the other and trusts each one's ``Content-Length``: one wrong
length or one junk gzip member, and every later record of the file is lost; a truncated record is
handed over as if whole. Here every record is checked as it is read (its whole block there, its
digests right when it has them, its length where the next record begins) and a damaged one is
refused; after damage, reading resumes at the next readable record: the next gzip member in a
``.gz`` file, the next ``WARC/1.`` header line in an uncompressed one.

Header blocks are bounded (a "header" that is gigabytes of one line is damage, not a reason to
take gigabytes of memory), and a record longer than the page size cap is refused unread (in a
``.gz`` file the next member is looked for in the compressed bytes: a 2 MB member that inflates to
2 GiB costs a 2 MB scan).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BUFF_SIZE, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

READ_ERRORS = (OSError, ArchiveLoadFailed, ValueError, EOFError, zlib.error,
               StatusAndHeadersParserException)
"""What a damaged or truncated (W)ARC file raises."""
HEADER_LINE = 64 * 1024
HEADER_BYTES = 1024 * 1024
"""Longest header line, and header block (WARC and HTTP headers together), read."""
HEADER_SLACK = HEADER_BYTES
"""What a record's block may hold beyond the page itself (its HTTP headers)."""
GZIP_MEMBER = b"\x1f\x8b\x08"
WARC_LINE = b"WARC/1."
SCAN_CHUNK = 1024 * 1024
ONCE = ("warc-type", "warc-record-id", "warc-date", "warc-target-uri", "content-length")
"""WARC headers a record has once: twice means a record cut short ran into the next one."""


class DamagedRecord(ValueError):
    """A record that cannot be trusted: truncated, wrong digest, wrong length."""


class BoundedReader(DecompressingBufferedReader):  # type: ignore[misc]  # warcio: untyped
    """warcio's reader with header lines and header blocks bounded: a run of ``readline`` calls
    (how headers are read) longer than :data:`HEADER_BYTES` raises; any ``read`` (how blocks
    are read) starts a new run."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(stream, block_size=BUFF_SIZE)
        self.header_bytes = 0

    def read(self, length: int | None = None) -> bytes:
        self.header_bytes = 0
        data: bytes = super().read(length)
        return data

    def readline(self, length: int | None = None) -> bytes:
        line: bytes = super().readline(HEADER_LINE if length is None else min(length, HEADER_LINE))
        self.header_bytes += len(line)
        if self.header_bytes > HEADER_BYTES:
            raise DamagedRecord(f"a header block longer than {HEADER_BYTES} bytes")
        return line


class RecordIterator(ArchiveIterator):  # type: ignore[misc]  # warcio: untyped
    """warcio's iterator over a :class:`BoundedReader`, checking digests, quiet on stderr. In a
    WARC file every record must be a WARC record (warcio would read junk as an ARC record)."""

    INC_RECORD = ""  # warcio writes "perhaps Content-Length is invalid" there; we count it

    def __init__(self, stream: IO[bytes], warc: bool = True) -> None:
        super().__init__(stream, arc2warc=not warc, check_digests=True)
        self.reader = BoundedReader(self.fh)
        if warc:
            self.known_format = "warc"


@dataclass(frozen=True)
class Refused:
    """A record refused (``kind`` ``damaged`` or ``too_large``), or a run of damaged bytes."""

    offset: int
    why: str
    kind: str = "damaged"


def scan(stream: IO[bytes], cap: int, warc: bool = True
         ) -> Iterator[tuple[ArcWarcRecord, int] | Refused]:
    """Every sound record of *stream* (a whole (W)ARC file, seekable; *warc*: a WARC file, not
    an ARC one) with its offset, its content read; a :class:`Refused` for each record refused
    and each run of damaged bytes skipped (one for the run, however many false starts reading it
    again took)."""
    gz = stream.read(2) == GZIP_MEMBER[:2]
    offset: int | None = 0
    resyncing = False
    while offset is not None:
        stream.seek(offset)
        iterator = RecordIterator(stream, warc)
        try:
            for record in iterator:
                offset = iterator.offset
                too_large = record.length is not None and record.length > cap + HEADER_SLACK
                if too_large and gz:  # not inflated: the next member is found in the raw bytes
                    yield Refused(offset, _too_large(record, cap), "too_large")
                    break
                errors = iterator.err_count
                iterator.read_to_end()
                problem = _problem(record, iterator.err_count > errors)
                if problem:  # its neighbours may be inside it (a wrong length): look again
                    yield Refused(offset, problem)
                    break
                resyncing = False
                yield Refused(offset, _too_large(record, cap), "too_large") if too_large \
                    else (record, offset)
            else:
                if (left := _leftover(stream, iterator.offset)) and not resyncing:
                    yield Refused(iterator.offset, left)
                return
        except READ_ERRORS as exc:
            offset = iterator.offset
            if not resyncing:
                yield Refused(offset, f"{type(exc).__name__}: {exc}".strip())
        resyncing = True
        offset = next_start(stream, offset + 1, gz)


def _too_large(record: ArcWarcRecord, cap: int) -> str:
    return f"a record of {record.length} bytes, over the page size cap ({cap})"


def _leftover(stream: IO[bytes], end: int) -> str | None:
    """What follows the last record, when it is more than blank lines: a record cut short in
    its headers (warcio ends there without a word)."""
    stream.seek(end)
    tail = stream.read(SCAN_CHUNK)
    if not tail.strip():
        return None
    return f"{len(tail)}{'+' if len(tail) == SCAN_CHUNK else ''} bytes after the last record " \
        "that are no record (a record cut short?)"


def _problem(record: ArcWarcRecord, bad_length: bool) -> str | None:
    """Why *record* (read to its end) cannot be trusted, or ``None``."""
    names = [name.lower() for name, _ in record.rec_headers.headers]
    twice = sorted({name for name in ONCE if names.count(name) > 1})
    if twice:
        return f"two records' headers run together ({', '.join(twice)} twice): one is cut short"
    if record.raw_stream.limit > 0:
        return f"truncated: {record.raw_stream.limit} of its {record.length} bytes missing"
    checker = record.digest_checker
    if checker is not None and checker.passed is False:
        return "; ".join(checker.problems)
    if bad_length:
        return "its Content-Length does not end where the next record begins"
    return None


def next_start(stream: IO[bytes], start: int, gz: bool) -> int | None:
    """Where the next record may begin at or after *start*: a gzip member's magic bytes, or a
    ``WARC/1.`` (anywhere: a record cut short runs into the next one mid-line); ``None`` at the
    end of the file."""
    marker = GZIP_MEMBER if gz else WARC_LINE
    stream.seek(start)
    position, carry = start, b""
    while chunk := stream.read(SCAN_CHUNK):
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            return position - len(carry) + found
        carry = data[-(len(marker) - 1):]
        position += len(chunk)
    return None
