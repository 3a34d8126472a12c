"""The front matter of a stripped or Jekyll-style copy: a ``---`` fenced block before the HTML.

Static-site copies of WordPress posts (Jekyll ``index.md``, Hugo, the GitHub deepdotweb mirror)
start with one: either YAML (``title:``, ``date:``, ``author:``, ``categories:``, ``tags:``) or
a bare title line. An HTML parser leaves it as the leading text of ``<body>`` (or of its first
``<p>``), so it is read from there. Only the YAML the copies use is understood: ``key: value``,
quoted values, ``[a, b]`` lists and ``- item`` lists; anything else is ignored, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dom import Element, clean_text

_FENCED = re.compile(r"^\s*---[ \t]*\n(.*?)\n\s*---", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_ITEM = re.compile(r"^\s*-\s+(.*?)\s*$")
_QUOTES = "\"'"


@dataclass(frozen=True)
class FrontMatter:
    """What a copy's front matter says; empty when it has none."""

    title: str | None = None
    fields: dict[str, str | list[str]] = field(default_factory=dict)
    """Every ``key: value`` of a YAML block, keys lower-cased; lists for list values."""

    def text(self, *keys: str) -> str | None:
        """The first of ``keys`` holding a value (a list's first item)."""
        for key in keys:
            value = self.fields.get(key)
            if isinstance(value, list):
                value = value[0] if value else None
            if value:
                return value
        return None

    def names(self, *keys: str) -> list[str]:
        """A list-valued key (``tags: [a, b]``, ``- a`` items, or ``a, b`` in one string)."""
        for key in keys:
            value = self.fields.get(key)
            if isinstance(value, str):
                value = [part.strip() for part in value.split(",")]
            if value:
                return [name for name in value if name]
        return []


def read_front_matter(body: Element | None) -> FrontMatter:
    """The page's front matter (the leading ``---`` block of its ``<body>``), else an empty
    one (:attr:`Document.front_matter <crawler.pages.document.Document.front_matter>`)."""
    if body is None:
        return FrontMatter()
    lead = body.text if body.text and body.text.strip() else None
    if lead is None and len(body) and body[0].tag == "p":
        lead = body[0].text
    found = _FENCED.match(lead or "")
    return parse_block(found.group(1)) if found else FrontMatter()


def parse_block(block: str) -> FrontMatter:
    """A front matter block (without its fences): YAML keys, else one bare title line."""
    fields: dict[str, str | list[str]] = {}
    key = None
    for line in block.splitlines():
        item = _ITEM.match(line)
        if item and key is not None:
            listed = fields.get(key)
            fields[key] = [*(listed if isinstance(listed, list) else []), _unquote(item.group(1))]
            continue
        pair = _KEY.match(line)
        if pair:
            key = pair.group(1).lower()
            fields[key] = _value(pair.group(2))
    if fields:
        title = fields.get("title")
        return FrontMatter(clean_text(title) or None if isinstance(title, str) else None, fields)
    lines = [clean_text(line) for line in block.splitlines() if line.strip()]
    return FrontMatter(lines[0] if len(lines) == 1 else None)


def _value(raw: str) -> str | list[str]:
    if raw.startswith("[") and raw.endswith("]"):
        return [_unquote(part) for part in raw[1:-1].split(",") if part.strip()]
    return _unquote(raw)


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in _QUOTES:
        raw = raw[1:-1]
    return clean_text(raw)
