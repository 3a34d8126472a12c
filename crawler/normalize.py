"""Pure value normalizers used by the normalize pipeline: the formats ``crawler.items`` documents
(ISO 8601 dates, clean text, unique names)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from crawler.pages.datetext import parse_date, parse_iso, to_iso

_SPACE = re.compile(r"\s+")


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
    without a time stays a date (``2016-09-08``); a time without an offset stays naive. The page
    parsers already give ISO values (read with the page's language as a hint): this is the same
    reader, without that hint, for values from anywhere else.
    """
    text = clean_text(value)
    parsed = parse_date(text) if text else None
    return to_iso(parsed) if parsed is not None else None


def sort_key(value: str | None) -> datetime:
    """A comparable instant for an ISO value; naive values are taken as UTC, missing as oldest."""
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    parsed = parse_iso(value)
    if parsed is None:
        return datetime.min.replace(tzinfo=UTC)
    if not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def unique(values: list[str]) -> list[str]:
    """Cleaned, non-empty, first occurrence kept, order kept."""
    return list(dict.fromkeys(v for v in (clean_text(x) for x in values) if v))
