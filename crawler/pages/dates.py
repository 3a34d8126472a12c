"""Published and modified dates, as ISO 8601; the text as shown when it cannot be read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from .datetext import Parsed, parse_date, to_iso
from .document import Document
from .dom import Element, classes, within, xpath
from .noise import holds_main_region, in_meta_noise, is_post_element, meta_verdict

# Elements that can carry a machine-readable date; named tags keep the scan cheap.
_STAMPED = xpath(
    "descendant::time[@datetime] | descendant::abbr[@title] | descendant::span[@title or @datetime]"
)
# Where themes print the date: any class naming a date, a time or the post's meta line.
_DATE_CLASS_WORDS = ("date", "Date", "posted-on", "published", "entry-meta", "post-meta", "byline",
                     "post-info", "time")
_HEADINGS = xpath("/descendant::h1")
_MAX_LOOSE = 120  # a loose text this long is prose, not a meta line
_XML_SPACE = " \t\n\r"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CLOCK = r"(?:,?\s+(?:at\s+|@\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
DATE_TEXT = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}){_CLOCK}",
    re.IGNORECASE,
)
"""An English or numeric date as a theme prints it (the body trimmer drops such lines)."""
# Any language: a day, a month word or number and a year in one of the orders people write,
# then an optional time of day and zone. The parser decides whether the word is a month.
_SHOWN_DATE = re.compile(
    r"(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d\d)(?!\d)"
    r"|\d{4}年\s*\d{1,2}月\s*\d{1,2}日"
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?(?:1[89]|20)\d\d(?!\d)"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d(?!\d))"
    r"(?:,?\s*(?:at|às|um|à|alle|в|@|-|–)?\s*\d{1,2}[:h]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}\b|[+-]\d\d:?\d\d))?)?",
    re.IGNORECASE,
)
_TWO_DIGITS = re.compile(r"\d\d")
_HAS_CLOCK = re.compile(r"\d[:h]\d\d")
_MAX_OFFSET = timedelta(hours=14)
_QUARTER = timedelta(minutes=15)
_MAX_SHOWN = 4  # shown dates tried before giving up: the byline's comes first
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
    stamps = _stamps(root, body)
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


def _stamps(root: Element, body: Element | None) -> list[tuple[str, str]]:
    """(role, raw value) of the elements carrying a machine-readable date, page order."""
    found = []
    for el in _STAMPED(root):
        value = (el.get("datetime") or el.get("title") or el.get("content") or "").strip()
        if value and not within(el, body, root) and not in_meta_noise(el, root):
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
            return value.strip()
    return None


def visible_dates(doc: Document, root: Element, body: Element | None) -> Iterator[str]:
    """Date-looking texts in the post meta (``September 8, 2016``, ``3. August 2015``,
    ``27/09/2018``), then in short texts of the entry outside its body; the first few only."""
    seen: set[str] = set()
    for text in _shown_texts(doc, root, body):
        if _TWO_DIGITS.search(text) is None:
            continue  # every shown date has a year or a day of two digits: most texts have none
        for match in _SHOWN_DATE.finditer(text):
            if match.group(0) not in seen:  # a meta line's date shows again in its children
                seen.add(match.group(0))
                yield match.group(0)
                if len(seen) == _MAX_SHOWN:
                    return


def _shown_texts(doc: Document, root: Element, body: Element | None,
                 header: bool = True) -> Iterator[str]:
    """Texts of the post's meta line: date-classed elements, then (before any loose short text
    of the entry, which may be prose) the header around the title when it lies outside."""
    for el in doc.index(root).elements:
        if (el is not root and (el.tag == "time" or _names_date(el.get("class")))
                and not within(el, body, root) and not in_meta_noise(el, root)):
            yield el.text_content()
    above = _post_header(root) if header else None
    if above is not None:
        yield from _shown_texts(doc, above, root, header=False)
    yield from _loose_texts(root, body)


@lru_cache(maxsize=4096)
def _names_date(names: str | None) -> bool:
    return names is not None and any(word in names for word in _DATE_CLASS_WORDS)


def _loose_texts(root: Element, body: Element | None) -> Iterator[str]:
    """The short texts of ``root`` (as XPath's ``text()`` nodes: element texts and tails)
    outside ``body`` and outside meta noise, document order. One walk from the top, which
    never enters the body and carries the noise verdict down, instead of a look up from
    every text node of the page."""
    own_post = is_post_element(root)
    skip = body if body is not root else None
    if (text := _short(root.text)) is not None:
        yield text
    # (node, its noise verdict, whether the entry stands for its tail)
    stack: list[tuple[Element, bool, bool]] = [(child, False, False) for child in reversed(root)]
    while stack:
        node, noisy, tail = stack.pop()
        if tail:
            if not noisy and (text := _short(node.tail)) is not None:
                yield text
            continue
        if node is skip:
            continue  # and its tail: a tail is judged by the element it follows, as lxml files it
        if node.tag == "body":
            noisy = False  # the noise walk stops below <body>: its classes describe the page
        elif isinstance(node.tag, str):
            verdict = meta_verdict(node, own_post)
            if verdict and not holds_main_region(node):
                continue  # a sidebar, comments...: nothing in it counts (its tail neither)
            noisy = noisy if verdict is None else verdict
        stack.append((node, noisy, True))
        if not isinstance(node.tag, str):
            continue  # a comment's text is no text node; its tail is
        stack.extend((child, noisy, False) for child in reversed(node))
        if not noisy and (text := _short(node.text)) is not None:
            yield text


def _short(text: str | None) -> str | None:
    """``text`` when it is a loose short text: under 120 characters, not blank."""
    return text if text and len(text) < _MAX_LOOSE and text.strip(_XML_SPACE) else None


def _post_header(root: Element) -> Element | None:
    """The block around the page's ``<h1>`` when that lies outside ``root``, else None."""
    heading = next(iter(_HEADINGS(root)), None)
    if heading is None or _inside(heading, root) or in_meta_noise(heading, None):
        return None
    block = heading.getparent()
    # A heading alone in its wrapper: the byline sits in the wrapper's parent.
    if block is not None and len(block) == 1 and block.getparent() is not None:
        block = block.getparent()
    return block


def _inside(el: Element, region: Element) -> bool:
    return any(node is region for node in el.iterancestors()) or el is region
