"""Dates as the page shows them: what a shown date looks like in any language, and where the
post's meta line prints it (date-classed elements, the header around the title, then short
texts of the entry outside its body and outside noise)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .datetext import parse_date
from .document import Document
from .dom import Element, xpath
from .noise import holds_main_region, in_meta_noise, is_post_element, meta_verdict

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
"""An English or numeric date as a theme prints it, with an "at" before its time."""
SHOWN_DATE = re.compile(
    r"(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d\d)(?!\d)"
    r"|\d{4}年\s*\d{1,2}月\s*\d{1,2}日"
    r"|\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+)?(?:1[89]|20)\d\d(?!\d)"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d(?!\d))"
    r"(?:,?\s*(?:at|às|um|à|alle|в|@|-|–)?\s*\d{1,2}[:h]\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}\b|[+-]\d\d:?\d\d))?)?",
    re.IGNORECASE,
)
"""A date in any language: a day, a month word or number and a year in one of the orders
people write, then an optional time of day and zone (the parser decides whether the word is a
month)."""
_TWO_DIGITS = re.compile(r"\d\d")
_MAX_SHOWN = 4  # shown dates tried before giving up: the byline's comes first


def is_date_line(text: str, guess: bool = True) -> bool:
    """Whether ``text`` (stripped) is a date and nothing else, in any language. An English or
    numeric one is known by its shape; another must read as a date (``Chapter 12, 2019`` has
    the shape of ``März 12, 2019``), which costs a dateparser call, made only if ``guess``."""
    if DATE_TEXT.fullmatch(text):
        return True
    return guess and SHOWN_DATE.fullmatch(text) is not None and parse_date(text) is not None


def names_a_date(text: str) -> bool:
    """Whether ``text`` holds a date, in any language."""
    return bool(DATE_TEXT.search(text) or SHOWN_DATE.search(text))


def visible_dates(doc: Document, root: Element, body: Element | None) -> Iterator[str]:
    """Date-looking texts in the post meta (``September 8, 2016``, ``3. August 2015``,
    ``27/09/2018``), then in short texts of the entry outside its body; the first few only."""
    seen: set[str] = set()
    for text in _shown_texts(doc, root, body):
        if _TWO_DIGITS.search(text) is None:
            continue  # every shown date has a year or a day of two digits: most texts have none
        for match in SHOWN_DATE.finditer(text):
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
                and not doc.within(el, body, root) and not doc.in_meta_noise(el, root)):
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
