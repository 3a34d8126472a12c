"""Published and modified dates, as ISO 8601; the text as shown when it cannot be read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .datetext import Parsed, parse_date, to_iso
from .document import Document
from .dom import Element, classes, xpath
from .shown import visible_dates

# Elements that can carry a machine-readable date (one step: a union's sort is quadratic on a
# page of 50,000 of them).
_STAMPED = xpath(
    "descendant::*[self::time[@datetime] or self::abbr[@title] or self::span[@title or @datetime]]"
)
_HAS_CLOCK = re.compile(r"\d[:h]\d\d")
_MAX_OFFSET = timedelta(hours=14)
_QUARTER = timedelta(minutes=15)
_PUBLISHED_METAS = ("datepublished", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                    "sailthru.date", "dc.date.issued", "dcterms.issued", "date")


@dataclass(frozen=True)
class PostDates:
    """A post's dates: ISO 8601 when understood, else the text as shown (``*_raw``)."""

    published: str | None = None
    modified: str | None = None
    published_raw: str | None = None
    modified_raw: str | None = None


def dates(doc: Document, scope: Element | None, body: Element | None) -> PostDates:
    """Published from Open Graph ``article:*`` metas, ``<time datetime>`` and hAtom
    ``title``/``datetime`` attributes, JSON-LD, microdata and news metas, front matter, and as a
    last resort the date shown in the post's meta line (never the body's or a comment's).
    Modified stays None unless the page states it. A UTC or zone-less time is restated in the
    site's own offset when the page shows the same moment as local time."""
    root = scope if scope is not None else doc.root
    stamps = _stamps(doc, root, body)
    languages = page_languages(doc)
    # Read lazily: the sources after the first readable one only matter when its time needs
    # the site's offset from them.
    pending = ((raw, parse_date(raw, languages)) for raw in _published(doc, root, stamps) if raw)
    machine: list[tuple[str, Parsed | None]] = []
    published, published_raw = _first(_kept(pending, machine), languages)
    if published is None:
        published, published_raw = _first(visible_dates(doc, root, body), languages,
                                            published_raw)
    modified, modified_raw = _first(_modified(doc, root, stamps), languages)
    if isinstance(published, datetime) and not published.utcoffset():
        machine.extend(pending)
        others = [parsed for _, parsed in machine]
        others += [parse_date(value) for role, value in stamps if role != "modified"]
        published = _localize(published, others, lambda: _shown_clock(doc, root, body, languages))
    return PostDates(
        to_iso(published) if published else None, to_iso(modified) if modified else None,
        None if published else published_raw, None if modified else modified_raw,
    )


def _kept(pairs: Iterator[tuple[str, Parsed | None]],
          into: list[tuple[str, Parsed | None]]) -> Iterator[tuple[str, Parsed | None]]:
    for pair in pairs:
        into.append(pair)
        yield pair


def page_languages(doc: Document) -> tuple[str, ...]:
    """The page's language tags: ``<html lang>``, ``og:locale``, ``Content-Language``."""
    tags = (doc.root.get("lang"), doc.root.get("xml:lang"), doc.meta("og:locale"),
            doc.header("content-language"))
    return tuple(dict.fromkeys(tag.strip() for tag in tags if tag and tag.strip()))


def _published(doc: Document, root: Element,
               stamps: list[tuple[str, str]]) -> Iterator[str | None]:
    yield doc.meta("article:published_time")
    for role in ("published", "entry", "plain"):
        yield _pick(stamps, role)
    yield doc.jsonld.string("datePublished")
    yield _itemprop(doc, root, "datePublished")
    yield doc.meta(*_PUBLISHED_METAS)
    yield doc.front_matter.text("date", "published")


def _modified(doc: Document, root: Element, stamps: list[tuple[str, str]]) -> Iterator[str | None]:
    yield doc.meta("article:modified_time", "og:updated_time")
    yield _pick(stamps, "modified")
    yield doc.jsonld.string("dateModified")
    yield _itemprop(doc, root, "dateModified")
    yield doc.meta("datemodified", "last-modified", "dc.date.modified", "dcterms.modified")
    yield doc.front_matter.text("last_modified_at", "modified", "updated")


