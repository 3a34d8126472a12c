"""Wayback URL space, and back: ``<prefix><14-digit timestamp><modifier>/<original URL>``.

Pure functions only. The Internet Archive (``https://web.archive.org/web/``), pywb
(``http://host:8080/<collection>/``) and OpenWayback all replay captures under a prefix this way;
the ``id_`` modifier asks for the original bytes (no toolbar, no rewritten links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

INTERNET_ARCHIVE = "https://web.archive.org/web/"
RAW = "id_"
"""The modifier for original bytes."""

_AFTER_PREFIX = re.compile(
    r"(?P<timestamp>\d{1,14})(?P<modifier>[a-z]{2}_)?/(?P<original>.*)", re.S
)
_COLLAPSED_SCHEME = re.compile(r"^(https?):/+", re.IGNORECASE)
_CRAWL_TIME = re.compile(rb"Got an HTTP (3\d\d) response at crawl time")
_HREF = re.compile(rb"""href=["']([^"']+)["']""")
_LINK = re.compile(r"<([^>]*)>([^<]*)")
_REPLAY_RELS = re.compile(r"""rel=["']?[^"']*\b(?:memento|original|timemap|timegate)\b""", re.I)


@dataclass(frozen=True)
class CaptureRef:
    """A capture URL taken apart."""

    timestamp: str
    modifier: str
    original: str


@dataclass(frozen=True)
class WaybackUrls:
    """Maps original URLs to capture URLs under one replay prefix, and back.

    >>> urls = WaybackUrls.from_archive("wayback")
    >>> urls.capture_url("https://www.example.org/a/", "20170601000000")
    'https://web.archive.org/web/20170601000000id_/https://www.example.org/a/'
    """

    prefix: str

    @classmethod
    def from_archive(cls, archive: str) -> WaybackUrls:
        """``wayback`` (the Internet Archive) or any replay prefix URL such as pywb's collection."""
        archive = archive.strip()
        if archive == "wayback":
            return cls(INTERNET_ARCHIVE)
        parts = urlsplit(archive)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                f"archive={archive!r}: expected 'wayback' or a replay prefix URL "
                "such as http://127.0.0.1:8080/my-collection/"
            )
        if parts.query or parts.fragment:
            raise ValueError(f"archive={archive!r}: a replay prefix has no query or fragment")
        return cls(archive if archive.endswith("/") else archive + "/")

    @property
    def is_internet_archive(self) -> bool:
        return urlsplit(self.prefix).hostname == "web.archive.org"

    def cdx_url(self) -> str:
        """The replay's capture index (CDX): IA's ``/cdx/search/cdx``, pywb's ``<prefix>cdx``."""
        if self.is_internet_archive:
            parts = urlsplit(self.prefix)
            return f"{parts.scheme}://{parts.netloc}/cdx/search/cdx"
        return self.prefix + "cdx"

    def capture_url(self, original: str, timestamp: str, modifier: str = RAW) -> str:
        return f"{self.prefix}{timestamp}{modifier}/{original}"

    def parse(self, url: str, base: str | None = None) -> CaptureRef | None:
        """Take a capture URL (absolute, or relative to *base*) apart; ``None`` if it is not one.

        The scheme of the replay itself is ignored (archives redirect between http and https), and
        originals with a collapsed ``http:/`` or no scheme at all are repaired.
        """
        url = urljoin(base, url) if base else url
        parts, mine = urlsplit(url), urlsplit(self.prefix)
        if parts.netloc.lower() != mine.netloc.lower() or not parts.path.startswith(mine.path):
            return None
        rest = parts.path[len(mine.path) :] + (f"?{parts.query}" if parts.query else "")
        match = _AFTER_PREFIX.fullmatch(rest)
        if match is None:
            return None
        return CaptureRef(
            match["timestamp"], match["modifier"] or "", repair_original(match["original"])
        )


def crawl_time_redirect(body: bytes, base: str, urls: WaybackUrls) -> tuple[int, CaptureRef] | None:
    """The status and target of a Wayback "Got an HTTP 302 response at crawl time" page (what the
    Internet Archive shows for an archived redirect outside ``id_`` mode); ``None`` otherwise."""
    head = body[:20000]
    found = _CRAWL_TIME.search(head)
    if found is None:
        return None
    for href in _HREF.findall(head[found.end():]):
        ref = urls.parse(href.decode("latin-1"), base=base)
        if ref is not None:
            return int(found[1]), ref
    return None


def original_links(value: str, urls: WaybackUrls) -> str:
    """A ``Link`` header without the replay's Memento links, capture URLs mapped to originals."""
    kept = []
    for url, params in _LINK.findall(value):
        if not _REPLAY_RELS.search(params):
            ref = urls.parse(url)
            kept.append(f"<{ref.original if ref else url}>{params.rstrip(', ')}")
    return ", ".join(kept)


def repair_original(original: str) -> str:
    """``http:/host/a`` -> ``http://host/a``; ``host/a`` -> ``http://host/a``."""
    if _COLLAPSED_SCHEME.match(original):
        return _COLLAPSED_SCHEME.sub(lambda m: m[1].lower() + "://", original, count=1)
    return "http://" + original if original else original


def pad_timestamp(value: str, *, up: bool = False) -> str:
    """A 14-digit timestamp from ``YYYY[MM[DD[hh[mm[ss]]]]]``: the first second, or with ``up``
    the last second, of the period it names (``2019`` -> ``20191231235959``)."""
    value = value.strip()
    if not re.fullmatch(r"\d{4,14}", value):
        raise ValueError(f"not a timestamp YYYYMMDD[hhmmss]: {value!r}")
    template = "99991231235959" if up else "00000101000000"
    return value + template[len(value) :]


def iso_from_timestamp(timestamp: str) -> str:
    """``20170601123000`` -> ``2017-06-01T12:30:00Z`` (Wayback timestamps are UTC)."""
    ts = pad_timestamp(timestamp)
    when = datetime.strptime(ts, "%Y%m%d%H%M%S")
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def timestamp_from_iso(value: str) -> str:
    """``2017-06-01T12:30:00Z`` (a WARC-Date, fractions allowed) -> ``20170601123000``."""
    when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y%m%d%H%M%S")


def timestamp_from_http_date(value: str) -> str | None:
    """A ``Memento-Datetime`` header (RFC 1123) as a 14-digit timestamp; ``None`` if unreadable."""
    try:
        return parsedate_to_datetime(value).astimezone(UTC).strftime("%Y%m%d%H%M%S")
    except (TypeError, ValueError, IndexError):
        return None
