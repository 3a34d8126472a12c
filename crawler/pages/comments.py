"""How many comments the page shows, or else says it has."""

from __future__ import annotations

import re
from types import MappingProxyType

from .commentpages import comment_page_links
from .document import Document
from .dom import Element, classes, text_of, xpath

_LIST_CLASSES = frozenset(("commentlist", "comment-list", "wp-block-comment-template"))
_COMMENT_ID = re.compile(r"^(?:li-)?comment-\d+$")
# Sahifa puts the `comment` class on a div inside a bare `<li id="comment-N">`.
# Pingbacks and trackbacks are not comments (the REST API and the comments dataset leave them out).
_ITEMS = xpath(
    "descendant::li[(starts-with(@id, 'comment-') or starts-with(@id, 'li-comment-')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' comment '))"
    " and not(contains(concat(' ', normalize-space(@class), ' '), ' pingback ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' trackback '))]"
)
_META_COUNT_CLASSES = frozenset(("comments-link", "post-comments", "comment-count",
                                 "comments-count", "wp-block-post-comments-count",
                                 "wp-block-post-comments-link"))

_WORD_NUMBERS = MappingProxyType({
    "no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
})
_LEADING = re.compile(r"^\s*(\d[\d,.\s]*|[a-z]+)\b", re.IGNORECASE)
_NUMBER_NEAR_WORD = re.compile(
    r"(\d+)\s*(?:comments?|responses?|repl(?:y|ies)|thoughts?)|comments?\s*[:(]?\s*(\d+)|\((\d+)\)",
    re.IGNORECASE,
)
_NONE_YET = re.compile(r"leave a (?:comment|reply)|no comments|be the first|add a comment",
                       re.IGNORECASE)


def comment_count(doc: Document, scope: Element | None) -> int | None:
    """Comment items shown (nested replies included, pingbacks not); else the count a comments
    heading, the post meta, microdata or JSON-LD declares; else 0 when only the reply form
    shows; else None. Comments split over pages: the count declared, when it is more."""
    lists = [el for tag in ("ol", "ul") for el in doc.tags[tag] if _is_comment_list(el)]
    if lists:
        shown = len({id(item): item for found in lists for item in _ITEMS(found)})
        if not comment_page_links(doc):
            return shown
        return max(shown, _declared(doc, scope) or 0)
    return _declared(doc, scope)


def _declared(doc: Document, scope: Element | None) -> int | None:
    for text in _declared_texts(doc, scope if scope is not None else doc.root):
        count = parse_count(text)
        if count is not None:
            return count
    return 0 if any(_is_reply_form(form) for form in doc.tags["form"]) else None


def _declared_texts(doc: Document, scope: Element) -> list[str]:
    texts = [text_of(el) for tag in ("h2", "h3") for el in doc.tags[tag] if _is_count_heading(el)]
    # Only this post's meta: sidebars list other posts with their own "3 Comments" links.
    texts += [text_of(el) for el in _meta_counts(doc, scope) if not doc.in_meta_noise(el, scope)]
    texts += doc.metas.get("commentcount", []) + doc.metas.get("interactioncount", [])
    declared = doc.jsonld.get("commentCount")
    if isinstance(declared, (int, str)):
        texts.append(str(declared))
    return [t for t in texts if t]


def _is_comment_list(el: Element) -> bool:
    """A comment list by its class, or (themes with a class-less ``<ol>``) by its items'
    ``id="comment-N"``; nested reply lists are counted through their top list."""
    if _LIST_CLASSES.intersection(classes(el)):
        return True
    if el.tag != "ol":
        return False
    first = el.find("li")
    parent = el.getparent()
    nested = parent is not None and parent.tag == "li"
    return first is not None and not nested and bool(_COMMENT_ID.match(first.get("id") or ""))


def _is_count_heading(el: Element) -> bool:
    return el.get("id") == "comments-title" or "comments-title" in (el.get("class") or "")


def _meta_counts(doc: Document, scope: Element) -> list[Element]:
    """The post meta's comment links and counters below ``scope`` (from its class index)."""
    return [el for el in doc.index(scope).elements if el is not scope and (
        el.tag == "a" or el.tag in ("span", "div") and "comment" in (el.get("class") or ""))
        and _is_meta_count(el)]


def _is_meta_count(el: Element) -> bool:
    href = el.get("href") or ""
    return href.endswith(("#comments", "#respond")) or bool(
        _META_COUNT_CLASSES.intersection(classes(el)))


def _is_reply_form(form: Element) -> bool:
    return form.get("id") == "commentform" or "wp-comments-post.php" in (form.get("action") or "")


def parse_count(text: str) -> int | None:
    """The count in "8 Comments", "One thought on “X”", "Comments (3)", "UserComments:5",
    "Leave a comment" (0); None when the text states no count."""
    leading = _LEADING.match(text)
    if leading:
        token = leading.group(1).strip().lower()
        if token[0].isdigit():
            return int(re.sub(r"\D", "", token))
        if token in _WORD_NUMBERS:
            return _WORD_NUMBERS[token]
    near = _NUMBER_NEAR_WORD.search(text)
    if near:
        return int(next(group for group in near.groups() if group))
    return 0 if _NONE_YET.search(text) else None
