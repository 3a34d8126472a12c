"""Comments as data: each comment a post page shows, with its place in the thread.

WordPress's own comment markup is read, not one theme's: ``wp_list_comments()`` of classic
themes (``li#comment-N`` > ``article#div-comment-N``, ``.fn``, ``time[datetime]``,
``.comment-content``; its ``style=div`` lists too), the block themes' Comment Template block
(``.wp-block-comment-author-name``, ``-date``, ``-content``) and custom callbacks such as
Sahifa's (``cite.fn``, the date as the permalink's text, "In reply to" links). A comment's parent
is the comment its meta says it replies to, else the comment it is nested in. Pingbacks and
trackbacks are not comments and are skipped. Pure: markup in, plain dicts out.
"""

from __future__ import annotations

import copy
import re
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from .dates import page_languages
from .datetext import parse_date, parse_iso, to_iso
from .document import Document
from .dom import Element, absolute, classes, drop, text_of, xpath
from .text import content_text

_ID = re.compile(r"^(?:li-|div-)?comment-(\d+)$")
_LINKED_ID = re.compile(r"#comment-(\d+)$")
_NODES = xpath("//*[@id][starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-')"
               " or starts-with(@id, 'div-comment-')]")
_PINGS = frozenset(("pingback", "trackback"))
_PAGE_LINKS = xpath("//a[contains(@href, 'comment-page-') or contains(@href, 'cpage=')]/@href")
_PAGE_MARK = re.compile(r"comment-page-\d+/?$|(?:^|(?<=&))cpage=\d+&?")


def _has_class(*names: str) -> str:
    return " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {n} ')"
                       for n in names)


def _with_class(*names: str, extra: str = "") -> etree.XPath:
    """Descendants with any of the class *names* (or matching the XPath test *extra*)."""
    return xpath(f"descendant::*[{_has_class(*names)}{' or ' + extra if extra else ''}]")


# Each in priority order of its alternatives; a hit counts only if it is the comment's own
# (not inside a reply nested in it): see _own().
_AUTHORS = (_with_class("fn"), _with_class("wp-block-comment-author-name"),
            _with_class("comment-author", extra="@itemprop='author'"))
_TIMES = xpath("descendant::time[@datetime]")
_METAS = _with_class("comment-metadata", "commentmetadata", "comment-meta", "comment-date",
                     "wp-block-comment-date")
_CONTENTS = (_with_class("comment-content", "wp-block-comment-content", "comment-text",
                         "comment-entry"),
             xpath("descendant::*[@itemprop='text' or @itemprop='commentText']"),
             _with_class("comment-body"))
_LINKS = xpath("descendant::a[@href]")
# What a comment's text is not: its reply and edit links and moderation note; and, when the text
# is taken from the whole comment body (themes without a content element), its author and meta.
_NOISE = ("reply", "comment-reply-link", "edit-link", "comment-edit-link",
          "comment-awaiting-moderation")
_NOT_TEXT = _with_class(*_NOISE)
_NOT_BODY = _with_class(*_NOISE, "comment-meta", "comment-metadata", "commentmetadata",
                        "comment-author", "vcard", "avatar", "children", extra="self::footer")
_UNTEXTURIZE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
"""The quotes wptexturize() makes of a name's ASCII ones (WordPress stores what was typed)."""
_SAYS = re.compile(r"\s*says:?\s*$", re.IGNORECASE)


def page_comments(doc: Document, offset: tzinfo | None = None) -> list[dict[str, Any]]:
    """The comments *doc* shows, in page order: ``comment_id``, ``parent_id``, ``author``,
    ``author_url``, ``published``, ``content_html``, ``content_text``. *offset*: the UTC offset
    of the page's own dates, given to comment dates shown without one."""
    nodes = _comment_nodes(doc.root)
    if not nodes:
        return []
    languages = page_languages(doc)
    found = []
    for node, comment_id in nodes.items():
        if _PINGS.intersection(classes(node)):
            continue
        found.append({
            "comment_id": comment_id,
            "parent_id": _parent(node, comment_id, nodes),
            **_author(node, nodes, doc.base_url),
            "published": _published(node, comment_id, nodes, languages, offset),
            **_content(node, comment_id, nodes),
        })
    return found


def comment_page_links(doc: Document) -> list[str]:
    """Links to comment pages (``/comment-page-N/``, ``?cpage=N``) of the post *doc* shows."""
    own = _post_of(doc.url)
    found = (absolute(doc.base_url, href) for href in _PAGE_LINKS(doc.root))
    return list(dict.fromkeys(url for url in found if url and _post_of(url) == own))


