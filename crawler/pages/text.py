"""Plain text of a post body, following the project's ``content_text`` contract.

Each block element yields one paragraph: its text with whitespace runs collapsed to one space
and stripped, ``<br>`` kept as a newline. Nested blocks split their parent: the innermost blocks
are paragraphs, and text an outer block holds outside them forms paragraphs of its own, in
order. Paragraphs are joined by a blank line; empty ones are skipped.
"""

from __future__ import annotations

from typing import Any

from .dom import Element

# The contract's blocks; table cells (td, th) are deliberately not blocks: a row is a paragraph.
BLOCKS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                    "figcaption", "dt", "dd", "tr", "div", "section"))
# The other HTML block containers act the same way. They rarely hold text of their own, but
# when they do ("<figure><img>Credit</figure>") it must not run into the next paragraph.
_SEPARATORS = frozenset(("ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "caption", "figure",
                         "article", "aside", "header", "footer", "main", "nav", "address",
                         "details", "summary", "hr", "center", "fieldset", "hgroup", "form"))
_BOUNDARIES = BLOCKS | _SEPARATORS
_CELLS = frozenset(("td", "th"))
_BREAK = "\x00"  # stands for <br>: libxml2 never puts NUL in text, unlike "\n"
_ENTER, _LEAVE, _TAIL = range(3)


def content_text(el: Element) -> str:
    """``el``'s paragraphs joined by blank lines (``el``'s own tag is not part of the text)."""
    return "\n\n".join(paragraphs(el))


def paragraphs(el: Element) -> list[str]:
    """The paragraphs of ``el``, in order. One walk with a stack of its own, not a recursion:
    a page nested a thousand elements deep must cost its text, not the post."""
    found: list[str] = []
    pending: list[str] = []
    # (element, _ENTER), (element, _LEAVE) for a boundary's end, (tail text, _TAIL)
    stack: list[tuple[Any, int]] = [(el, _ENTER)]
    while stack:
        node, step = stack.pop()
        if step == _TAIL:
            pending.append(node)
        elif step == _LEAVE:
            _flush(pending, found)
        else:
            _enter(node, node is el, pending, found, stack)
    return found


def _enter(el: Element, is_root: bool, pending: list[str], found: list[str],
           stack: list[tuple[Any, int]]) -> None:
    """Open ``el``: its own text now; its children, their tails and its end through
    ``stack``."""
    tag = el.tag
    if is_root or tag in _BOUNDARIES:
        _flush(pending, found)
        stack.append((el, _LEAVE))
    if tag == "br":
        pending.append(_BREAK)
    else:
        if tag in _CELLS and pending:
            pending.append(" ")  # cells of a row are words apart, whatever the markup's spacing
        if el.text:
            pending.append(el.text)
    for child in reversed(el):
        if child.tail:
            stack.append((child.tail, _TAIL))
        if isinstance(child.tag, str):  # comments and processing instructions hold no text
            stack.append((child, _ENTER))


def _flush(pending: list[str], found: list[str]) -> None:
    if not pending:
        return
    raw = "".join(pending)
    pending.clear()
    if _BREAK in raw:
        lines = (" ".join(line.split()) for line in raw.split(_BREAK))
        paragraph = "\n".join(lines).strip("\n")
    else:
        paragraph = " ".join(raw.split())
    if paragraph:
        found.append(paragraph)
