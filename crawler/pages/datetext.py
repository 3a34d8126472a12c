"""Dates as pages print them, read into ``datetime``/``date`` values.

Three steps, cheapest first: ISO 8601 and its WordPress variants (``2019-11-18 17:19:53 GMT``),
then the English spellings most themes print (``November 19, 2019, 9:02 AM``) with ``strptime``,
and only when both fail dateparser, which knows month names and orders of ~200 languages
(``3. August 2015``, ``8 сентября 2016``, ``sexta-feira, 22 de outubro de 2010 às 20:13``).
dateparser costs 1-30 ms a call (100 ms for the first), so it only sees texts that hold a year.

A value that shows no time of day stays a ``date``; one with a time keeps its UTC offset when it
states one (``Z``, ``+01:00``, ``GMT``, ``CST``) and is naive otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache
from types import MappingProxyType
from typing import Any

Parsed = datetime | date

_ISO_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_UTC_SUFFIX = re.compile(r"\s*(?:GMT|UTC)$", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_FILLER = re.compile(r",?\s+(?:at|@)\s+|\s*[|·•]\s*|,\s*", re.IGNORECASE)
_AMPM = re.compile(r"\b([ap])\.?m\.?(?!\w)", re.IGNORECASE)
_MONTH_DOT = re.compile(r"\b(jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.", re.IGNORECASE)
# US news sites end their bylines with a zone ("Nov. 19, 2019 8:03 am ET"). The unambiguous
# ones, with the offsets dateparser gives them (a test checks), so that such a date costs one
# strptime instead of a dateparser call (2-5 ms). IST, BST and the like mean several zones:
# they are left to dateparser.
_ZONES = MappingProxyType({
    name: timezone(timedelta(hours=hours)) for name, hours in (
        ("GMT", 0), ("UTC", 0), ("ET", -5), ("EST", -5), ("EDT", -4), ("CST", -6), ("CDT", -5),
        ("MST", -7), ("MDT", -6), ("PT", -8), ("PST", -8), ("PDT", -7), ("HST", -10),
        ("CET", 1), ("CEST", 2))
})
_TRAILING_ZONE = re.compile(rf"\s+({'|'.join(_ZONES)})$")
# English spellings themes print, tried with strptime after _FILLER made "," and " at " spaces.
_DAY_FORMATS = ("%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y",
                "%A %B %d %Y", "%A %d %B %Y", "%a %b %d %Y")
_CLOCK_FORMATS = ("%I:%M %p", "%I:%M%p", "%H:%M", "%H:%M:%S", "%I:%M:%S %p")
_TIME_FORMATS = tuple(f"{day} {clock}" for day in _DAY_FORMATS for clock in _CLOCK_FORMATS)
_HAS_CLOCK = re.compile(r"\d\s*[:h]\s*\d\d|\d\s*[ap]\.?m\b", re.IGNORECASE)
# dateparser only sees texts holding a year: "2 days ago" or "Monday" are no publication dates.
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d\d(?!\d)")
_MAX_LENGTH = 80
# Tried when the page's own language fails or is unknown. dateparser's default (every one of its
# 200 languages) takes seconds to fail on a non-date; these cover most of the web in 1-3 ms.
_COMMON_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "ru", "nl", "pl", "tr", "id", "ja", "zh",
                     "uk", "sv", "cs", "ro", "vi", "ko", "ar", "fa")
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no bare timestamps
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
}


def parse_date(text: str | None, languages: Iterable[str] = ()) -> Parsed | None:
    """The date or date-time ``text`` spells, or None. ``languages``: the page's language tags
    (``pt-BR``, ``de``), a hint for month names and for the order of numeric dates."""
    text = " ".join(text.split()) if text else ""
    if not text or len(text) > _MAX_LENGTH:
        return None
    return parse_iso(text) or _parse_english(text) or _parse_any(text, tuple(languages))


def parse_iso(text: str) -> Parsed | None:
    """ISO 8601 as WordPress and its plugins write it: ``T`` or a space, ``Z``, ``GMT``, an
    offset with or without colon, fractions of a second; a bare day stays a ``date``."""
    if not _ISO_LIKE.match(text):
        return None
    if len(text) == 10:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    candidate = text.replace(" ", "T", 1)
    if _UTC_SUFFIX.search(candidate):
        candidate = _UTC_SUFFIX.sub("+00:00", candidate)
    try:
        return datetime.fromisoformat(candidate.replace(" ", ""))
    except ValueError:
        return None


def _parse_english(text: str) -> Parsed | None:
    zone = _TRAILING_ZONE.search(text)
    if zone is not None:
        parsed = _parse_english(text[:zone.start()])
        if isinstance(parsed, datetime):
            return parsed.replace(tzinfo=_ZONES[zone.group(1)])
        return None
    spaced = _AMPM.sub(r"\1M", _FILLER.sub(" ", _ORDINAL.sub("", _MONTH_DOT.sub(r"\1", text))))
    spaced = spaced.strip()
    if not spaced:
        return None
    clock = bool(_HAS_CLOCK.search(spaced))
    for fmt in _formats(clock, spaced[0].isdigit(), spaced[-2:].upper() in ("AM", "PM")):
        try:
            parsed = datetime.strptime(spaced, fmt)
        except ValueError:
            continue
        return parsed if clock else parsed.date()
    return None


@lru_cache(maxsize=8)
def _formats(clock: bool, digit_first: bool, ends_am_pm: bool) -> tuple[str, ...]:
    """The formats that can match a text of this shape, in order. A failing ``strptime``
    costs some 7 microseconds and there are 45 formats with a clock: a text starting with a
    digit cannot match one starting with a name, nor a text ending in AM/PM one ending with
    digits (strptime wants the whole text), and the other way round."""
    return tuple(
        fmt for fmt in (_TIME_FORMATS if clock else _DAY_FORMATS)
        if fmt.startswith(("%d", "%Y")) == digit_first
        and (not clock or fmt.endswith("%p") == ends_am_pm)
    )


def _parse_any(text: str, languages: tuple[str, ...]) -> Parsed | None:
    if not _HAS_YEAR.search(text):
        return None
    found: datetime | None = None
    for locales in _locale_hints(languages):
        found = _parser(locales).get_date_data(text).date_obj
        if found is not None:
            break
    if found is None:
        return None
    if not _HAS_CLOCK.search(text):
        return found.date()
    return found if found.tzinfo is None else found.astimezone(found.tzinfo)


def _locale_hints(languages: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Locales to try in turn: the page's own (``en-GB`` reads 21/06/2014 day first), then
    the common languages (pages often say nothing, or something wrong, about their language)."""
    by_language: dict[str, str] = {}
    for tag in filter(None, map(_locale, languages)):
        by_language.setdefault(tag.split("-")[0], tag)  # dateparser takes one locale a language
    known = tuple(by_language.values())
    return [known, ()] if known else [()]


