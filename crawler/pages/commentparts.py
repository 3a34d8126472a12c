"""Where a page's comments are: each comment's element and the parts of it (author, date, meta,
text) that belong to it rather than to a reply nested in it.

One walk over the page's comment lists (found in the lists the page's index already holds, so a
page without comments costs next to nothing) finds the comments, and one XPath over each list
finds every part of every comment, each given to the comment it belongs to (its nearest comment
ancestor): linear in the thread's size, however deep it nests.
"""

from __future__ import annotations

import re

from .document import Document
from .dom import Element, classes, xpath

ID = re.compile(r"^(?:li-|div-)?comment-(\d+)$")
_INNER_ID = xpath("descendant::*[starts-with(@id, 'div-comment-') or starts-with(@id, 'comment-')]"
                   "/@id")
PINGS = frozenset(("pingback", "trackback"))

# Each part a comment may have, by the class (or attribute) that marks it; alternatives of one
# field in priority order. One XPath finds them all.
_ROLES = {
    "fn": "author", "wp-block-comment-author-name": "block_author",
    "comment-author": "comment_author",
    "comment-metadata": "meta", "commentmetadata": "meta", "comment-meta": "meta",
    "comment-date": "meta", "wp-block-comment-date": "meta",
    "comment-content": "content", "wp-block-comment-content": "content",
    "comment-text": "content", "comment-entry": "content", "comment-body": "body",
}
_ITEMPROPS = {"author": "comment_author", "text": "text", "commentText": "text"}
# A cheap filter (every role's class holds "comment" or "fn"); _roles() checks the tokens.
_PARTS = xpath("descendant::*[contains(@class, 'comment') or contains(@class, 'fn')"
               " or @itemprop or self::time[@datetime]]")

Parts = dict[str, Element]
"""A comment's parts by role: ``author``, ``block_author``, ``comment_author``, ``time``,
``meta``, ``content``, ``text``, ``body``; each the first in the comment's own markup."""


def comment_nodes(doc: Document) -> dict[Element, int]:
    """Each comment's ``<li>`` in the page's comment lists, with its ID: its own
    ``id="comment-N"``, else that of the element it holds (``div-comment-N``)."""
    nodes: dict[Element, int] = {}
    for found in _comment_lists(doc):
        for li in found.iter("li"):
            match = _comment_id(li)
            if match is not None:
                nodes.setdefault(li, int(match.group(1)))
    return nodes


def _comment_lists(doc: Document) -> list[Element]:
    """The outermost ``ol``/``ul`` whose first item is a comment, in page order (the page's
    lists are indexed once for every extractor: no walk of the whole tree here)."""
    lists = [el for tag in ("ol", "ul") for el in doc.tags[tag]
             if (first := el.find("li")) is not None and _comment_id(first) is not None]
    nested = {id(sub) for el in lists for sub in el.iter("ol", "ul") if sub is not el}
    return sorted((el for el in lists if id(el) not in nested), key=lambda el: el.sourceline or 0)


def _comment_id(li: Element) -> re.Match[str] | None:
    match = ID.match(li.get("id") or "")
    if match is None and "comment" in (li.get("class") or "") and "comment" in classes(li):
        match = next((m for m in map(ID.match, _INNER_ID(li)) if m), None)
    return match


def comment_parts(nodes: dict[Element, int]) -> dict[Element, Parts]:
    """Every comment's parts, each the first of its role inside the comment but outside its
    replies."""
    scopes = {id(p): p for node in nodes if (p := node.getparent()) is not None
              and owner(p, nodes) is None}
    found: dict[Element, Parts] = {}
    for scope in scopes.values():
        for el in _PARTS(scope):
            holder = owner(el, nodes)
            if holder is None:
                continue
            own = found.setdefault(holder, {})
            for role in _roles(el):
                own.setdefault(role, el)
    return found


def _roles(el: Element) -> list[str]:
    roles = [_ROLES[name] for name in classes(el) if name in _ROLES]
    prop = el.get("itemprop")
    if prop in _ITEMPROPS:
        roles.append(_ITEMPROPS[prop])
    if el.tag == "time" and el.get("datetime"):
        roles.append("time")
    return roles


def owner(el: Element, nodes: dict[Element, int]) -> Element | None:
    """The comment *el* belongs to: itself or its nearest ancestor among *nodes*."""
    node: Element | None = el
    while node is not None and node not in nodes:
        node = node.getparent()
    return node