def _first(values: Iterable[str | None | tuple[str, Parsed | None]], languages: tuple[str, ...],
           shown: str | None = None) -> tuple[Parsed | None, str | None]:
    """The first value that reads as a date, and the first raw value shown at all (``values``
    are raw texts, or (raw, already parsed) pairs)."""
    for value in values:
        raw, parsed = value if isinstance(value, tuple) else (value, None)
        if not raw or not raw.strip():
            continue
        shown = shown or raw.strip()
        if parsed is None and not isinstance(value, tuple):
            parsed = parse_date(raw, languages)
        if parsed is not None:
            return parsed, shown
    return None, shown


def _localize(value: datetime, others: Iterable[Parsed | None],
              shown: Callable[[], datetime | None]) -> datetime:
    """``value`` in the site's own offset when it came as UTC or without a zone.

    Yoast and many themes write ``article:published_time`` in UTC while the byline shows local
    time ("November 18, 2019 11:03 PM" for ``2019-11-19T07:03:25+00:00``); the day a reader sees
    is the local one. Another stamp with the same wall clock and an offset, or the shown time
    (a whole number of quarter hours away, within 14 hours), gives that offset."""
    candidates = [other for other in others if isinstance(other, datetime)]
    if value.tzinfo is None:
        twin = next((o for o in candidates if o.tzinfo and o.replace(tzinfo=None) == value), None)
        if twin is None:
            return value
        value = twin
    if value.utcoffset():
        return value
    for other in (*candidates, shown()):
        offset = _offset(value, other)
        if offset:
            return value.astimezone(timezone(offset))
    return value


def _offset(utc: datetime, local: datetime | None) -> timedelta | None:
    """The UTC offset at which ``local`` shows the instant ``utc``, if it plausibly does."""
    if local is None:
        return None
    if local.tzinfo is not None:
        same = abs(local - utc) < timedelta(minutes=1)
        return local.utcoffset() if same else None
    wall = utc.replace(tzinfo=None, microsecond=0)
    if local.second == 0:
        wall = wall.replace(second=0)  # shown times rarely give seconds
    delta = local - wall
    return delta if abs(delta) <= _MAX_OFFSET and not delta % _QUARTER else None


def _shown_clock(doc: Document, root: Element, body: Element | None,
                 languages: tuple[str, ...]) -> datetime | None:
    """The date and time shown in the post's meta line, when it shows a time of day."""
    for text in visible_dates(doc, root, body):
        if _HAS_CLOCK.search(text):
            parsed = parse_date(text, languages)
            if isinstance(parsed, datetime):
                return parsed
    return None


def _stamps(doc: Document, root: Element, body: Element | None) -> list[tuple[str, str]]:
    """(role, raw value) of the elements carrying a machine-readable date, page order."""
    found = []
    for el in _STAMPED(root):
        value = (el.get("datetime") or el.get("title") or el.get("content") or "").strip()
        if value and not doc.within(el, body, root) and not doc.in_meta_noise(el, root):
            found.append((_role(el), value))
    return found


def _role(el: Element) -> str:
    tokens = classes(el)
    # twentytwentyone and friends print one `<time class="published updated">` whatever the
    # modification date: only a separate `.updated` says when the post changed.
    if "published" in tokens:
        return "published"
    if "updated" in tokens:
        return "modified"
    up = el.getparent()
    parent = classes(up) if up is not None else []
    # The block "Post Date" set to show the modification date says so in a class.
    if "wp-block-post-date__modified-date" in parent:
        return "modified"
    if "entry-date" in tokens or "wp-block-post-date" in parent:
        return "entry"
    return "plain" if el.tag == "time" else "other"


def _pick(stamps: list[tuple[str, str]], role: str) -> str | None:
    return next((value for found, value in stamps if found == role), None)


def _itemprop(doc: Document, root: Element, prop: str) -> str | None:
    for el in doc.index(root).elements:
        if el.get("itemprop") != prop or el is root:
            continue
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and value.strip():
            return str(value).strip()
    return None
