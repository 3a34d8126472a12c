"""Pure value normalizers used by the normalize pipeline (DESIGN.md formats)."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

_SPACE = re.compile(r"\s+")
_HUMAN_DATE_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
    "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y %I:%M %p", "%B %d, %Y at %I:%M %p", "%Y-%m-%d %H:%M",
)


def clean_text(value: str | None) -> str:
    """Entities decoded, no-break spaces made plain, whitespace runs collapsed, ends stripped."""
    if not value:
        return ""
    return _SPACE.sub(" ", html.unescape(value).replace("\xa0", " ")).strip()


def clean_block_text(value: str | None) -> str:
    """Like :func:`clean_text` but keeps line and paragraph breaks (for ``content_text``)."""
    if not value:
        return ""
    lines = (re.sub(r"[ \t\f\v\xa0]+", " ", line).strip() for line in value.split("\n"))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def iso_datetime(value: str | None) -> str | None:
    """ISO 8601 for a date as WordPress pages spell it; ``None`` when it is not a date.

    Keeps the page's UTC offset (``2016-09-08T05:57:58-03:00``), ``Z`` becomes ``+00:00``; a date
    without a time stays a date (``2016-09-08``); a time without an offset stays naive.
    """
    text = clean_text(value)
    if not text:
        return None
    parsed = _parse_iso(text) or _parse_human(text)
    if parsed is None:
        return None
    if isinstance(parsed, datetime):
        return parsed.replace(microsecond=0).isoformat()
    return parsed.isoformat()


def _parse_iso(text: str) -> datetime | date | None:
    candidate = text.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", text) else text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
        return date.fromisoformat(candidate)
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _parse_human(text: str) -> datetime | date | None:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    for fmt in _HUMAN_DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed if "%H" in fmt or "%I" in fmt else parsed.date()
    return None


def sort_key(value: str | None) -> datetime:
    """A comparable instant for an ISO value; naive values are taken as UTC, missing as oldest."""
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    parsed = _parse_iso(value)
    if parsed is None:
        return datetime.min.replace(tzinfo=UTC)
    if not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def unique(values: list[str]) -> list[str]:
    """Cleaned, non-empty, first occurrence kept, order kept."""
    return list(dict.fromkeys(v for v in (clean_text(x) for x in values) if v))
