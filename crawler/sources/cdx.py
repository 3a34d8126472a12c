"""Capture index (CDX server) queries: building them and reading their answers. Pure.

Two dialects share one protocol. The Internet Archive's server (and OpenWayback's, the same
software) names fields ``statuscode``/``mimetype``, filters by regex and pages with
``showResumeKey``/``resumeKey``. pywb names them ``status``/``mime``, needs ``~`` for a regex filter
and answers a whole query at once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
HTML_MIMES = r"text/html.*|application/xhtml\+xml.*|text/plain.*|warc/revisit|unk"
"""Captures worth enumerating: pages (``text/plain`` too: servers mislabel pages), revisits (their
mime is the record type) and captures the archive could not type. Images, CSS, feeds: no posts."""

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
    JSON lines (one object per capture), or plain text in :data:`FIELDS` order."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = text.strip()
    if not text:
        return CdxPage([])
    if text.startswith("["):
        return _parse_json_table(json.loads(text))
    if text.startswith("{"):
        return CdxPage([_row(json.loads(line)) for line in text.splitlines() if line.strip()])
    return _parse_text(text)


def _parse_json_table(table: list[list[str]]) -> CdxPage:
    if not table:
        return CdxPage([])
    header, body = table[0], table[1:]
    resume_key = None
    if len(body) >= 2 and body[-2] == [] and len(body[-1]) == 1:
        resume_key, body = body[-1][0], body[:-2]
    rows = [_row(dict(zip(header, values, strict=False))) for values in body if values]
    return CdxPage(rows, resume_key)


def _parse_text(text: str) -> CdxPage:
    lines = text.splitlines()
    resume_key = None
    if len(lines) >= 2 and not lines[-2].strip() and len(lines[-1].split()) <= 2:
        resume_key, lines = lines[-1].strip(), lines[:-2]
    rows = [_row(dict(zip(FIELDS, line.split(), strict=False))) for line in lines if line.strip()]
    return CdxPage(rows, resume_key)


def _row(fields: dict[str, str]) -> CdxRow:
    named = {_ALIASES.get(k, k): v for k, v in fields.items()}
    status = str(named.get("statuscode", "")).strip()
    return CdxRow(
        timestamp=str(named["timestamp"]),
        original=str(named["original"]),
        mime=str(named.get("mimetype", "")),
        status=int(status) if status.isdigit() else None,
        digest=str(named.get("digest", "")),
        urlkey=str(named.get("urlkey", "")),
    )
