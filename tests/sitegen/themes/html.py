"""Escaping and formatting the way WordPress prints things."""

from __future__ import annotations

from datetime import datetime

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
# wptexturize() output plus esc_html(): curly quotes and dashes become numeric entities.
# (str.replace per character beats str.translate with a dict on mostly-clean text.)
_TEXT = [
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&#039;"), ("\u2019", "&#8217;"),
    ("\u2018", "&#8216;"), ("\u201c", "&#8220;"), ("\u201d", "&#8221;"), ("\u2013", "&#8211;"),
    ("\u2026", "&#8230;"), ("\u00a0", "&nbsp;"),
]
_ATTR = [("&", "&amp;"), ('"', "&quot;"), ("<", "&lt;"), (">", "&gt;"), ("'", "&#039;")]


def _replace(text: str, table: list[tuple[str, str]]) -> str:
    for char, entity in table:
        if char in text:
            text = text.replace(char, entity)
    return text


def esc(text: str) -> str:
    """Text node content."""
    return _replace(text, _TEXT)


def esc_title(text: str) -> str:
    """Titles in ``<title>`` and menus, where WordPress writes ``&`` as ``&#038;``."""
    return esc(text).replace("&amp;", "&#038;")


def attr(value: str) -> str:
    """Attribute value (double-quoted)."""
    return _replace(value, _ATTR)


def long_date(when: datetime) -> str:
    """``September 8, 2016`` (the ``F j, Y`` format)."""
    return f"{MONTHS[when.month - 1]} {when.day}, {when.year}"


def clock(when: datetime) -> str:
    """``5:57 pm`` (the ``g:i a`` format)."""
    return f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'am' if when.hour < 12 else 'pm'}"


def iso(when: datetime) -> str:
    """``2016-09-08T05:57:58-03:00`` (the ``c`` format)."""
    return when.isoformat()
