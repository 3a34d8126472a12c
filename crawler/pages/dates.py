"""Published and modified dates, returned raw (normalizing them is a later step)."""

from __future__ import annotations

import re

from .document import Document
from .dom import Element, classes, css, within, xpath
from .noise import in_meta_noise

# Elements that can carry a machine-readable date; named tags keep the scan cheap.
_STAMPED = xpath(
    "descendant::time[@datetime] | descendant::abbr[@title] | descendant::span[@title or @datetime]"
)
_ITEMPROP = xpath("descendant::*[@itemprop=$prop]")
_VISIBLE = css("span.tie-date, .entry-date, .posted-on, .published, .post-date,"
               " .wp-block-post-date, .entry-meta, .post-meta, .meta-date, .date, time")
_SHORT_TEXTS = xpath("descendant::text()[normalize-space()][string-length() < 120]",
                     smart_strings=True)
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


def dates(
    doc: Document, scope: Element | None, body: Element | None
) -> tuple[str | None, str | None]:
    """(published, modified): Open Graph ``article:*`` metas, ``<time datetime>`` and hAtom
    ``title``/``datetime`` attributes, JSON-LD, microdata; for published only, the visible date
    text as a last resort. Modified stays None unless the page states it."""
    root = scope if scope is not None else doc.root
    stamps = _stamps(root, body)
    published = (
        doc.meta("article:published_time")
        or _pick(stamps, "published")
        or _pick(stamps, "entry")
        or _pick(stamps, "plain")
        or doc.jsonld.string("datePublished")
        or _itemprop(doc, root, "datePublished")
        or visible_date(root, body)
    )
    modified = (
        doc.meta("article:modified_time", "og:updated_time")
        or _pick(stamps, "modified")
        or doc.jsonld.string("dateModified")
        or _itemprop(doc, root, "dateModified")
    )
    return published, modified


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
    value = doc.meta(prop.lower())
    if value:
        return value
    for el in _ITEMPROP(root, prop=prop):
        value = el.get("datetime") or el.get("content") or el.text_content()
        if value and value.strip():
            return value.strip()
    return None


def visible_date(root: Element, body: Element | None) -> str | None:
    """The first date-looking text in the post meta (``September 8, 2016``), else in any short
    text of the entry outside its body."""
    for el in _VISIBLE(root):
        if not within(el, body, root) and not in_meta_noise(el, root):
            found = DATE_TEXT.search(el.text_content())
            if found:
                return found.group(0)
    for text in _SHORT_TEXTS(root):
        parent = text.getparent()
        if parent is None or within(parent, body, root) or in_meta_noise(parent, root):
            continue
        found = DATE_TEXT.search(text)
        if found:
            return found.group(0)
    return None