def _post_of(url: str) -> str:
    """*url*'s path and query without the fragment and the comment page mark."""
    parts = urlsplit(url)
    path = _PAGE_MARK.sub("", parts.path)
    query = _PAGE_MARK.sub("", parts.query).rstrip("&?")
    return f"{path.rstrip('/')}?{query}"


def _comment_nodes(root: Element) -> dict[Element, int]:
    """Each comment's outermost element (an ``li`` whose inner ``div-comment-N`` also matches
    comes first in document order), by element, with its ID."""
    nodes: dict[Element, int] = {}
    seen: set[int] = set()
    for el in _NODES(root):
        match = _ID.match(el.get("id", ""))
        if match is None:
            continue
        comment_id = int(match.group(1))
        if comment_id in seen:
            continue
        seen.add(comment_id)
        holder = el.getparent()
        # An anchor before the comment, or an inner div in an ``li`` without an ID of its own
        # (replies nest in the li, so that is the element whose ancestry tells the thread).
        if holder is not None and (el.tag == "a" or (holder.tag == "li" and not holder.get("id"))):
            el = holder
        nodes[el] = comment_id
    return nodes


def _owner(el: Element, nodes: dict[Element, int]) -> Element | None:
    node: Element | None = el
    while node is not None and node not in nodes:
        node = node.getparent()
    return node


def _own(node: Element, expression: etree.XPath, nodes: dict[Element, int]) -> Element | None:
    """The first element *expression* finds in *node* that belongs to it, not to a reply."""
    for el in expression(node):
        if _owner(el, nodes) is node:
            return el
    return None


def _parent(node: Element, comment_id: int, nodes: dict[Element, int]) -> int | None:
    meta = _own(node, _METAS, nodes)
    if meta is not None:  # "In reply to <a href="#comment-N">" (Sahifa and others)
        for link in _LINKS(meta):
            match = _LINKED_ID.search(link.get("href", ""))
            if match and int(match.group(1)) != comment_id:
                return int(match.group(1))
    above = node.getparent()
    holder = _owner(above, nodes) if above is not None else None
    return nodes[holder] if holder is not None else None


def _author(node: Element, nodes: dict[Element, int], base_url: str) -> dict[str, str | None]:
    for expression in _AUTHORS:
        el = _own(node, expression, nodes)
        if el is None:
            continue
        name = _SAYS.sub("", text_of(el))
        if expression is _AUTHORS[1]:  # the block prints the name through wptexturize()
            name = name.translate(_UNTEXTURIZE)
        if not name:
            continue
        link = next(iter(_LINKS(el)), None)
        if link is None and el.getparent() is not None and el.getparent().tag == "a":
            link = el.getparent()
        url = absolute(base_url, link.get("href")) if link is not None else None
        return {"author": name, "author_url": url}
    return {"author": None, "author_url": None}


def _published(node: Element, comment_id: int, nodes: dict[Element, int],
               languages: tuple[str, ...], offset: tzinfo | None) -> str | None:
    stamp = _own(node, _TIMES, nodes)
    parsed = parse_iso(stamp.get("datetime", "").strip()) if stamp is not None else None
    if parsed is None:
        parsed = parse_date(_shown_date(node, comment_id, nodes), languages)
    if isinstance(parsed, datetime) and parsed.tzinfo is None and offset is not None:
        parsed = parsed.replace(tzinfo=offset)
    return to_iso(parsed) if parsed is not None else None


def _shown_date(node: Element, comment_id: int, nodes: dict[Element, int]) -> str | None:
    """The comment's permalink text (where WordPress prints the date), else its meta line."""
    meta = _own(node, _METAS, nodes)
    for link in _LINKS(meta if meta is not None else node):
        if link.get("href", "").endswith(f"#comment-{comment_id}") and _owner(link, nodes) is node:
            return text_of(link)
    return text_of(meta) if meta is not None else None


def _content(node: Element, comment_id: int, nodes: dict[Element, int]) -> dict[str, str]:
    el, unwanted = node, _NOT_BODY
    for expression, cleaning in zip(_CONTENTS, (_NOT_TEXT, _NOT_TEXT, _NOT_BODY), strict=True):
        found = _own(node, expression, nodes)
        if found is not None:
            el, unwanted = found, cleaning
            break
    body = _detached(el, comment_id)
    for part in unwanted(body):
        drop(part)
    inner = (body.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in body)
    return {"content_html": inner.strip(), "content_text": content_text(body)}


def _detached(el: Element, comment_id: int) -> Element:
    """A copy of *el* without the replies nested in it (the text is cleaned on the copy)."""
    body = copy.deepcopy(el)
    body.tail = None
    for reply in _NODES(body):
        match = _ID.match(reply.get("id", ""))
        if match and int(match.group(1)) != comment_id:
            drop(reply)
    return body