def _locale(tag: str) -> str | None:
    """The dateparser locale for a language tag: ``en-GB`` as such, ``pt-BR`` as ``pt`` (the
    base locale), None for a language it does not know."""
    from dateparser.data.languages_info import language_locale_dict as known

    parts = re.split(r"[-_]", tag.strip())
    language = parts[0].lower()
    if language not in known:
        return None
    region = f"{language}-{parts[1].upper()}" if len(parts) > 1 else ""
    return region if region in known[language] else language


@lru_cache(maxsize=64)
def _parser(locales: tuple[str, ...]) -> Any:
    """One dateparser parser per locale set (building one loads language data: reuse it)."""
    from dateparser.date import DateDataParser  # imported on first use: it takes 50 ms

    if locales:
        return DateDataParser(locales=list(locales), try_previous_locales=False,
                              settings=_DATEPARSER_SETTINGS)
    return DateDataParser(languages=list(_COMMON_LANGUAGES), try_previous_locales=False,
                          settings=_DATEPARSER_SETTINGS)


def to_iso(value: Parsed) -> str:
    """ISO 8601 text: seconds precision, ``+00:00`` rather than ``Z``."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def as_utc(value: datetime) -> datetime:
    """An aware ``value`` in UTC; a naive one is taken as UTC already."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
