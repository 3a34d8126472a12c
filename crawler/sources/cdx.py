"""Capture index (CDX server) queries: building them and reading their answers. Pure.

Two dialects share one protocol. The Internet Archive's server (and OpenWayback's, the same
software) names fields ``statuscode``/``mimetype``, filters by regex and pages with
``showResumeKey``/``resumeKey``. pywb names them ``status``/``mime``, needs ``~`` for a regex filter
and answers a whole query at once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
HTML_MIMES = r"text/html.*|application/xhtml\+xml.*|text/plain.*|warc/revisit|unk"
"""Captures worth enumerating: pages (``text/plain`` too: servers mislabel pages), revisits (their
mime is the record type) and captures the archive could not type. Images, CSS, feeds: no posts."""

_TIMESTAMP = re.compile(r"\d{4,14}")

# Names each dialect may use for one field, in the JSON header row or NDJSON keys.
_ALIASES = {"url": "original", "mime": "mimetype", "status": "statuscode"}


@dataclass(frozen=True)
class CdxDialect:
    name: str
    status: str
    mime: str
    regex: str
    """What marks a regex filter (IA: every filter is a regex; pywb: ``~``)."""
    resumable: bool


INTERNET_ARCHIVE = CdxDialect("ia", "statuscode", "mimetype", "", resumable=True)
PYWB = CdxDialect("pywb", "status", "mime", "~", resumable=False)
DIALECTS = {d.name: d for d in (INTERNET_ARCHIVE, PYWB)}


@dataclass(frozen=True)
class CdxRow:
    """One capture as the index lists it."""

    timestamp: str
    original: str
    mime: str = ""
    status: int | None = None
    """``None`` for revisits and captures the index gives no status (``-``)."""
    digest: str = ""
    urlkey: str = ""

    @property
    def is_revisit(self) -> bool:
        return self.mime == "warc/revisit"


@dataclass(frozen=True)
class CdxPage:
    rows: list[CdxRow]
    resume_key: str | None = None
    bad_rows: int = 0
    """Rows left out: no timestamp of 4 to 14 digits, or no URL."""


class CdxError(ValueError):
    """An index answer that is no capture list."""


@dataclass(frozen=True)
class CdxQuery:
    """Every HTML capture of a site in a window, one page at a time."""

    endpoint: str
    dialect: CdxDialect
    root: str
    """The site's root URL, ``scheme://host[:port]`` (``www.`` is folded by the index's own key,
    SURT). It is sent whole: pywb reads a bare ``host:port`` as a URL scheme and finds nothing,
    while every CDX server (the Internet Archive's, OpenWayback's, pywb's) accepts a full URL."""
    match: str = "host"
    since: str | None = None
    until: str | None = None
    page_size: int = 10000
    collapse: str = ""

    def url(self, resume_key: str | None = None) -> str:
        d = self.dialect
        params: list[tuple[str, str]] = [
            ("url", self.root.rstrip("/") + "/"),
            ("matchType", self.match),
            ("output", "json"),
            (
                "fl",
                ",".join(FIELDS)
                if d is INTERNET_ARCHIVE
                else "urlkey,timestamp,url,mime,status,digest,length",
            ),
            ("filter", f"{d.regex}{d.mime}:{HTML_MIMES}"),
        ]
        params += [(k, v) for k, v in (("from", self.since), ("to", self.until)) if v]
        if self.collapse:
            params.append(
                ("collapse", self.collapse)
                if d.resumable
                else ("collapseTime", self.collapse.partition(":")[2] or "14")
            )
        if d.resumable:
            params += [("limit", str(self.page_size)), ("showResumeKey", "true")]
            if resume_key:
                params.append(("resumeKey", resume_key))
        return f"{self.endpoint}?{urlencode(params)}"


def dialect_for(endpoint: str, name: str = "auto") -> CdxDialect:
    """``ia`` for the Internet Archive and OpenWayback, ``pywb`` for pywb; ``auto``: by the URL."""
    if name != "auto":
        try:
            return DIALECTS[name]
        except KeyError:
            raise ValueError(f"unknown CDX dialect {name!r}: use auto, ia or pywb") from None
    parts = urlsplit(endpoint)
    if parts.hostname == "web.archive.org" or parts.path.endswith("/cdx/search/cdx"):
        return INTERNET_ARCHIVE
    return PYWB


def parse_page(body: bytes | str) -> CdxPage:
    """Rows of one CDX answer: IA JSON (header row, then rows, ``[]``, ``[resume key]``), pywb
    JSON lines (one object per capture), or plain text in :data:`FIELDS` order.

    An answer that is no capture list (an HTML page, truncated JSON, JSON of another shape, rows
    none of which has a timestamp and a URL) raises :class:`CdxError`; unusable rows among good
    ones are left out and counted in :attr:`CdxPage.bad_rows`.
    """
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = text.strip()
    if not text:
        return CdxPage([])
    if text.startswith("<"):
        raise CdxError("an HTML or XML page, not a capture list")
    if text.startswith("["):
        return _parse_json_table(_json(text))
    if text.startswith("{"):
        return _rows([_json(line) for line in text.split("\n") if line.strip()])
    return _parse_text(text)


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CdxError(f"broken or truncated JSON ({exc})") from None


def _parse_json_table(table: Any) -> CdxPage:
    if not table:
        return CdxPage([])
    if not all(isinstance(row, list) for row in table) or not _is_header(table[0]):
        raise CdxError("JSON of another shape than a CDX table (a header row of field names, "
                       "then one list per capture)")
    header, body = table[0], table[1:]
    resume_key = None
    if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
        resume_key, body = str(body[-1][0]), body[:-2]
    page = _rows([dict(zip(header, values, strict=False)) for values in body if values])
    return CdxPage(page.rows, resume_key, page.bad_rows)


def _is_header(row: list[Any]) -> bool:
    names = {_ALIASES.get(str(name), str(name)) for name in row}
    return {"timestamp", "original"} <= names


def _parse_text(text: str) -> CdxPage:
    lines = text.splitlines()
    resume_key = None
    if len(lines) >= 2 and not lines[-2].strip() and len(lines[-1].split()) <= 2:
        resume_key, lines = lines[-1].strip(), lines[:-2]
    page = _rows([dict(zip(FIELDS, line.split(), strict=False)) for line in lines if line.strip()])
    return CdxPage(page.rows, resume_key, page.bad_rows)


def _rows(records: list[Any]) -> CdxPage:
    rows = [row for record in records if (row := _row(record)) is not None]
    if records and not rows:
        raise CdxError(f"none of its {len(records)} rows has a capture's timestamp and URL")
    return CdxPage(rows, bad_rows=len(records) - len(rows))


def _row(fields: Any) -> CdxRow | None:
    """The capture a row names, or ``None`` when it has no usable timestamp or URL."""
    if not isinstance(fields, dict):
        return None
    named = {_ALIASES.get(str(k), str(k)): v for k, v in fields.items()}
    timestamp, original = str(named.get("timestamp", "")), str(named.get("original", ""))
    if not _TIMESTAMP.fullmatch(timestamp) or "." not in original and ":" not in original:
        return None
    status = str(named.get("statuscode", "")).strip()
    return CdxRow(
        timestamp=timestamp,
        original=original,
        mime=str(named.get("mimetype", "")),
        status=int(status) if status.isdigit() else None,
        digest=str(named.get("digest", "")),
        urlkey=str(named.get("urlkey", "")),
    )
