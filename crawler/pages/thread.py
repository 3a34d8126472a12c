"""Comments as data: each comment a post page shows, with its place in the thread.

WordPress's own comment markup is read, not one theme's: ``wp_list_comments()`` of classic
themes (``li#comment-N`` > ``article#div-comment-N``, ``.fn``, ``time[datetime]``,
``.comment-content``), the block themes' Comment Template block (``.wp-block-comment-author-name``,
``-date``, ``-content``) and custom callbacks such as Sahifa's (``cite.fn``, the date as the
permalink's text, "In reply to" links). A comment's parent is the comment its meta says it
replies to, else the comment it is nested in. Pingbacks and trackbacks are not comments and are
skipped. Pure: markup in, plain dicts out.

Where the comments and their parts are: :mod:`crawler.pages.commentparts`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date, datetime, tzinfo
from typing import Any

from lxml import etree

from .commentparts import ID, PINGS, Parts, comment_nodes, comment_parts, owner
from .dates import page_languages
from .datetext import parse_date, parse_iso, to_iso
from .document import Document
from .dom import Element, absolute, classes, drop_all, text_of, xpath
from .text import content_text

_LINKED_ID = re.compile(r"#comment-(\d+)$")
_AUTHOR_ROLES = ("author", "block_author", "comment_author")
_CONTENT_ROLES = ("content", "text", "body")
# What a comment's text is not: its reply and edit links and moderation note; and, when the text
# is taken from the whole comment body (themes without a content element), its author and meta.
_NOISE = ("reply", "comment-reply-link", "edit-link", "comment-edit-link",
          "comment-awaiting-moderation")
_HAS = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
_NOT_TEXT = xpath("descendant::*[" + " or ".join(_HAS.format(n) for n in _NOISE) + "]")
_NOT_BODY = xpath("descendant::*[" + " or ".join(_HAS.format(n) for n in (
    *_NOISE, "comment-meta", "comment-metadata", "commentmetadata", "comment-author", "vcard",
    "avatar", "children")) + " or self::footer]")
_UNTEXTURIZE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
"""The quotes wptexturize() makes of a name's ASCII ones (WordPress stores what was typed)."""
_SAYS = re.compile(r"\s*says:?\s*$", re.IGNORECASE)
# WordPress's default comment date ("September 9, 2016 at 5:57 pm"), read without strptime.
_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june",
                                        "july", "august", "september", "october", "november",
                                        "december"), 1)}
_WORDPRESS_DATE = re.compile(
    r"([a-z]+) (\d{1,2}), (\d{4})(?:,? (?:at )?(\d{1,2}):(\d\d) ?([ap])\.?m\.?)?$", re.IGNORECASE)

def page_comments(doc: Document, offset: tzinfo | None = None) -> list[dict[str, Any]]:
    """The comments *doc* shows, in page order: ``comment_id``, ``parent_id``, ``author``,
    ``author_url``, ``published``, ``content_html``, ``content_text``. *offset*: the UTC offset
    of the page's own dates, given to comment dates shown without one."""
    nodes = comment_nodes(doc)
    if not nodes:
        return []
    parts = comment_parts(nodes)
    languages = page_languages(doc)
    found = []
    for node, comment_id in nodes.items():
        if PINGS.intersection(classes(node)):
            continue
        own = parts.get(node, {})
        found.append({
            "comment_id": comment_id,
            "parent_id": _parent(node, comment_id, own, nodes),
            **_author(own, doc.base_url),
            "published": _published(node, comment_id, own, languages, offset),
            **_content(node, comment_id, own),
        })
    return found


def _parent(node: Element, comment_id: int, own: Parts,
            nodes: dict[Element, int]) -> int | None:
    meta = own.get("meta")
    if meta is not None:  # "In reply to <a href="#comment-N">" (Sahifa and others)
        for link in _links(meta):
            match = _LINKED_ID.search(link.get("href", ""))
            if match and int(match.group(1)) != comment_id:
                return int(match.group(1))
    above = node.getparent()
    holder = owner(above, nodes) if above is not None else None
    return nodes[holder] if holder is not None else None


def _links(el: Element) -> Iterator[Element]:
    return (a for a in el.iter("a") if a.get("href"))


def _author(own: Parts, base_url: str) -> dict[str, str | None]:
    for role in _AUTHOR_ROLES:
        el = own.get(role)
        if el is None:
            continue
        name = _SAYS.sub("", text_of(el))
        if not name:
            continue
        if role == "block_author":  # the block prints the name through wptexturize()
            name = name.translate(_UNTEXTURIZE)
        link = next(_links(el), None)
        holder = el.getparent()
        if link is None and holder is not None and holder.tag == "a":
            link = holder
        url = absolute(base_url, link.get("href")) if link is not None else None
        return {"author": name, "author_url": url}
    return {"author": None, "author_url": None}


def _published(node: Element, comment_id: int, own: Parts, languages: tuple[str, ...],
               offset: tzinfo | None) -> str | None:
    stamp = own.get("time")
    parsed = parse_iso(stamp.get("datetime", "").strip()) if stamp is not None else None
    if parsed is None:
        shown = _shown_date(node, comment_id, own)
        parsed = _wordpress_date(shown) or parse_date(shown, languages)
    if isinstance(parsed, datetime) and parsed.tzinfo is None and offset is not None:
        parsed = parsed.replace(tzinfo=offset)
    return to_iso(parsed) if parsed is not None else None


def _shown_date(node: Element, comment_id: int, own: Parts) -> str | None:
    """The comment's permalink text (where WordPress prints the date), else its meta line."""
    meta = own.get("meta")
    for link in _links(meta if meta is not None else node):
        if link.get("href", "").endswith(f"#comment-{comment_id}"):
            return text_of(link)
    return text_of(meta) if meta is not None else None


def _wordpress_date(text: str | None) -> date | None:
    """WordPress's default "F j, Y at g:i a" (or "F j, Y"), which most comment lists show,
    without trying strptime's formats one after the other."""
    match = _WORDPRESS_DATE.match(" ".join(text.split())) if text else None
    month = _MONTHS.get(match.group(1).lower()) if match else None
    if match is None or month is None:
        return None
    year, day = int(match.group(3)), int(match.group(2))
    hour, minute, half = match.group(4, 5, 6)
    try:
        if hour is None:
            return date(year, month, day)
        return datetime(year, month, day, int(hour) % 12 + (12 if half.lower() == "p" else 0),
                        int(minute))
    except ValueError:
        return None


def _content(node: Element, comment_id: int, own: Parts) -> dict[str, str]:
    role = next((r for r in _CONTENT_ROLES if r in own), None)
    el = own[role] if role else node
    unwanted = _NOT_TEXT if role in ("content", "text") else _NOT_BODY
    body = el
    if unwanted(el) or next(el.iter("li"), None) is not None:  # cleaned on a copy
        body = _detached(el, comment_id)
        drop_all(unwanted(body))
    inner = (body.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in body)
    return {"content_html": inner.strip(), "content_text": content_text(body)}


def _detached(el: Element, comment_id: int) -> Element:
    """A copy of *el* without the replies nested in it (the text is cleaned on the copy)."""
    body = copy.deepcopy(el)
    body.tail = None
    drop_all([reply for reply in body.iter("li") if _other_comment(reply, comment_id)])
    return body


def _other_comment(el: Element, comment_id: int) -> bool:
    match = ID.match(el.get("id") or "")
    return match is not None and int(match.group(1)) != comment_id
